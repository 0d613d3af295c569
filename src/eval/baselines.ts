// Baselines that show what surface cues alone reach, as RewardScorers so they run through the same code as models.
//  - random: a reward that is a hash of (seed, prompt, response) -> uniform [0, 1); expected accuracy exactly 0.5
//    (continuous scores: ties have probability 0), plus the seeded draw actually observed.
//  - longer-response-wins / shorter-response-wins: reward = +/- response length in characters (UTF-16 code units);
//    equal lengths give equal rewards, which count as wrong, as RewardBench counts ties.
import { createHash } from 'node:crypto';
import { promptText } from '../data/schema.js';
import type { RewardScorer, ScoringItem } from '../model/types.js';

export function randomScorer(seed: number): RewardScorer {
  return {
    name: `random (seed ${seed})`,
    async score(items: ScoringItem[]) {
      const out = new Float64Array(items.length);
      items.forEach((it, i) => {
        const d = createHash('sha256')
          .update(`${seed}\n${promptText(it.prompt)}\n${it.response}`)
          .digest();
        out[i] = (d.readUInt32BE(0) * 2 ** 21 + (d.readUInt32BE(4) >>> 11)) / 2 ** 53;
      });
      return out;
    },
  };
}

export function lengthScorer(prefer: 'longer' | 'shorter'): RewardScorer {
  const sign = prefer === 'longer' ? 1 : -1;
  return {
    name: `${prefer}-response-wins`,
    async score(items: ScoringItem[]) {
      return Float64Array.from(items, (it) => sign * it.response.length);
    },
  };
}

/** The expected accuracy of a random scorer on any subset: 0.5 exactly. */
export const RANDOM_EXPECTED_ACCURACY = 0.5;

/** The baselines every evaluation reports: seeded random, then (unless `length` is false) the two length ones. */
export function baselineScorers(seed: number, options: { length?: boolean } = {}): RewardScorer[] {
  return [randomScorer(seed), ...((options.length ?? true) ? [lengthScorer('longer'), lengthScorer('shorter')] : [])];
}
