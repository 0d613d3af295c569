// The benchmarks a model is scored on, by the names the command line uses, each built here and nowhere else, for
// every caller: `rmw eval` on our runs and baselines (evaluateBench), on rewards supplied from elsewhere (--scores),
// and `rmw export bench` (the pairs an outside model must score, with the ids its rewards are keyed by).
//   rewardbench-lite  RewardBench-lite with GSM8K's held-out split as math-prm and the other training sources'
//                     held-out splits as report-only subsets
//   rmbench           RM-Bench chat, code and safety (3 x 3 style comparisons per prompt)
//   judgebench        JudgeBench's 350 GPT-4o pairs
//   heldout           a mix's held-out split, by source (needs the mix's held-out pairs)
import type { RmBenchItem } from '../data/loaders/rmBench.js';
import type { PreferencePair } from '../data/schema.js';
import type { RewardScorer } from '../model/types.js';
import { pairwiseBenchRows, rmBenchRows, type BenchPairRow } from './benchPairs.js';
import { evaluatePairwise, toRewardBenchJson, type EvalResult, type PairwiseBenchmark } from './evaluate.js';
import { heldOutBenchmark, heldOutBySource } from './heldOutBench.js';
import { loadHeldOutPairs } from './heldOutSources.js';
import { judgeBenchBenchmark } from './judgebench.js';
import { isWeightsVersion, WEIGHTS_VERSIONS } from './rewardbenchConstants.js';
import { rewardBenchLite } from './rewardbenchLite.js';
import { evaluateRmBench, loadRmBenchDomains, type RmBenchResult } from './rmbenchEval.js';

export const BENCHES = ['rewardbench-lite', 'rmbench', 'judgebench', 'heldout'] as const;
export type Bench = (typeof BENCHES)[number];

export function isBench(name: string): name is Bench {
  return (BENCHES as readonly string[]).includes(name);
}

/** A benchmark ready to score: its evaluator's input, and its pairs as the rows `rmw export bench` writes. */
export type NamedBench =
  | { name: 'rmbench'; domains: Record<string, RmBenchItem[]>; rows: BenchPairRow[] }
  | { name: Exclude<Bench, 'rmbench'>; pairwise: PairwiseBenchmark; rows: BenchPairRow[] };

export interface NamedBenchOptions {
  /** RewardBench's XSTest weights (rewardbench-lite); default current. */
  weights?: string;
  /** The held-out pairs of the mix a model was trained on (heldout). */
  heldOutPairs?: readonly PreferencePair[];
}

/** What a scorer gets on a named benchmark: the pairwise evaluator's result, or RM-Bench's. */
export type BenchResult = EvalResult | RmBenchResult;

async function pairwiseBench(name: Exclude<Bench, 'rmbench'>, o: NamedBenchOptions): Promise<PairwiseBenchmark> {
  if (name === 'judgebench') return judgeBenchBenchmark();
  if (name === 'heldout') {
    if (!o.heldOutPairs?.length)
      throw new Error('heldout needs the held-out pairs of the mix the model was trained on (--mix <dir>)');
    const pb = heldOutBenchmark(heldOutBySource(o.heldOutPairs));
    if (!pb.subsets.length) throw new Error('heldout: no source of the mix has 20 or more held-out pairs');
    return pb;
  }
  const weights = o.weights ?? 'current';
  if (!isWeightsVersion(weights)) throw new Error(`--weights must be one of ${WEIGHTS_VERSIONS.join(', ')}`);
  const heldOut = await loadHeldOutPairs();
  const mathPairs = heldOut['gsm8k-model-solutions'];
  const { ['gsm8k-model-solutions']: _gsm, ...others } = heldOut;
  return rewardBenchLite({ mathPairs, heldOut: others, weights });
}

/** Builds the benchmark a name stands for (the one way every caller gets it). */
export async function loadNamedBench(name: string, o: NamedBenchOptions = {}): Promise<NamedBench> {
  if (!isBench(name)) throw new Error(`the benchmark must be one of ${BENCHES.join(', ')}, got "${name}"`);
  if (name === 'rmbench') {
    const domains = await loadRmBenchDomains();
    return { name, domains, rows: rmBenchRows(domains) };
  }
  const pairwise = await pairwiseBench(name, o);
  return { name, pairwise, rows: pairwiseBenchRows(pairwise, name) };
}

/** A scorer's result on a named benchmark: the pairwise evaluator, or RM-Bench's 3 x 3 rule. */
export async function evaluateOnBench(
  scorer: RewardScorer,
  bench: NamedBench,
  options: { seed: number; resamples?: number },
): Promise<BenchResult> {
  return bench.name === 'rmbench'
    ? evaluateRmBench(scorer, bench.domains, options)
    : evaluatePairwise(scorer, bench.pairwise, options);
}

/** A result as `rmw eval` writes it: reward-bench's flat per-subset JSON, or RM-Bench's result as it is. */
export function benchResultJson(r: BenchResult): Record<string, unknown> {
  return 'subsets' in r ? toRewardBenchJson(r) : (r as unknown as Record<string, unknown>);
}
