// The held-out benchmark: a mix's held-out split (pairs whose prompt hash puts them outside every training mix),
// one subset per training source, `overall` = the pair-weighted mean. Our experiment runs report it as in-distribution
// accuracy; a model trained elsewhere on an exported mix is scored on the same pairs.
import type { PreferencePair } from '../data/schema.js';
import type { BenchSubset } from './benchmark.js';
import type { PairwiseBenchmark } from './evaluate.js';

/** Sources with fewer held-out pairs than this are not reported (one pair says nothing). */
export const MIN_HELD_OUT_PAIRS = 20;

/** Held-out pairs grouped by source, small sources dropped. */
export function heldOutBySource(
  pairs: readonly PreferencePair[],
  min = MIN_HELD_OUT_PAIRS,
): Record<string, PreferencePair[]> {
  const out: Record<string, PreferencePair[]> = {};
  for (const p of pairs) if (p.chosen !== p.rejected) (out[p.source] ??= []).push(p);
  for (const k of Object.keys(out)) if (out[k].length < min) delete out[k];
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A pairwise benchmark of the held-out pairs: one subset per source, `overall` = pair-weighted mean. */
export function heldOutBenchmark(bySource: Record<string, PreferencePair[]>): PairwiseBenchmark {
  const subsets: BenchSubset[] = Object.entries(bySource).map(([source, pairs]) => ({
    key: source,
    tag: 'in-distribution',
    rule: 'fixed held-out split of a training source (prompt hash), never trained on',
    sources: [source],
    pairs: pairs.map((p) => ({ id: p.id, prompt: p.prompt, chosen: p.chosen, rejected: p.rejected })),
  }));
  return {
    name: 'held-out',
    subsets,
    metrics: (acc) => {
      let num = 0,
        den = 0;
      for (const s of subsets)
        if (acc[s.key] !== undefined) {
          num += acc[s.key] * s.pairs.length;
          den += s.pairs.length;
        }
      return { overall: den ? num / den : 0 };
    },
  };
}
