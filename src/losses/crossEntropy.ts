// Pointwise cross-entropy −[log σ(r_c) + log(1 − σ(r_r))]: each response is classified good/bad on its own
// (the paper's Table 3 cites Goodfellow et al. 2016). It is not a function of Δ alone; log(1 − σ(x)) = −softplus(x).
import * as tf from '@tensorflow/tfjs-core';
import { assertPairShapes, sigmoid, softplus } from './numeric.js';
import type { PairLoss } from './types.js';

export const crossEntropyLoss: PairLoss = {
  name: 'cross-entropy',
  aliases: ['ce', 'xent', 'bce'],
  paperName: 'Cross-entropy',
  formula: 'L = −[log σ(r_c) + log(1 − σ(r_r))] = softplus(−r_c) + softplus(r_r)',
  source:
    'Goodfellow, Bengio & Courville (2016), binary cross-entropy (as cited by the paper). No parameters. ' +
    "Lowest average in the paper's Table 3 (87.6).",
  defaults: {},
  reads: [],
  usesMargin: false,
  behaviour:
    'Ignores the pairing: it wants r_c > 0 and r_r < 0 in absolute terms, so a pair already ranked right ' +
    'still pulls if both rewards sit on the same side of 0. (Curves plot it at r_c = Δ/2, r_r = −Δ/2.)',
  reference(rChosen, rRejected) {
    return {
      loss: softplus(-rChosen) + softplus(rRejected),
      dChosen: -sigmoid(-rChosen),
      dRejected: sigmoid(rRejected),
    };
  },
  tensor(rChosen, rRejected, margin) {
    assertPairShapes('cross-entropy', rChosen, rRejected, margin);
    return tf.tidy(() => tf.add(tf.softplus(tf.neg(rChosen)), tf.softplus(rRejected)) as tf.Tensor1D);
  },
};
