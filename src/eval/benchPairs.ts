// A benchmark as the flat list of pairs an outside model must score, each with the stable id its reward is keyed by:
// the pair ids the evaluators already use (JudgeBench's pair_id, source-prefixed pair ids), and for RM-Bench three
// pairs per prompt (rmBenchPairId). `rmw export bench` writes these rows; `rmw eval --scores` checks a score table
// covers exactly their ids.
import type { Message } from '../data/schema.js';
import type { RmBenchItem } from '../data/loaders/rmBench.js';
import { userPrompt } from '../data/schema.js';
import type { PairwiseBenchmark } from './evaluate.js';
import { rmBenchPairId } from './rmbenchEval.js';

export interface BenchPairRow {
  id: string;
  bench: string;
  /** The subset (or RM-Bench domain) the pair belongs to. */
  subset: string;
  prompt: Message[];
  chosen: string;
  rejected: string;
}

const sameText = (a: BenchPairRow, b: BenchPairRow) =>
  a.chosen === b.chosen &&
  a.rejected === b.rejected &&
  a.prompt.length === b.prompt.length &&
  a.prompt.every((m, i) => m.role === b.prompt[i].role && m.content === b.prompt[i].content);

/** Rows in benchmark order; a pair id shared by two subsets is kept once when the pair is the same, else an error. */
function uniqueRows(rows: BenchPairRow[], bench: string): BenchPairRow[] {
  const seen = new Map<string, BenchPairRow>();
  const out: BenchPairRow[] = [];
  for (const r of rows) {
    const prev = seen.get(r.id);
    if (!prev) {
      seen.set(r.id, r);
      out.push(r);
    } else if (!sameText(prev, r)) {
      throw new Error(
        `${bench}: pair id "${r.id}" names two different pairs (subsets ${prev.subset}, ${r.subset}); one ` +
          `score per id cannot serve both`,
      );
    }
  }
  return out;
}

/** Every pair of a pairwise benchmark (report-only subsets included: they are evaluated too). */
export function pairwiseBenchRows(bench: PairwiseBenchmark, name = bench.name): BenchPairRow[] {
  const rows = bench.subsets.flatMap((s) =>
    s.pairs.map((p) => ({
      id: p.id,
      bench: name,
      subset: s.key,
      prompt: p.prompt,
      chosen: p.chosen,
      rejected: p.rejected,
    })),
  );
  return uniqueRows(rows, name);
}

/** RM-Bench's items as three same-style pairs each (chosen[k] vs rejected[k]), by domain file. */
export function rmBenchRows(domains: Record<string, readonly RmBenchItem[]>): BenchPairRow[] {
  const rows: BenchPairRow[] = [];
  for (const [domain, items] of Object.entries(domains))
    for (const it of items)
      for (let k = 0; k < 3; k++)
        rows.push({
          id: rmBenchPairId(it.id, k),
          bench: 'rmbench',
          subset: domain,
          prompt: userPrompt(it.prompt),
          chosen: it.chosen[k],
          rejected: it.rejected[k],
        });
  return uniqueRows(rows, 'rmbench');
}

/** One JSON line per pair, keys in a fixed order, so the same benchmark always gives the same bytes. */
export function benchRowsJsonl(rows: readonly BenchPairRow[]): string {
  return rows
    .map(
      (r) =>
        `${JSON.stringify({
          id: r.id,
          bench: r.bench,
          subset: r.subset,
          prompt: r.prompt.map((m) => ({ role: m.role, content: m.content })),
          chosen: r.chosen,
          rejected: r.rejected,
        })}\n`,
    )
    .join('');
}
