// Pair accuracy (strict r_chosen > r_rejected: ties count as wrong, as in RewardBench) with a Wilson 95% interval,
// and the trainer's metrics: one per optimizer step, one per held-out evaluation.
import type { EncodedPair, TrainableRewardModel } from '../model/trainable.js';

export interface PairEval {
  n: number;
  correct: number;
  accuracy: number;
  /** Wilson score interval at 95%. */
  ci95: [number, number];
  /** Mean loss over the pairs (the training loss with its params), when asked for. */
  loss?: number;
}

export interface StepMetric {
  step: number;
  epoch: number;
  lr: number;
  loss: number;
  /** Training-batch pair accuracy before the update. */
  accuracy: number;
  gradNorm: number;
  clipped: boolean;
}

export interface EvalMetric extends PairEval {
  step: number;
}

export function wilsonInterval(correct: number, n: number, z = 1.959963984540054): [number, number] {
  if (n === 0) return [0, 1];
  const p = correct / n,
    z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Rewards of chosen and rejected for every pair, in chunks. */
export async function scorePairsWith(
  model: TrainableRewardModel,
  pairs: readonly EncodedPair[],
  chunk = 256,
): Promise<{ chosen: Float64Array; rejected: Float64Array }> {
  const chosen = new Float64Array(pairs.length),
    rejected = new Float64Array(pairs.length);
  for (let at = 0; at < pairs.length; at += chunk) {
    const part = pairs.slice(at, at + chunk);
    const r = await model.rewards([...part.map((p) => p.chosen), ...part.map((p) => p.rejected)]);
    chosen.set(r.subarray(0, part.length), at);
    rejected.set(r.subarray(part.length), at);
  }
  return { chosen, rejected };
}

export function accuracyOf(chosen: ArrayLike<number>, rejected: ArrayLike<number>): PairEval {
  let correct = 0;
  for (let i = 0; i < chosen.length; i++) if (chosen[i] > rejected[i]) correct++;
  const n = chosen.length;
  return { n, correct, accuracy: n ? correct / n : NaN, ci95: wilsonInterval(correct, n) };
}
