// RM-Bench evaluation of a scorer: per domain (chat, code, safety-refuse, safety-response, and Safety = both safety
// files pooled, as RM-Bench reports it) the hard / normal / easy / avg accuracies of rmbench.ts, overall = mean over
// the domains present (chat, code, safety; RM-Bench's math domain is not in the offline data, so overall is partial),
// with bootstrap CIs that resample prompts within each domain file (all 9 comparisons of a prompt move together).
import { loadRmBench, RMBENCH_IDS, type RmBenchItem } from '../data/loaders/rmBench.js';
import { userPrompt } from '../data/schema.js';
import type { RewardScorer, ScoringItem } from '../model/types.js';
import { itemLevels, rmBenchAccuracy, type RmBenchAccuracy, type StyledScores } from './rmbench.js';
import { bootstrapGroups, meanAt, type ConfidenceInterval } from './stats.js';

export async function loadRmBenchDomains(): Promise<Record<string, RmBenchItem[]>> {
  const out: Record<string, RmBenchItem[]> = {};
  for (const [id, domain] of Object.entries(RMBENCH_IDS)) out[domain] = (await loadRmBench(id)).items;
  return out;
}

/** RM-Bench as pairs: pair k of an item is chosen[k] vs rejected[k] (same style), so its 3 pairs carry all six
 * responses and every one of the 9 comparisons can be made from their rewards. */
export function rmBenchPairId(itemId: string, style: number): string {
  return `${itemId}#${style}`;
}

export async function scoreStyled(
  scorer: RewardScorer,
  items: readonly RmBenchItem[],
  batchItems = 64,
): Promise<StyledScores[]> {
  const out: StyledScores[] = [];
  for (let start = 0; start < items.length; start += batchItems) {
    const batch = items.slice(start, start + batchItems);
    const reqs: ScoringItem[] = [];
    for (const it of batch) {
      const prompt = userPrompt(it.prompt);
      for (const side of ['chosen', 'rejected'] as const)
        it[side].forEach((response, k) => reqs.push({ prompt, response, pair: { id: rmBenchPairId(it.id, k), side } }));
    }
    const s = await scorer.score(reqs);
    batch.forEach((_, i) => out.push({ chosen: s.slice(6 * i, 6 * i + 3), rejected: s.slice(6 * i + 3, 6 * i + 6) }));
  }
  return out;
}

export interface RmBenchResult {
  model: string;
  bench: 'rmbench';
  seed: number;
  domains: Record<string, RmBenchAccuracy & { n: number }>;
  hard: number;
  normal: number;
  easy: number;
  avg: number;
  ci95: Record<string, ConfidenceInterval>;
  notes: string[];
}

const LEVELS = ['hard', 'normal', 'easy'] as const;

export async function evaluateRmBench(
  scorer: RewardScorer,
  domains: Record<string, readonly RmBenchItem[]>,
  options: { seed: number; resamples?: number },
): Promise<RmBenchResult> {
  const scores: Record<string, StyledScores[]> = {};
  for (const [d, items] of Object.entries(domains)) scores[d] = await scoreStyled(scorer, items);
  const pooled = (names: string[]) => names.flatMap((n) => scores[n] ?? []);
  const reported: Record<string, StyledScores[]> = {
    chat: pooled(['chat']),
    code: pooled(['code']),
    safety: pooled(['safety-refuse', 'safety-response']),
    'safety-refuse': pooled(['safety-refuse']),
    'safety-response': pooled(['safety-response']),
  };
  const domainsOut: Record<string, RmBenchAccuracy & { n: number }> = {};
  for (const [d, s] of Object.entries(reported)) if (s.length) domainsOut[d] = { ...rmBenchAccuracy(s), n: s.length };
  const top = ['chat', 'code', 'safety'].filter((d) => domainsOut[d]);
  const overall = (acc: Record<string, RmBenchAccuracy>) => {
    const o: Record<string, number> = {};
    for (const l of [...LEVELS, 'avg'] as const) o[l] = top.reduce((a, d) => a + acc[d][l], 0) / top.length;
    return o;
  };
  // per-item level shares, for the bootstrap
  const levels: Record<string, Record<string, number[]>> = {};
  for (const [d, s] of Object.entries(scores)) {
    const per = s.map(itemLevels);
    levels[d] = Object.fromEntries(LEVELS.map((l) => [l, per.map((p) => p[l])]));
  }
  const groups = Object.fromEntries(
    Object.entries(scores)
      .filter(([, s]) => s.length)
      .map(([d, s]) => [d, s.length]),
  );
  const boot = bootstrapGroups(
    groups,
    (idx) => {
      const lv = (d: string, l: string) => meanAt(levels[d][l], idx[d]);
      const dom: Record<string, RmBenchAccuracy> = {};
      const mk = (parts: string[]) => {
        const n = parts.reduce((a, p) => a + (idx[p]?.length ?? 0), 0);
        const r: Record<string, number> = {};
        for (const l of LEVELS) r[l] = parts.reduce((a, p) => a + (idx[p] ? lv(p, l) * idx[p].length : 0), 0) / n;
        r.avg = (r.hard + r.normal + r.easy) / 3;
        return r as unknown as RmBenchAccuracy;
      };
      if (idx.chat) dom.chat = mk(['chat']);
      if (idx.code) dom.code = mk(['code']);
      if (idx['safety-refuse'] || idx['safety-response'])
        dom.safety = mk(['safety-refuse', 'safety-response'].filter((p) => idx[p]));
      const o = overall(dom);
      const flat: Record<string, number> = { ...o };
      for (const [d, a] of Object.entries(dom)) for (const l of [...LEVELS, 'avg'] as const) flat[`${d}/${l}`] = a[l];
      return flat;
    },
    { seed: options.seed, resamples: options.resamples },
  );
  const o = overall(domainsOut);
  return {
    model: scorer.name,
    bench: 'rmbench',
    seed: options.seed,
    domains: domainsOut,
    hard: o.hard,
    normal: o.normal,
    easy: o.easy,
    avg: o.avg,
    ci95: boot.ci,
    notes: [`overall = mean over domains ${top.join(', ')}; RM-Bench's math domain is not in the offline data`],
  };
}
