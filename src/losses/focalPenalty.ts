// InternLM2's focal ranking loss ("focal with penalty" in the paper's Table 3, citing Cai et al. 2024):
// −(1 − 2·max(σ(Δ) − 0.5, 0))^γ · log σ(Δ). Pairs ranked wrong or undecided (Δ ≤ 0) keep the full BT loss; for Δ > 0
// the weight is (2σ(−Δ))^γ = exp(γ·(ln 2 − softplus(Δ))), so we write w = exp(γ·min(0, ln 2 − softplus(Δ))).
import * as tf from '@tensorflow/tfjs-core';
import { assertPairShapes, sigmoid, softplus } from './numeric.js';
import type { PairLoss } from './types.js';

export const FOCAL_PENALTY_DEFAULT_GAMMA = 2;

export const focalPenaltyLoss: PairLoss = {
  name: 'focal-penalty',
  aliases: ['focal-with-penalty', 'internlm2-focal', 'focal-ranking'],
  paperName: 'Focal with penalty',
  formula: 'L = −(1 − 2·max(σ(Δ) − 0.5, 0))^γ · log σ(Δ)',
  source:
    'InternLM2 technical report (Cai et al., 2024), difficulty-decay ranking loss; default γ = 2 as in ' +
    "InternLM's open-source trainer (XTuner). The Skywork paper does not publish its γ (paper-facts §3). " +
    'InternLM2 also adds a log-barrier term keeping rewards in (−5, 5); it is not part of this formula.',
  defaults: { gamma: FOCAL_PENALTY_DEFAULT_GAMMA },
  reads: ['gamma'],
  usesMargin: false,
  behaviour:
    'Identical to Bradley-Terry for wrongly ranked pairs (Δ ≤ 0); correctly ranked pairs are down-weighted ' +
    'by (2σ(−Δ))^γ, more gently than focal near Δ = 0, and like focal it decays as e^(−γΔ) once they are easy.',
  reference(rChosen, rRejected, _margin, params) {
    const gamma = params.gamma ?? FOCAL_PENALTY_DEFAULT_GAMMA;
    const delta = rChosen - rRejected;
    const nll = softplus(-delta);
    if (!(delta > 0)) {
      const g0 = -sigmoid(-delta);
      return { loss: nll, dChosen: g0, dRejected: -g0 };
    }
    const w = Math.exp(gamma * (Math.LN2 - softplus(delta)));
    // dw/dΔ = −γ·σ(Δ)·w, so dL/dΔ = −w·[γ·σ(Δ)·nll + σ(−Δ)]
    const g = -w * (gamma * sigmoid(delta) * nll + sigmoid(-delta));
    return { loss: w * nll, dChosen: g, dRejected: -g };
  },
  tensor(rChosen, rRejected, margin, params) {
    assertPairShapes('focal-penalty', rChosen, rRejected, margin);
    const gamma = params.gamma ?? FOCAL_PENALTY_DEFAULT_GAMMA;
    return tf.tidy(() => {
      const delta = tf.sub(rChosen, rRejected);
      // min(0, ·) with the constant first: at a tie tfjs sends the gradient to the constant, matching the reference.
      const logHalfWeight = tf.minimum(tf.scalar(0), tf.sub(tf.scalar(Math.LN2), tf.softplus(delta)));
      const w = tf.exp(tf.mul(tf.scalar(gamma), logHalfWeight));
      return tf.mul(w, tf.softplus(tf.neg(delta))) as tf.Tensor1D;
    });
  },
};
