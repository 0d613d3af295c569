// A reward model's accuracy means something only beside what surface cues reach, so every evaluation that reports
// a model also reports the baselines (seeded random, longer-response-wins, shorter-response-wins), run through the
// same evaluation: `evaluateWithBaselines` for any evaluation (the experiments' suite), `evaluateBench` for one
// named benchmark (namedBench.ts) written the reward-bench way (`rmw eval`, on our runs and on supplied rewards).
import type { RewardScorer } from '../model/types.js';
import { RANDOM_EXPECTED_ACCURACY, baselineScorers } from './baselines.js';
import { judgeBenchReferenceLeaderboard } from './judgebench.js';
import {
  benchResultJson,
  evaluateOnBench,
  loadNamedBench,
  type Bench,
  type BenchResult,
  type NamedBench,
  type NamedBenchOptions,
} from './namedBench.js';

export interface WithBaselines<T> {
  /** The model's evaluation (absent when only the baselines were asked for). */
  result?: T;
  /** Baseline scorer name (e.g. "random (seed 3)", "longer-response-wins") -> its evaluation, in that order. */
  baselines: Record<string, T>;
}

/**
 * The model (when given), then the seeded random scorer and, unless `lengthBaselines` is false, the
 * longer- and shorter-response-wins scorers (deterministic: one evaluation of them is enough across seeds).
 */
export async function evaluateWithBaselines<T>(
  evaluate: (scorer: RewardScorer) => Promise<T>,
  options: { seed: number; scorer?: RewardScorer; lengthBaselines?: boolean },
): Promise<WithBaselines<T>> {
  const result = options.scorer ? await evaluate(options.scorer) : undefined;
  const baselines: Record<string, T> = {};
  for (const s of baselineScorers(options.seed, { length: options.lengthBaselines }))
    baselines[s.name] = await evaluate(s);
  return { ...(result === undefined ? {} : { result }), baselines };
}

export interface EvalOutput {
  result: Record<string, unknown>;
  /** The baselines, plus "random (expected)": exactly 0.5 on every subset and what the metrics make of that. */
  baselines: Record<string, Record<string, unknown>>;
  /** JudgeBench: the five reference reward models' stored scores, rescored. */
  reference?: unknown;
}

/** A model and its baselines on one named benchmark, as the evaluators return them. */
export interface BenchEvaluation {
  bench: NamedBench;
  result: BenchResult;
  baselines: Record<string, BenchResult>;
}

export interface BenchEvalOptions extends NamedBenchOptions {
  scorer: RewardScorer;
  /** A benchmark name (built by loadNamedBench with the options' weights and held-out pairs), or one already built. */
  bench: Bench | NamedBench;
  seed: number;
  resamples?: number;
}

/** One named benchmark: the model, then the baselines, through the same evaluator. */
export async function evaluateBenchResults(opts: BenchEvalOptions): Promise<BenchEvaluation> {
  const { scorer, seed, resamples } = opts;
  const bench = typeof opts.bench === 'string' ? await loadNamedBench(opts.bench, opts) : opts.bench;
  const r = await evaluateWithBaselines((s) => evaluateOnBench(s, bench, { seed, resamples }), { seed, scorer });
  return { bench, result: r.result!, baselines: r.baselines };
}

/** The random rule's expected result: 0.5 on every subset (RM-Bench: every level) and the metrics of that. */
function randomExpected(bench: NamedBench): Record<string, unknown> {
  const e = RANDOM_EXPECTED_ACCURACY;
  if (bench.name === 'rmbench') return { hard: e, normal: e, easy: e, avg: e };
  const pb = bench.pairwise;
  const expected = Object.fromEntries(pb.subsets.map((s) => [s.key, e]));
  const scored = Object.fromEntries(pb.subsets.filter((s) => !pb.reportOnly?.(s)).map((s) => [s.key, e]));
  return { ...expected, ...pb.metrics(scored) };
}

/** An evaluation written the reward-bench way, with the random rule's expectation and, on JudgeBench, the reference
 * reward models. */
export async function benchEvalOutput(ev: BenchEvaluation): Promise<EvalOutput> {
  const baselines: Record<string, Record<string, unknown>> = {};
  for (const [name, r] of Object.entries(ev.baselines)) baselines[name] = benchResultJson(r);
  baselines['random (expected)'] = randomExpected(ev.bench);
  const reference = ev.bench.name === 'judgebench' ? await judgeBenchReferenceLeaderboard() : undefined;
  return { result: benchResultJson(ev.result), baselines, ...(reference ? { reference } : {}) };
}

/** One benchmark, the model and its baselines, as reward-bench's per-subset JSON (RM-Bench: its own result). */
export async function evaluateBench(opts: BenchEvalOptions): Promise<EvalOutput> {
  return benchEvalOutput(await evaluateBenchResults(opts));
}
