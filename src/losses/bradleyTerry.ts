// Bradley-Terry pairwise loss −log σ(Δ) = softplus(−Δ): the loss Skywork-Reward trains its released models with
// (paper Table 3, best average score 93.8 on Gemma-2-27B; paper-facts §3).
import * as tf from '@tensorflow/tfjs-core';
import { assertPairShapes, sigmoid, softplus } from './numeric.js';
import type { PairLoss } from './types.js';

export const bradleyTerryLoss: PairLoss = {
  name: 'bt',
  aliases: ['bradley-terry', 'bradleyterry'],
  paperName: 'Bradley-Terry',
  formula: 'L = −log σ(Δ) = softplus(−Δ)',
  source: 'Bradley & Terry (1952); the loss of the released Skywork-Reward models (paper Table 3). No parameters.',
  defaults: {},
  reads: [],
  usesMargin: false,
  behaviour:
    'Every pair pulls: the gradient −σ(−Δ) is −1 for badly ranked pairs and decays like e^−Δ for easy ones, ' +
    'so easy pairs keep contributing a little and the reward gap keeps growing.',
  reference(rChosen, rRejected) {
    const delta = rChosen - rRejected;
    const g = -sigmoid(-delta); // d softplus(−Δ)/dΔ
    return { loss: softplus(-delta), dChosen: g, dRejected: -g };
  },
  tensor(rChosen, rRejected, margin) {
    assertPairShapes('bt', rChosen, rRejected, margin);
    return tf.tidy(() => tf.softplus(tf.sub(rRejected, rChosen)) as tf.Tensor1D);
  },
};
