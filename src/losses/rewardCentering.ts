// Reward centring λ·(r_c + r_r)² (Eisenstein et al. 2023, "Helping or Herding?"): pairwise losses only see Δ, so the
// overall reward level drifts freely; this term pins the mean of each pair's two rewards at 0. Any loss can add it
// through params.center; `pairLossTensor`/`pairLossReference` do so. Registered on its own as the term `center`.
import * as tf from '@tensorflow/tfjs-core';
import { assertPairShapes } from './numeric.js';
import type { PairLoss, PairLossValue } from './types.js';

export const CENTER_DEFAULT_LAMBDA = 0.01;

/** λ·(r_c + r_r)² and its gradients (both 2λ·(r_c + r_r)). */
export function rewardCentering(rChosen: number, rRejected: number, lambda: number): PairLossValue {
  const s = rChosen + rRejected;
  const g = 2 * lambda * s;
  return { loss: lambda * s * s, dChosen: g, dRejected: g };
}

/** Per-pair λ·(r_c + r_r)² as a 1-D tensor. */
export function rewardCenteringTensor(rChosen: tf.Tensor1D, rRejected: tf.Tensor1D, lambda: number): tf.Tensor1D {
  assertPairShapes('center', rChosen, rRejected, null);
  return tf.tidy(() => tf.mul(tf.scalar(lambda), tf.square(tf.add(rChosen, rRejected))) as tf.Tensor1D);
}

export const rewardCenteringTerm: PairLoss = {
  name: 'center',
  aliases: ['centering', 'centring', 'reward-centering', 'reward-centring'],
  paperName: 'Reward centring (add-on term, not a Table 3 row)',
  formula: 'L = λ·(r_c + r_r)²',
  source:
    'Eisenstein et al. (2023), Helping or Herding?, auxiliary centring loss with λ = 0.01 (our default when the ' +
    'term is evaluated on its own). Added to any loss with params.center = λ (default 0 = off there).',
  defaults: { center: CENTER_DEFAULT_LAMBDA },
  reads: ['center'],
  usesMargin: false,
  kind: 'term',
  behaviour:
    "Ignores the ranking: pulls the pair's two rewards symmetrically towards a zero mean, so rewards from " +
    'different prompts stay on a comparable scale.',
  reference(rChosen, rRejected, _margin, params) {
    return rewardCentering(rChosen, rRejected, params.center ?? CENTER_DEFAULT_LAMBDA);
  },
  tensor(rChosen, rRejected, margin, params) {
    assertPairShapes('center', rChosen, rRejected, margin);
    return rewardCenteringTensor(rChosen, rRejected, params.center ?? CENTER_DEFAULT_LAMBDA);
  },
};
