// The benchmarks a model is scored on, by the names the command line uses, each built one way for every caller:
// `rmw eval` (our runs and external scores) and `rmw export bench` (the pairs an outside model must score).
//   rewardbench-lite  RewardBench-lite with GSM8K's held-out split as math-prm and the other training sources'
//                     held-out splits as report-only subsets
//   rmbench           RM-Bench chat, code and safety (3 x 3 style comparisons per prompt)
//   judgebench        JudgeBench's 350 GPT-4o pairs
//   heldout           a mix's held-out split, by source (needs the mix's held-out pairs)
import type { RmBenchItem } from '../data/loaders/rmBench.js';
import type { PreferencePair } from '../data/schema.js';
import { pairwiseBenchRows, rmBenchRows, type BenchPairRow } from './benchPairs.js';
import type { RewardScorer } from '../model/types.js';
import { evaluatePairwise, type EvalResult, type PairwiseBenchmark } from './evaluate.js';
import { heldOutBenchmark, heldOutBySource } from './heldOutBench.js';
import { loadHeldOutPairs } from './heldOutSources.js';
import { judgeBenchBenchmark } from './judgebench.js';
import { isWeightsVersion, WEIGHTS_VERSIONS, type WeightsVersion } from './rewardbenchConstants.js';
import { rewardBenchLite } from './rewardbenchLite.js';
import { evaluateRmBench, loadRmBenchDomains, type RmBenchResult } from './rmbenchEval.js';

export const BENCH_NAMES = ['rewardbench-lite', 'rmbench', 'judgebench', 'heldout'] as const;
export type BenchName = (typeof BENCH_NAMES)[number];

export function isBenchName(name: string): name is BenchName {
  return (BENCH_NAMES as readonly string[]).includes(name);
}

export type NamedBench =
  | { name: 'rmbench'; domains: Record<string, RmBenchItem[]>; rows: BenchPairRow[] }
  | { name: Exclude<BenchName, 'rmbench'>; pairwise: PairwiseBenchmark; rows: BenchPairRow[] };

export interface NamedBenchOptions {
  /** RewardBench section weights (rewardbench-lite); default current. */
  weights?: string;
  /** The held-out pairs of the mix a model was trained on (heldout). */
  heldOutPairs?: readonly PreferencePair[];
}

/** The RewardBench-lite that `rmw eval` scores: GSM8K held-out pairs as math-prm, other held-out splits reported. */
export async function evalRewardBenchLite(weights: WeightsVersion): Promise<PairwiseBenchmark> {
  const heldOut = await loadHeldOutPairs();
  const mathPairs = heldOut['gsm8k-model-solutions'];
  const { ['gsm8k-model-solutions']: _gsm, ...others } = heldOut;
  return rewardBenchLite({ mathPairs, heldOut: others, weights });
}

export async function loadNamedBench(name: string, o: NamedBenchOptions = {}): Promise<NamedBench> {
  if (!isBenchName(name)) throw new Error(`the benchmark must be one of ${BENCH_NAMES.join(', ')}, got "${name}"`);
  if (name === 'rmbench') {
    const domains = await loadRmBenchDomains();
    return { name, domains, rows: rmBenchRows(domains) };
  }
  let pairwise: PairwiseBenchmark;
  if (name === 'judgebench') pairwise = await judgeBenchBenchmark();
  else if (name === 'heldout') {
    if (!o.heldOutPairs?.length)
      throw new Error('heldout needs the held-out pairs of the mix the model was trained on (--mix <dir>)');
    pairwise = heldOutBenchmark(heldOutBySource(o.heldOutPairs));
    if (!pairwise.subsets.length) throw new Error('heldout: no source of the mix has 20 or more held-out pairs');
  } else {
    const weights = o.weights ?? 'current';
    if (!isWeightsVersion(weights)) throw new Error(`--weights must be one of ${WEIGHTS_VERSIONS.join(', ')}`);
    pairwise = await evalRewardBenchLite(weights);
  }
  return { name, pairwise, rows: pairwiseBenchRows(pairwise, name) };
}

/** A scorer's result on a named benchmark: the pairwise evaluator, or RM-Bench's 3 x 3 rule. */
export async function evaluateOnBench(
  scorer: RewardScorer,
  bench: NamedBench,
  options: { seed: number; resamples?: number },
): Promise<EvalResult | RmBenchResult> {
  return bench.name === 'rmbench'
    ? evaluateRmBench(scorer, bench.domains, options)
    : evaluatePairwise(scorer, bench.pairwise, options);
}
