// What every benchmark builder produces and every evaluator consumes: tagged subsets of preference pairs.
import type { Message } from '../data/schema.js';
import type { RewardScorer, ScoringItem } from '../model/types.js';
import { correctness } from './rewardbenchScore.js';

/**
 * How faithfully a subset reproduces the benchmark it is named after:
 *  exact: the same pairs as the original subset; approximate: the same prompts, pairs rebuilt by a stated rule;
 *  proxy: different (real) data standing in for a missing subset, same role; in-distribution: held-out training data.
 */
export type SubsetTag = 'exact' | 'approximate' | 'proxy' | 'in-distribution';

export interface EvalPair {
  id: string;
  prompt: Message[];
  chosen: string;
  rejected: string;
}

export interface BenchSubset {
  key: string;
  tag: SubsetTag;
  /** How the pairs were made, in one or two sentences. */
  rule: string;
  /** Source ids (data/sources.json) the pairs come from. */
  sources: string[];
  pairs: EvalPair[];
  /** RewardBench subsets this one stands for (its weight is the sum of theirs); default [key]. */
  standsFor?: string[];
}

/** Scores both sides of every pair in batches; returns parallel reward arrays. */
export async function scorePairs(
  scorer: RewardScorer,
  pairs: readonly EvalPair[],
  batchSize = 256,
): Promise<{ chosen: Float64Array; rejected: Float64Array }> {
  const chosen = new Float64Array(pairs.length);
  const rejected = new Float64Array(pairs.length);
  for (let start = 0; start < pairs.length; start += batchSize) {
    const batch = pairs.slice(start, start + batchSize);
    const items: ScoringItem[] = [];
    for (const p of batch)
      items.push(
        { prompt: p.prompt, response: p.chosen, pair: { id: p.id, side: 'chosen' } },
        { prompt: p.prompt, response: p.rejected, pair: { id: p.id, side: 'rejected' } },
      );
    const r = await scorer.score(items);
    if (r.length !== items.length)
      throw new Error(`scorer "${scorer.name}" returned ${r.length} rewards for ${items.length} items`);
    batch.forEach((_, i) => {
      chosen[start + i] = r[2 * i];
      rejected[start + i] = r[2 * i + 1];
    });
  }
  return { chosen, rejected };
}

/** Per-subset 0/1 correctness (strict chosen > rejected) for a scorer. */
export async function subsetCorrectness(
  scorer: RewardScorer,
  subsets: readonly BenchSubset[],
): Promise<Record<string, Uint8Array>> {
  const out: Record<string, Uint8Array> = {};
  for (const s of subsets) {
    const { chosen, rejected } = await scorePairs(scorer, s.pairs);
    out[s.key] = correctness(chosen, rejected);
  }
  return out;
}
