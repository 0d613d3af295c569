// The fixed evaluation every experiment run gets: held-out in-distribution accuracy per training source, the
// RewardBench-lite sections and score, RM-Bench hard/normal/easy and JudgeBench, each with a seeded bootstrap 95%
// CI within the run. The held-out pairs are the reference mix's held-out split (a prompt-hash fraction that no
// recipe ever trains on), so every variant is scored on the same pairs.
import type { PreferencePair } from '../data/schema.js';
import type { RmBenchItem } from '../data/loaders/rmBench.js';
import { evaluatePairwise, type EvalResult, type PairwiseBenchmark } from '../eval/evaluate.js';
import { heldOutBenchmark, heldOutBySource } from '../eval/heldOutBench.js';
import { judgeBenchBenchmark } from '../eval/judgebench.js';
import { rewardBenchLite } from '../eval/rewardbenchLite.js';
import { evaluateRmBench, loadRmBenchDomains } from '../eval/rmbenchEval.js';
import type { ConfidenceInterval } from '../eval/stats.js';
import type { RewardScorer } from '../model/types.js';

/** The held-out source whose pairs also stand in for RewardBench's math-prm subset. */
export const MATH_SOURCE = 'gsm8k';

export interface EvalSuite {
  heldOut: PairwiseBenchmark;
  lite: PairwiseBenchmark;
  judgebench: PairwiseBenchmark;
  rmbench: Record<string, RmBenchItem[]>;
}

/** One benchmark's numbers for one run: fractions in [0, 1]. */
export interface CompactEval {
  metrics: Record<string, number>;
  accuracies: Record<string, number>;
  ci95: Record<string, ConfidenceInterval>;
  n: Record<string, number>;
}

export interface RunEvaluation {
  heldOut: CompactEval;
  lite: CompactEval;
  judgebench: CompactEval;
  rmbench: { metrics: Record<string, number>; ci95: Record<string, ConfidenceInterval>; n: Record<string, number> };
  bootstrap: { resamples: number; seed: number };
  notes: string[];
}

export async function loadEvalSuite(heldOutPairs: readonly PreferencePair[]): Promise<EvalSuite> {
  const bySource = heldOutBySource(heldOutPairs);
  return {
    heldOut: heldOutBenchmark(bySource),
    lite: await rewardBenchLite({ mathPairs: bySource[MATH_SOURCE] }),
    judgebench: await judgeBenchBenchmark(),
    rmbench: await loadRmBenchDomains(),
  };
}

function compact(r: EvalResult): CompactEval {
  return {
    metrics: r.metrics,
    accuracies: r.accuracies,
    ci95: r.ci95,
    n: Object.fromEntries(r.subsets.map((s) => [s.key, s.n])),
  };
}

export async function evaluateScorer(
  scorer: RewardScorer,
  suite: EvalSuite,
  options: { seed: number; resamples: number },
): Promise<RunEvaluation> {
  const o = { seed: options.seed, resamples: options.resamples };
  const heldOut = compact(await evaluatePairwise(scorer, suite.heldOut, o));
  const lite = await evaluatePairwise(scorer, suite.lite, o);
  const judge = compact(await evaluatePairwise(scorer, suite.judgebench, o));
  const rm = await evaluateRmBench(scorer, suite.rmbench, o);
  const rmMetrics: Record<string, number> = { hard: rm.hard, normal: rm.normal, easy: rm.easy, avg: rm.avg };
  for (const [d, a] of Object.entries(rm.domains))
    for (const l of ['hard', 'normal', 'easy', 'avg'] as const) rmMetrics[`${d}/${l}`] = a[l];
  return {
    heldOut,
    lite: compact(lite),
    judgebench: judge,
    rmbench: {
      metrics: rmMetrics,
      ci95: rm.ci95,
      n: Object.fromEntries(Object.entries(rm.domains).map(([d, a]) => [d, a.n])),
    },
    bootstrap: { resamples: options.resamples, seed: options.seed },
    notes: [...lite.notes, ...rm.notes],
  };
}
