// Focal loss on the pairwise probability: −(1 − σ(Δ))^γ log σ(Δ) (Lin et al. 2017, applied to preference pairs).
// Written as exp(−γ·softplus(Δ)) · softplus(−Δ), since (1 − σ(Δ))^γ = σ(−Δ)^γ = exp(−γ·softplus(Δ)): no pow of 0
// (whose tfjs gradient is NaN at γ = 0) and no overflow at |Δ| = 1e4.
import * as tf from '@tensorflow/tfjs-core';
import { assertPairShapes, sigmoid, softplus } from './numeric.js';
import type { PairLoss } from './types.js';

export const FOCAL_DEFAULT_GAMMA = 2;

export const focalLoss: PairLoss = {
  name: 'focal',
  aliases: ['focal-loss'],
  paperName: 'Focal',
  formula: 'L = −(1 − σ(Δ))^γ · log σ(Δ)',
  source:
    'Lin et al. (2017), Focal Loss for Dense Object Detection; default γ = 2, the value Lin et al. found best. ' +
    'The Skywork paper does not publish its γ (paper-facts §3). γ = 0 is Bradley-Terry.',
  defaults: { gamma: FOCAL_DEFAULT_GAMMA },
  reads: ['gamma'],
  usesMargin: false,
  behaviour:
    'Down-weights easy pairs by (1 − σ(Δ))^γ: once σ(Δ) is near 1 the pair stops pulling almost entirely, ' +
    "while badly ranked pairs (Δ ≪ 0) keep a gradient as large as Bradley-Terry's (slightly larger for Δ < −1.5).",
  reference(rChosen, rRejected, _margin, params) {
    const gamma = params.gamma ?? FOCAL_DEFAULT_GAMMA;
    const delta = rChosen - rRejected;
    const nll = softplus(-delta); // −log σ(Δ)
    const w = Math.exp(-gamma * softplus(delta)); // (1 − σ(Δ))^γ
    // dL/dΔ = −w·[γ·σ(Δ)·nll + σ(−Δ)]
    const g = -w * (gamma * sigmoid(delta) * nll + sigmoid(-delta));
    return { loss: w * nll, dChosen: g, dRejected: -g };
  },
  tensor(rChosen, rRejected, margin, params) {
    assertPairShapes('focal', rChosen, rRejected, margin);
    const gamma = params.gamma ?? FOCAL_DEFAULT_GAMMA;
    return tf.tidy(() => {
      const delta = tf.sub(rChosen, rRejected);
      const w = tf.exp(tf.mul(tf.scalar(-gamma), tf.softplus(delta)));
      return tf.mul(w, tf.softplus(tf.neg(delta))) as tf.Tensor1D;
    });
  },
};
