// From run records to numbers: every metric of every run flattened to a percentage, the mean ± t-based 95% CI
// over training seeds (summarizeSeeds), the within-run bootstrap CIs kept per seed, and paired differences between
// variants (same seed = same initialisation and batch order, so seed-paired differences remove shared noise).
import { summarizeSeeds } from '../eval/stats.js';
import type { RunEvaluation } from './evalSuite.js';
import type { RunRecordSummary } from './runs.js';

export type Interval = [number, number];

export interface MetricSummary {
  /** Mean over seeds, percent. */
  mean: number;
  std: number;
  n: number;
  /** t-based 95% CI over seeds (absent for one seed). */
  ci95?: Interval;
  perSeed: number[];
  /** Bootstrap 95% CI within each run (same order as perSeed). */
  bootstrap: (Interval | null)[];
}

/** The headline metrics, in table order, with their display names. */
export const HEADLINE_METRICS: { key: string; label: string }[] = [
  { key: 'held-out/overall', label: 'Held-out (in-dist.)' },
  { key: 'lite/score', label: 'RB-lite score' },
  { key: 'lite/Chat', label: 'Chat' },
  { key: 'lite/Chat Hard', label: 'Chat Hard' },
  { key: 'lite/Safety', label: 'Safety' },
  { key: 'lite/Reasoning', label: 'Reasoning' },
  { key: 'rmbench/avg', label: 'RM-Bench avg' },
  { key: 'judgebench/overall', label: 'JudgeBench' },
];

const pct = (x: number) => 100 * x;

/** Every number of one evaluation as "bench/name" -> { value, ci } in percent. */
export function flattenEvaluation(ev: RunEvaluation): Record<string, { value: number; ci: Interval | null }> {
  const out: Record<string, { value: number; ci: Interval | null }> = {};
  const add = (prefix: string, values: Record<string, number>, ci: Record<string, { lo: number; hi: number }>) => {
    for (const [k, v] of Object.entries(values)) {
      const c = ci[k];
      out[`${prefix}/${k}`] = { value: pct(v), ci: c ? [pct(c.lo), pct(c.hi)] : null };
    }
  };
  add('held-out', { ...ev.heldOut.accuracies, ...ev.heldOut.metrics }, ev.heldOut.ci95);
  add('lite', { ...ev.lite.accuracies, ...ev.lite.metrics }, ev.lite.ci95);
  add('judgebench', { ...ev.judgebench.accuracies, ...ev.judgebench.metrics }, ev.judgebench.ci95);
  add('rmbench', ev.rmbench.metrics, ev.rmbench.ci95);
  return out;
}

/** Mean and CI over seeds of every metric the evaluations share. */
export function summarizeEvaluations(evs: readonly RunEvaluation[]): Record<string, MetricSummary> {
  if (evs.length === 0) throw new Error('summarizeEvaluations: no evaluations');
  const flat = evs.map(flattenEvaluation);
  const out: Record<string, MetricSummary> = {};
  for (const key of Object.keys(flat[0])) {
    if (!flat.every((f) => f[key])) continue;
    const values = flat.map((f) => f[key].value);
    const s = summarizeSeeds(values);
    out[key] = {
      mean: s.mean,
      std: s.std,
      n: s.n,
      ci95: s.ci95 ? [s.ci95.lo, s.ci95.hi] : undefined,
      perSeed: values,
      bootstrap: flat.map((f) => f[key].ci),
    };
  }
  return out;
}

export interface VariantSummary {
  runId: string;
  label: string;
  seeds: number[];
  mix: { id: string; sha256: string; trainPairs: number };
  loss: string;
  steps: number[];
  config: string;
  /** The reward model trained (bow, transformer), the tensor backend it trained on, and its WebGPU adapter. */
  model: string;
  backend: string;
  adapter: string | null;
  gitCommits: string[];
  metrics: Record<string, MetricSummary>;
}

/** One line describing the training config of a run (for table notes and OursScoreRow.config). */
export function configLine(r: RunRecordSummary): string {
  const t = r.train as { epochs?: number; batchSize?: number; lr?: number; maxSteps?: number | null };
  return (
    `${modelShape(r.model)}, preset ${r.preset}, ${t.epochs} ` +
    `epochs${t.maxSteps ? ` capped at ${t.maxSteps} steps` : ''}, batch ${t.batchSize}, lr ${t.lr}, loss ` +
    `${r.loss.name}` +
    `${r.loss.params && Object.values(r.loss.params).some((v) => v) ? ` ${JSON.stringify(r.loss.params)}` : ''}`
  );
}

/** The model's size in a few words: bow "2^18x32", transformer layers, width, heads and tokens. */
function modelShape(model: RunRecordSummary['model']): string {
  const c = model.config as Record<string, number | undefined>;
  if (model.kind === 'transformer')
    return (
      `transformer ${c.layers} layers x d${c.dModel}, ${c.heads} heads, ffn ${c.ffn}, ${c.maxTokens} tokens, ` +
      `${c.vocabBuckets} buckets`
    );
  return `${model.kind} 2^${c.hashBits}x${c.hidden}`;
}

export function summarizeVariant(
  runId: string,
  label: string,
  records: readonly RunRecordSummary[],
  trainPairs: number,
): VariantSummary {
  const evs = records.map((r) => {
    if (!r.evaluation) throw new Error(`run ${runId} seed ${r.seed} has no evaluation`);
    return r.evaluation;
  });
  return {
    runId,
    label,
    seeds: records.map((r) => r.seed),
    mix: { id: records[0].mix.id, sha256: records[0].mix.sha256, trainPairs },
    loss: records[0].loss.name,
    steps: records.map((r) => r.steps),
    config: configLine(records[0]),
    model: records[0].model.kind,
    backend: records[0].model.backend,
    adapter: records[0].model.adapter ?? null,
    gitCommits: [...new Set(records.map((r) => r.gitCommit ?? 'unknown'))],
    metrics: summarizeEvaluations(evs),
  };
}

export interface Difference {
  metric: string;
  /** other − reference, mean over paired seeds, percentage points. */
  mean: number;
  ci95?: Interval;
  /** The CI excludes 0: the difference exceeds the seed noise. */
  exceeds: boolean;
  n: number;
}

/** Seed-paired differences other − reference for the given metrics (seeds both variants have). */
export function pairedDifferences(
  reference: VariantSummary,
  other: VariantSummary,
  metrics: readonly string[],
): Difference[] {
  const out: Difference[] = [];
  for (const metric of metrics) {
    const a = reference.metrics[metric],
      b = other.metrics[metric];
    if (!a || !b) continue;
    const d: number[] = [];
    other.seeds.forEach((s, i) => {
      const j = reference.seeds.indexOf(s);
      if (j >= 0) d.push(b.perSeed[i] - a.perSeed[j]);
    });
    if (d.length === 0) continue;
    const s = summarizeSeeds(d);
    const ci: Interval | undefined = s.ci95 ? [s.ci95.lo, s.ci95.hi] : undefined;
    out.push({ metric, mean: s.mean, ci95: ci, exceeds: ci ? ci[0] > 0 || ci[1] < 0 : false, n: d.length });
  }
  return out;
}

/** Whether a metric carries signal for a variant: its seed CI lies entirely above (or below) chance (50%). */
export function chanceRelation(m: MetricSummary | undefined): 'above' | 'below' | 'at chance' | 'unknown' {
  if (!m?.ci95) return 'unknown';
  if (m.ci95[0] > 50) return 'above';
  if (m.ci95[1] < 50) return 'below';
  return 'at chance';
}
