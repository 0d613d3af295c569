// MarginMSE (Δ − m)²: regress the reward gap onto a target margin (the paper's Table 3 cites Friedman et al. 2001).
// Unlike the other losses it also pushes pairs whose gap is larger than m back towards m.
import * as tf from '@tensorflow/tfjs-core';
import { assertPairShapes } from './numeric.js';
import type { PairLoss } from './types.js';

export const MARGIN_MSE_DEFAULT_MARGIN = 1;

export const marginMseLoss: PairLoss = {
  name: 'margin-mse',
  aliases: ['marginmse', 'mse'],
  paperName: 'MarginMSE',
  formula: 'L = (Δ − m)² = (r_c − (r_r + m))²',
  source:
    'Friedman, Hastie & Tibshirani (2001), squared-error regression (as cited by the paper); default m = 1, ' +
    'our choice (same as hinge). The Skywork paper does not publish its m (paper-facts §3). With marginFromPairs, ' +
    "each pair's own margin replaces m.",
  defaults: { m: MARGIN_MSE_DEFAULT_MARGIN },
  reads: ['m', 'marginFromPairs'],
  usesMargin: false,
  behaviour:
    'Pulls every gap towards exactly m: hard pairs get a gradient growing linearly with how wrong they are, ' +
    'and very easy pairs (Δ > m) are pushed back, so the reward scale stays fixed.',
  reference(rChosen, rRejected, margin, params) {
    const m = params.marginFromPairs ? margin : (params.m ?? MARGIN_MSE_DEFAULT_MARGIN);
    const r = rChosen - rRejected - m;
    const g = 2 * r;
    return { loss: r * r, dChosen: g, dRejected: -g };
  },
  tensor(rChosen, rRejected, margin, params) {
    assertPairShapes('margin-mse', rChosen, rRejected, margin);
    if (params.marginFromPairs && margin === null)
      throw new Error('loss margin-mse: marginFromPairs is set but no margins were given');
    return tf.tidy(() => {
      const m = params.marginFromPairs ? margin! : tf.scalar(params.m ?? MARGIN_MSE_DEFAULT_MARGIN);
      return tf.square(tf.sub(tf.sub(rChosen, rRejected), m)) as tf.Tensor1D;
    });
  },
};
