// `rmw eval`: score a trained run (or a baseline) on RewardBench-lite, RM-Bench or JudgeBench; write reward-bench's
// per-subset JSON plus sections / metrics, seeded bootstrap 95% CIs, and the baselines beside it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defineCommand } from './flags.js';
import { UsageError } from './errors.js';
import { DEFAULT_SEED, EVAL_DEFAULTS } from '../config/defaults.js';
import type { RewardScorer } from '../model/types.js';
import { loadRun } from '../model/loadRun.js';
import { lengthScorer, randomScorer, RANDOM_EXPECTED_ACCURACY } from '../eval/baselines.js';
import { evaluatePairwise, toRewardBenchJson, type EvalResult, type PairwiseBenchmark } from '../eval/evaluate.js';
import { rewardBenchLite } from '../eval/rewardbenchLite.js';
import { judgeBenchBenchmark, judgeBenchReferenceLeaderboard } from '../eval/judgebench.js';
import { evaluateRmBench, loadRmBenchDomains } from '../eval/rmbenchEval.js';
import { loadHeldOutPairs } from '../eval/heldOutSources.js';
import { isWeightsVersion, WEIGHTS_VERSIONS } from '../eval/rewardbenchConstants.js';

const BENCHES = ['rewardbench-lite', 'rmbench', 'judgebench'] as const;
type Bench = (typeof BENCHES)[number];

/** The trained run's scorer, through the model area's loadRun (src/model/loadRun.ts). */
async function runScorer(dir: string): Promise<RewardScorer> {
  return loadRun(resolve(dir));
}

const BASELINES = ['random', 'longer', 'shorter'] as const;

function baselineScorer(name: (typeof BASELINES)[number], seed: number): RewardScorer {
  if (name === 'random') return randomScorer(seed);
  return lengthScorer(name);
}

async function pairwiseBench(bench: Bench, weights: string): Promise<PairwiseBenchmark> {
  if (bench === 'judgebench') return judgeBenchBenchmark();
  if (!isWeightsVersion(weights)) throw new Error(`--weights must be one of ${WEIGHTS_VERSIONS.join(', ')}`);
  const heldOut = await loadHeldOutPairs();
  const mathPairs = heldOut['gsm8k-model-solutions'];
  const { ['gsm8k-model-solutions']: _gsm, ...others } = heldOut;
  return rewardBenchLite({ mathPairs, heldOut: others, weights });
}

export interface EvalOutput {
  result: Record<string, unknown>;
  baselines: Record<string, Record<string, unknown>>;
  reference?: unknown;
}

export async function runEval(opts: {
  scorer: RewardScorer;
  bench: Bench;
  seed: number;
  resamples?: number;
  weights: string;
}): Promise<EvalOutput> {
  const { scorer, bench, seed, resamples } = opts;
  const baselines: Record<string, Record<string, unknown>> = {};
  const others = [randomScorer(seed), lengthScorer('longer'), lengthScorer('shorter')];
  if (bench === 'rmbench') {
    const domains = await loadRmBenchDomains();
    const result = await evaluateRmBench(scorer, domains, { seed, resamples });
    for (const b of others)
      baselines[b.name] = (await evaluateRmBench(b, domains, { seed, resamples })) as unknown as Record<
        string,
        unknown
      >;
    baselines['random (expected)'] = {
      hard: RANDOM_EXPECTED_ACCURACY,
      normal: RANDOM_EXPECTED_ACCURACY,
      easy: RANDOM_EXPECTED_ACCURACY,
      avg: RANDOM_EXPECTED_ACCURACY,
    };
    return { result: result as unknown as Record<string, unknown>, baselines };
  }
  const pb = await pairwiseBench(bench, opts.weights);
  const result: EvalResult = await evaluatePairwise(scorer, pb, { seed, resamples });
  for (const b of others) baselines[b.name] = toRewardBenchJson(await evaluatePairwise(b, pb, { seed, resamples }));
  const expected = Object.fromEntries(pb.subsets.map((s) => [s.key, RANDOM_EXPECTED_ACCURACY]));
  const scored = Object.fromEntries(
    pb.subsets.filter((s) => !pb.reportOnly?.(s)).map((s) => [s.key, RANDOM_EXPECTED_ACCURACY]),
  );
  baselines['random (expected)'] = { ...expected, ...pb.metrics(scored) };
  const reference = bench === 'judgebench' ? await judgeBenchReferenceLeaderboard() : undefined;
  return { result: toRewardBenchJson(result), baselines, ...(reference ? { reference } : {}) };
}

