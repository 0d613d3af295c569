// Ties of any scorer on a benchmark: a tie (chosen and rejected rewards equal) is never a correct pair under the
// strict chosen > rejected rule, so a model that ties many pairs loses accuracy to them and a constant one scores 0.
// The wrapper records each pair's two rewards as the evaluator asks for them (items carry their pair id and side) and
// counts the pairs whose rewards are equal, so `rmw eval` can report ties for every model, not only the references.
import type { RewardScorer, ScoringItem } from '../model/types.js';

export interface TieCount {
  /** Pairs whose two sides were both scored. */
  pairs: number;
  tied: number;
}

export function tieCountingScorer(scorer: RewardScorer): { scorer: RewardScorer; ties(): TieCount } {
  const sides = new Map<string, { chosen?: number; rejected?: number }>();
  const score = async (items: ScoringItem[]) => {
    const rewards = await scorer.score(items);
    items.forEach((it, i) => {
      if (!it.pair) return;
      const s = sides.get(it.pair.id) ?? {};
      s[it.pair.side] = rewards[i];
      sides.set(it.pair.id, s);
    });
    return rewards;
  };
  // Everything else (name, snapshots, disposal) stays the wrapped scorer's own.
  const wrapped = new Proxy(scorer, {
    get: (target, prop) => {
      if (prop === 'score') return score;
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return {
    scorer: wrapped,
    ties() {
      let pairs = 0;
      let tied = 0;
      for (const s of sides.values()) {
        if (s.chosen === undefined || s.rejected === undefined) continue;
        pairs++;
        if (s.chosen === s.rejected) tied++;
      }
      return { pairs, tied };
    },
  };
}
