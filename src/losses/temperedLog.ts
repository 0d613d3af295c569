// Tempered log loss −log_t σ(Δ) with the tempered logarithm log_t(x) = (x^(1−t) − 1)/(1 − t), so
// L = −(1/(1−t))·(σ(Δ)^(1−t) − 1). t → 1 recovers Bradley-Terry; t = 0 gives 1 − σ(Δ); for t < 1 the loss is bounded
// by 1/(1−t), which caps how much a mislabelled pair can pull. Written as −expm1((1−t)·log σ(Δ))/(1−t), exact near t =
// 1.
import * as tf from '@tensorflow/tfjs-core';
import { assertPairShapes, sigmoid, softplus } from './numeric.js';
import type { PairLoss } from './types.js';

export const TEMPERED_DEFAULT_T = 0.5;

function checkT(t: number): void {
  if (!(t <= 1))
    throw new Error(
      `loss tempered-log: t = ${t} is invalid (t must be ≤ 1: for t > 1 the loss is unbounded and overflows ` +
        `at large |Δ|)`,
    );
}

export const temperedLogLoss: PairLoss = {
  name: 'tempered-log',
  aliases: ['tempered', 'tempered-logarithm'],
  paperName: 'Tempered log',
  formula: 'L = −(1/(1−t))·(σ(Δ)^(1−t) − 1)   (t = 1: −log σ(Δ))',
  source:
    'Paper Table 3 cites Carvalho et al. (2010); the tempered logarithm log_t is from Naudts (2002), used for ' +
    'robust losses by Amid et al. (2019). Default t = 0.5 is our choice, halfway between 1 − σ(Δ) (t = 0) and ' +
    'Bradley-Terry (t = 1). The Skywork paper does not publish its t (paper-facts §3).',
  defaults: { t: TEMPERED_DEFAULT_T },
  reads: ['t'],
  usesMargin: false,
  behaviour:
    'Bounded: for badly ranked pairs the gradient −σ(Δ)^(1−t)·σ(−Δ) fades to 0 (t < 1), so very hard pairs, ' +
    'possibly mislabelled, stop pulling; easy pairs behave like Bradley-Terry.',
  reference(rChosen, rRejected, _margin, params) {
    const t = params.t ?? TEMPERED_DEFAULT_T;
    checkT(t);
    const delta = rChosen - rRejected;
    const logP = -softplus(-delta); // log σ(Δ)
    const a = 1 - t;
    if (a === 0) {
      const g0 = -sigmoid(-delta);
      return { loss: -logP, dChosen: g0, dRejected: -g0 };
    }
    // dL/dΔ = −σ(Δ)^(1−t) · d logσ(Δ)/dΔ = −exp(a·logσ(Δ))·σ(−Δ)
    const g = -Math.exp(a * logP) * sigmoid(-delta);
    return { loss: -Math.expm1(a * logP) / a, dChosen: g, dRejected: -g };
  },
  tensor(rChosen, rRejected, margin, params) {
    assertPairShapes('tempered-log', rChosen, rRejected, margin);
    const t = params.t ?? TEMPERED_DEFAULT_T;
    checkT(t);
    const a = 1 - t;
    return tf.tidy(() => {
      const nll = tf.softplus(tf.sub(rRejected, rChosen)); // −log σ(Δ)
      if (a === 0) return nll as tf.Tensor1D;
      return tf.div(tf.neg(tf.expm1(tf.mul(tf.scalar(-a), nll))), tf.scalar(a)) as tf.Tensor1D;
    });
  },
};
