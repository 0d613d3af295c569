// Running a scorer over a benchmark and writing reward-bench's per-subset JSON shape, plus the benchmark's summary
// metrics (RewardBench sections and score, JudgeBench overall), seeded bootstrap 95% CIs, and per-seed aggregation.
import type { RewardScorer } from '../model/types.js';
import { subsetCorrectness, type BenchSubset, type SubsetTag } from './benchmark.js';
import { subsetAccuracy } from './rewardbenchScore.js';
import { bootstrapSubsets, summarizeSeeds, type ConfidenceInterval, type SeedSummary } from './stats.js';

export interface PairwiseBenchmark {
  name: string;
  subsets: BenchSubset[];
  /** Summary metrics from subset accuracies (only subsets that count toward the summary are passed). */
  metrics: (acc: Record<string, number>) => Record<string, number>;
  /** Subsets reported but left out of `metrics` (e.g. held-out in-distribution splits). */
  reportOnly?: (s: BenchSubset) => boolean;
  /** Notes printed with the results (partial sections, proxies). */
  notes?: string[];
}

export interface SubsetReport {
  key: string;
  tag: SubsetTag;
  rule: string;
  sources: string[];
  n: number;
  correct: number;
  accuracy: number;
  ci95: ConfidenceInterval;
}

export interface EvalResult {
  model: string;
  bench: string;
  seed: number;
  /** reward-bench's shape: subset key -> accuracy (fraction), flat at the top of `accuracies`. */
  accuracies: Record<string, number>;
  /** Summary metrics (e.g. Chat, Chat Hard, Safety, Reasoning, score). */
  metrics: Record<string, number>;
  ci95: Record<string, ConfidenceInterval>;
  bootstrap: { resamples: number; level: number; seed: number; rule: string };
  subsets: SubsetReport[];
  notes: string[];
}

export interface EvalOptions {
  seed: number;
  resamples?: number;
}

export async function evaluatePairwise(
  scorer: RewardScorer,
  bench: PairwiseBenchmark,
  options: EvalOptions,
): Promise<EvalResult> {
  const correct = await subsetCorrectness(scorer, bench.subsets);
  return summarizeCorrectness(scorer.name, bench, correct, options);
}

/** The result object from per-subset 0/1 correctness (also used for reference models with precomputed verdicts). */
export function summarizeCorrectness(
  model: string,
  bench: PairwiseBenchmark,
  correct: Record<string, ArrayLike<number>>,
  options: EvalOptions,
): EvalResult {
  const counted = new Set(bench.subsets.filter((s) => !bench.reportOnly?.(s)).map((s) => s.key));
  const accuracies: Record<string, number> = {};
  for (const s of bench.subsets) accuracies[s.key] = subsetAccuracy(correct[s.key]);
  const pick = (acc: Record<string, number>) => Object.fromEntries(Object.entries(acc).filter(([k]) => counted.has(k)));
  const metrics = bench.metrics(pick(accuracies));
  const boot = bootstrapSubsets(correct, (acc) => bench.metrics(pick(acc)), {
    seed: options.seed,
    resamples: options.resamples,
  });
  const subsets: SubsetReport[] = bench.subsets.map((s) => {
    const xs = correct[s.key];
    let c = 0;
    for (let i = 0; i < xs.length; i++) c += xs[i];
    return {
      key: s.key,
      tag: s.tag,
      rule: s.rule,
      sources: s.sources,
      n: xs.length,
      correct: c,
      accuracy: accuracies[s.key],
      ci95: boot.ci[s.key],
    };
  });
  return {
    model,
    bench: bench.name,
    seed: options.seed,
    accuracies,
    metrics,
    ci95: boot.ci,
    bootstrap: {
      resamples: boot.resamples,
      level: boot.level,
      seed: boot.seed,
      rule: 'percentile bootstrap; pairs resampled with replacement within each subset (subset sizes fixed)',
    },
    subsets,
    notes: bench.notes ?? [],
  };
}

/** reward-bench's flat per-subset JSON plus sections/metrics and CIs: what `rmw eval --out` writes. */
export function toRewardBenchJson(r: EvalResult): Record<string, unknown> {
  return {
    model: r.model,
    bench: r.bench,
    seed: r.seed,
    ...r.accuracies,
    ...r.metrics,
    ci95: r.ci95,
    bootstrap: r.bootstrap,
    subsets: r.subsets,
    notes: r.notes,
  };
}

export interface SeedAggregate {
  bench: string;
  runs: string[];
  seeds: number[];
  /** Metric (subset accuracy or summary) -> mean, sample std, t-based 95% CI over runs. */
  summary: Record<string, SeedSummary>;
}

/** Mean, std and t-based 95% CI of every accuracy and metric across runs (e.g. training seeds) of one benchmark. */
export function aggregateSeeds(results: readonly EvalResult[]): SeedAggregate {
  if (results.length === 0) throw new Error('aggregateSeeds: no results');
  const bench = results[0].bench;
  for (const r of results)
    if (r.bench !== bench) throw new Error(`aggregateSeeds: mixes benchmarks "${bench}" and "${r.bench}"`);
  const names = new Set<string>();
  for (const r of results) for (const k of [...Object.keys(r.accuracies), ...Object.keys(r.metrics)]) names.add(k);
  const summary: Record<string, SeedSummary> = {};
  for (const name of names) {
    const vs = results.map((r, i) => {
      const v = r.metrics[name] ?? r.accuracies[name];
      if (v === undefined) throw new Error(`aggregateSeeds: run ${i} (${r.model}) lacks "${name}"`);
      return v;
    });
    summary[name] = summarizeSeeds(vs);
  }
  return { bench, runs: results.map((r) => r.model), seeds: results.map((r) => r.seed), summary };
}
