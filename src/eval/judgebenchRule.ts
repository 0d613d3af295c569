// What JudgeBench counts as correct for a reward model (ScalerLab/JudgeBench @ e2c52c2, utils/judges.py and
// utils/metrics.py, read 2026-11):
//  1. Each pair is judged twice, as (A, B) and as (B, A) (run_judge.py: reverse_order unless --single_game).
//  2. A reward-model judge decides "A>B" if score(first) > score(second), else "B>A": a tie goes to the response
//     shown second. There is no "A=B" outcome for reward models.
//  3. The second judgment is flipped back to the original order; each judgment agreeing with the label counts +1,
//     each contradicting it -1; the pair is correct only when the sum is > 0. For a reward model that means: correct
//     iff both orders pick the labelled response. An exact tie (same score in both orders) gives one vote each way
//     (sum 0), so it is wrong: the same as RewardBench's strict chosen > rejected.
//  4. Accuracy = correct / all pairs, overall and per category (mmlu-pro-* = knowledge, livebench-reasoning =
//     reasoning, livebench-math = math, livecodebench = coding).
// For a deterministic scorer (ours: the same response gets the same reward in either order) rule 3 reduces exactly
// to chosen > rejected, so our models and the five reference models are scored by one rule.

import type { JudgeBenchPairCategory, JudgeBenchPairLabel as JudgeBenchLabel } from '../data/loaders/judgeBench.js';

/** JudgeBench's four categories in the paper's table order. */
export const JUDGEBENCH_CATEGORIES: readonly JudgeBenchPairCategory[] = ['knowledge', 'reasoning', 'math', 'coding'];

/** A reward-model judge's decision for one ordering: the first response wins only with a strictly higher score. */
export function rewardModelDecision(scoreFirst: number, scoreSecond: number): JudgeBenchLabel {
  return scoreFirst > scoreSecond ? 'A>B' : 'B>A';
}

function flip(d: JudgeBenchLabel): JudgeBenchLabel {
  return d === 'A>B' ? 'B>A' : 'A>B';
}

/**
 * JudgeBench's verdict for one pair. `original` = [score(A), score(B)] with A, B in dataset order; `swapped` =
 * [score(B), score(A)] from the second pass. Without `swapped`, the scorer is taken to be order-independent.
 */
export function judgeBenchPairCorrect(
  label: JudgeBenchLabel,
  original: readonly [number, number],
  swapped: readonly [number, number] = [original[1], original[0]],
): boolean {
  let votes = 0;
  for (const d of [rewardModelDecision(original[0], original[1]), flip(rewardModelDecision(swapped[0], swapped[1]))]) {
    votes += d === label ? 1 : -1;
  }
  return votes > 0;
}
