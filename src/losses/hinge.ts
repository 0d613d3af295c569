// Hinge loss max(0, m − Δ) on the reward gap (the SVM loss; the paper's Table 3 cites Schölkopf et al. 2001).
import * as tf from '@tensorflow/tfjs-core';
import { assertPairShapes } from './numeric.js';
import type { PairLoss } from './types.js';

export const HINGE_DEFAULT_MARGIN = 1;

export const hingeLoss: PairLoss = {
  name: 'hinge',
  aliases: ['svm'],
  paperName: 'Hinge',
  formula: 'L = max(0, m − Δ)',
  source:
    'Schölkopf & Smola (2001), Learning with Kernels (as cited by the paper); default m = 1, the canonical SVM ' +
    "margin. The Skywork paper does not publish its m (paper-facts §3). With marginFromPairs, each pair's own margin " +
    'replaces m.',
  defaults: { m: HINGE_DEFAULT_MARGIN },
  reads: ['m', 'marginFromPairs'],
  usesMargin: false,
  behaviour:
    'A constant pull (gradient −1) until the chosen reward leads by m, then exactly zero: easy pairs beyond ' +
    'the margin are ignored, and hard pairs are not weighted by how wrong they are.',
  reference(rChosen, rRejected, margin, params) {
    const m = params.marginFromPairs ? margin : (params.m ?? HINGE_DEFAULT_MARGIN);
    const slack = m - (rChosen - rRejected);
    // At the kink (slack = 0) the gradient is 0, as tfjs's relu gradient gives.
    const g = slack > 0 ? -1 : 0;
    return { loss: slack > 0 ? slack : 0, dChosen: g, dRejected: -g };
  },
  tensor(rChosen, rRejected, margin, params) {
    assertPairShapes('hinge', rChosen, rRejected, margin);
    if (params.marginFromPairs && margin === null)
      throw new Error('loss hinge: marginFromPairs is set but no margins were given');
    return tf.tidy(() => {
      const m = params.marginFromPairs ? margin! : tf.scalar(params.m ?? HINGE_DEFAULT_MARGIN);
      return tf.relu(tf.sub(m, tf.sub(rChosen, rRejected))) as tf.Tensor1D;
    });
  },
};