export const command = defineCommand({
  name: 'eval',
  summary: 'Evaluate a trained run on RewardBench-lite, RM-Bench or JudgeBench',
  synopsis: [
    'rmw eval (--run runs/<id> | --baseline random|longer|shorter) --bench rewardbench-lite|rmbench|judgebench',
    '         [--seed N] [--resamples 1000] [--weights current|pre-2024-09-10] [--out <file.json>] [--json]',
  ],
  description: [
    "Writes reward-bench's per-subset accuracy JSON plus sections/score (or RM-Bench hard/normal/easy, JudgeBench",
    'overall), 95% bootstrap CIs (pairs resampled within subsets, seeded by --seed), the random /',
    'longer-response-wins / shorter-response-wins baselines, and for JudgeBench the five reference reward models.',
  ],
  flags: {
    run: { type: 'string', arg: '<run dir>', help: 'a trained run folder (rmw train --out)' },
    baseline: { type: 'string', choices: BASELINES, help: 'evaluate a baseline instead of a trained run' },
    bench: { type: 'string', required: true, choices: BENCHES, help: 'benchmark' },
    seed: { type: 'integer', min: 0, default: DEFAULT_SEED, help: 'bootstrap (and random baseline) seed' },
    resamples: { type: 'integer', min: 1, default: EVAL_DEFAULTS.resamples, help: 'bootstrap resamples' },
    weights: {
      type: 'string',
      choices: WEIGHTS_VERSIONS,
      help: "RewardBench's XSTest weights (rewardbench-lite only)",
      defaultText: EVAL_DEFAULTS.weights,
    },
    out: { type: 'string', arg: '<file.json>', help: 'also write the result JSON to this file' },
  },
  async run(flags) {
    const { bench, seed, resamples } = flags;
    const runDir = flags.run;
    const baseline = flags.baseline;
    if (!runDir === !baseline) throw new UsageError('give exactly one of --run <dir> or --baseline <name>');
    if (flags.weights !== undefined && bench !== 'rewardbench-lite')
      throw new UsageError(`--weights applies to rewardbench-lite, not ${bench}`);
    const scorer = runDir ? await runScorer(runDir) : baselineScorer(baseline as (typeof BASELINES)[number], seed);
    const weights = flags.weights ?? EVAL_DEFAULTS.weights;
    const out = await runEval({ scorer, bench: bench as Bench, seed, resamples, weights });
    const file = flags.out;
    if (file) {
      mkdirSync(dirname(resolve(file)), { recursive: true });
      writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
      process.stderr.write(`rmw eval: wrote ${file}\n`);
    }
    return out;
  },
  format(result: unknown) {
    const r = (result as EvalOutput).result as Record<string, unknown>;
    const keys = ['Chat', 'Chat Hard', 'Safety', 'Reasoning', 'score', 'overall', 'hard', 'normal', 'easy', 'avg'];
    const ci = (r.ci95 ?? {}) as Record<string, { lo: number; hi: number }>;
    const lines = [`${r.bench} — ${r.model} (seed ${r.seed})`];
    for (const k of keys) {
      if (typeof r[k] !== 'number') continue;
      const c = ci[k] ? ` [${(100 * ci[k].lo).toFixed(1)}, ${(100 * ci[k].hi).toFixed(1)}]` : '';
      lines.push(`  ${k.padEnd(10)} ${(100 * (r[k] as number)).toFixed(1)}${c}`);
    }
    for (const n of (r.notes as string[] | undefined) ?? []) lines.push(`  note: ${n}`);
    return lines.join('\n');
  },
});
