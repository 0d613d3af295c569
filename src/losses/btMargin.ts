// Bradley-Terry with a per-pair margin, −log σ(Δ − m): Llama 2's reward-model loss (Touvron et al. 2023, §3.2.2),
// where m grows with how clearly annotators preferred the chosen response. Not one of the paper's Table 3 rows;
// the workbench adds it for the "BT versus margin" comparison.
import * as tf from '@tensorflow/tfjs-core';
import { assertPairShapes, sigmoid, softplus } from './numeric.js';
import type { PairLoss } from './types.js';

export const btMarginLoss: PairLoss = {
  name: 'bt-margin',
  aliases: ['margin', 'bt-with-margin', 'llama2-margin'],
  paperName: 'Bradley-Terry with margin (Llama 2; not in Table 3)',
  formula: "L = −log σ(Δ − m) = softplus(m − Δ), m = the pair's margin",
  source:
    'Touvron et al. (2023), Llama 2, §3.2.2. The margin comes with each pair (ratings, votes or score gaps); ' +
    'a pair without one has m = 0, which is plain Bradley-Terry.',
  defaults: {},
  reads: [],
  usesMargin: true,
  behaviour:
    'Like Bradley-Terry shifted right by m: a pair counts as easy only once the chosen reward leads by more ' +
    'than its margin, so clearly separated pairs are pushed further apart than close calls.',
  reference(rChosen, rRejected, margin) {
    const z = rChosen - rRejected - margin;
    const g = -sigmoid(-z);
    return { loss: softplus(-z), dChosen: g, dRejected: -g };
  },
  tensor(rChosen, rRejected, margin) {
    assertPairShapes('bt-margin', rChosen, rRejected, margin);
    return tf.tidy(() => {
      const negZ = tf.sub(rRejected, rChosen);
      return tf.softplus(margin === null ? negZ : tf.add(negZ, margin)) as tf.Tensor1D;
    });
  },
};
