// Score-based selection (paper-facts §2.1):
//   adjustArmoScores       subtract a per-source offset from each pair's selection score, so data from weaker
//                          generators ranks lower ([A]: ArmoRM mean - 0.1 for Magpie Air, - 0.05 for Magpie Pro Llama
// 3).
//   selectTopKPerCategory  rank math, code and other independently on the adjusted score and keep the top k of each
//                          (ratio or count); the 30% / 30% / 10% defaults come from secondary summaries only ([S]).
import type { PreferencePair } from '../data/schema.js';
import { taskGroup } from './categories.js';
import { DropCounter, stepReport, type StepResult } from './report.js';

/** Source names the HF recipes give the four Magpie subsets. */
export const MAGPIE_SOURCES = {
  ultra: 'magpie-ultra-v0.1',
  proLlama31: 'magpie-pro-llama3.1',
  proLlama3: 'magpie-pro-llama3',
  air: 'magpie-air',
} as const;

/** The paper's offsets (paper-facts §2.1 [A]): Air -0.1, Pro (Llama 3) -0.05, others 0. */
export const MAGPIE_ARMO_OFFSETS: Readonly<Record<string, number>> = {
  [MAGPIE_SOURCES.air]: 0.1,
  [MAGPIE_SOURCES.proLlama3]: 0.05,
};

/** The selection score before adjustment: the mean score of the N responses, else the chosen response's score. */
export function selectionScore(p: PreferencePair): number | undefined {
  const m = p.meta?.meanScore;
  if (typeof m === 'number' && Number.isFinite(m)) return m;
  return typeof p.chosenScore === 'number' && Number.isFinite(p.chosenScore) ? p.chosenScore : undefined;
}

export function adjustedScore(p: PreferencePair): number | undefined {
  const a = p.meta?.adjustedScore;
  return typeof a === 'number' ? a : undefined;
}

export interface OffsetOptions {
  /** Amount SUBTRACTED from the score of each source's pairs; sources not named get 0. */
  offsets?: Readonly<Record<string, number>>;
  scoreOf?: (p: PreferencePair) => number | undefined;
}

/** Writes meta.adjustedScore = score - offset[source] on every pair that has a score; unscored pairs are dropped. */
export function adjustArmoScores(
  pairs: readonly PreferencePair[],
  options: OffsetOptions = {},
): StepResult<PreferencePair> {
  const offsets = options.offsets ?? MAGPIE_ARMO_OFFSETS;
  const scoreOf = options.scoreOf ?? selectionScore;
  const drops = new DropCounter();
  const out: PreferencePair[] = [];
  for (const p of pairs) {
    const s = scoreOf(p);
    if (s === undefined || !Number.isFinite(s)) {
      drops.drop('no selection score');
      continue;
    }
    const off = offsets[p.source] ?? 0;
    out.push({ ...p, meta: { ...(p.meta ?? {}), selectionScore: s, scoreOffset: off, adjustedScore: s - off } });
  }
  return {
    items: out,
    report: stepReport('adjustArmoScores', pairs.length, out.length, drops.counts, {
      offsetsSubtracted: { ...offsets },
      source: 'paper-facts §2.1 [A]',
    }),
  };
}

/** Keep the top `ratio` (rounded half up) or top `count` of a group. */
export type Quota = { ratio: number } | { count: number };

/** Paper summaries' quotas ([S]): top 30% of math, 30% of code, 10% of the rest. */
export const SKYWORK_TOPK: Readonly<Record<string, Quota>> = {
  math: { ratio: 0.3 },
  code: { ratio: 0.3 },
  other: { ratio: 0.1 },
};

export interface TopKOptions {
  quotas?: Readonly<Record<string, Quota>>;
  groupOf?: (p: PreferencePair) => string;
  /** Ranking score (default meta.adjustedScore, else the unadjusted selection score). */
  scoreOf?: (p: PreferencePair) => number | undefined;
}

export function quotaSize(q: Quota, n: number): number {
  if ('ratio' in q) {
    if (!(q.ratio >= 0 && q.ratio <= 1)) throw new Error(`top-k ratio must be in [0, 1], got ${q.ratio}`);
    return Math.min(n, Math.floor(q.ratio * n + 0.5));
  }
  if (!(Number.isInteger(q.count) && q.count >= 0))
    throw new Error(`top-k count must be a non-negative integer, got ${q.count}`);
  return Math.min(n, q.count);
}

/**
 * Independent top-k per task group: each group is ranked by score (descending; equal scores by id, ascending) and
 * its top k kept. Output keeps the input order. A group without a quota is kept whole (and noted).
 */
export function selectTopKPerCategory(
  pairs: readonly PreferencePair[],
  options: TopKOptions = {},
): StepResult<PreferencePair> {
  const quotas = options.quotas ?? SKYWORK_TOPK;
  const groupOf = options.groupOf ?? ((p: PreferencePair) => taskGroup(p.category));
  const scoreOf = options.scoreOf ?? ((p: PreferencePair) => adjustedScore(p) ?? selectionScore(p));
  const drops = new DropCounter();
  const byGroup = new Map<string, { i: number; s: number; id: string }[]>();
  const keep = new Uint8Array(pairs.length);
  pairs.forEach((p, i) => {
    const s = scoreOf(p);
    if (s === undefined || !Number.isFinite(s)) {
      drops.drop('no selection score');
      return;
    }
    const g = groupOf(p);
    let list = byGroup.get(g);
    if (!list) byGroup.set(g, (list = []));
    list.push({ i, s, id: p.id });
  });
  const perGroup: Record<string, { pool: number; kept: number }> = {};
  const notes: string[] = [];
  for (const g of [...byGroup.keys()].sort()) {
    const list = byGroup.get(g)!;
    const q = quotas[g];
    const k = q ? quotaSize(q, list.length) : list.length;
    if (!q) notes.push(`group "${g}" has no quota: kept whole`);
    list.sort((x, y) => y.s - x.s || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    for (let r = 0; r < k; r++) keep[list[r].i] = 1;
    if (list.length > k) drops.drop(`below top-k in ${g}`, list.length - k);
    perGroup[g] = { pool: list.length, kept: k };
  }
  const out = pairs.filter((_, i) => keep[i] === 1);
  return {
    items: out,
    report: stepReport(
      'selectTopKPerCategory',
      pairs.length,
      out.length,
      drops.counts,
      { quotas: { ...quotas }, perGroup, rounding: 'k = floor(ratio * n + 0.5)', quotaSource: 'paper-facts §2.1 [S]' },
      { notes },
    ),
  };
}
