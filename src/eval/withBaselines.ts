// A reward model's accuracy means something only beside what surface cues reach, so every evaluation that reports
// a model also reports the baselines (seeded random, longer-response-wins, shorter-response-wins), run through the
// same evaluation: `evaluateWithBaselines` for any evaluation (the experiments' suite), `evaluateBench` for one
// named benchmark written the reward-bench way (`rmw eval`).
import type { RewardScorer } from '../model/types.js';
import { RANDOM_EXPECTED_ACCURACY, baselineScorers } from './baselines.js';
import { evaluatePairwise, toRewardBenchJson, type PairwiseBenchmark } from './evaluate.js';
import { loadHeldOutPairs } from './heldOutSources.js';
import { judgeBenchBenchmark, judgeBenchReferenceLeaderboard } from './judgebench.js';
import { isWeightsVersion, WEIGHTS_VERSIONS } from './rewardbenchConstants.js';
import { rewardBenchLite } from './rewardbenchLite.js';
import { evaluateRmBench, loadRmBenchDomains } from './rmbenchEval.js';

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

export const BENCHES = ['rewardbench-lite', 'rmbench', 'judgebench'] as const;
export type Bench = (typeof BENCHES)[number];

export interface EvalOutput {
  result: Record<string, unknown>;
  /** The baselines, plus "random (expected)": exactly 0.5 on every subset and what the metrics make of that. */
  baselines: Record<string, Record<string, unknown>>;
  /** JudgeBench: the five reference reward models' stored scores, rescored. */
  reference?: unknown;
}

async function pairwiseBench(bench: Exclude<Bench, 'rmbench'>, weights: string): Promise<PairwiseBenchmark> {
  if (bench === 'judgebench') return judgeBenchBenchmark();
  if (!isWeightsVersion(weights)) throw new Error(`--weights must be one of ${WEIGHTS_VERSIONS.join(', ')}`);
  const heldOut = await loadHeldOutPairs();
  const mathPairs = heldOut['gsm8k-model-solutions'];
  const { ['gsm8k-model-solutions']: _gsm, ...others } = heldOut;
  return rewardBenchLite({ mathPairs, heldOut: others, weights });
}

/** One benchmark, the model and its baselines, as reward-bench's per-subset JSON (RM-Bench: its own result). */
export async function evaluateBench(opts: {
  scorer: RewardScorer;
  bench: Bench;
  seed: number;
  resamples?: number;
  weights: string;
}): Promise<EvalOutput> {
  const { scorer, bench, seed, resamples } = opts;
  if (bench === 'rmbench') {
    const domains = await loadRmBenchDomains();
    const r = await evaluateWithBaselines(
      async (s) => (await evaluateRmBench(s, domains, { seed, resamples })) as unknown as Record<string, unknown>,
      { seed, scorer },
    );
    const expected = RANDOM_EXPECTED_ACCURACY;
    return {
      result: r.result!,
      baselines: {
        ...r.baselines,
        'random (expected)': { hard: expected, normal: expected, easy: expected, avg: expected },
      },
    };
  }
  const pb = await pairwiseBench(bench, opts.weights);
  const r = await evaluateWithBaselines(
    async (s) => toRewardBenchJson(await evaluatePairwise(s, pb, { seed, resamples })),
    { seed, scorer },
  );
  const expected = Object.fromEntries(pb.subsets.map((s) => [s.key, RANDOM_EXPECTED_ACCURACY]));
  const scored = Object.fromEntries(
    pb.subsets.filter((s) => !pb.reportOnly?.(s)).map((s) => [s.key, RANDOM_EXPECTED_ACCURACY]),
  );
  const baselines = { ...r.baselines, 'random (expected)': { ...expected, ...pb.metrics(scored) } };
  const reference = bench === 'judgebench' ? await judgeBenchReferenceLeaderboard() : undefined;
  return { result: r.result!, baselines, ...(reference ? { reference } : {}) };
}
