// `rmw eval`: score a trained run (or a baseline) on RewardBench-lite, RM-Bench or JudgeBench; write reward-bench's
// per-subset JSON plus sections / metrics, seeded bootstrap 95% CIs, and the baselines beside it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defineCommand } from './flags.js';
import { UsageError } from './errors.js';
import { DEFAULT_SEED, EVAL_DEFAULTS } from '../config/defaults.js';
import type { RewardScorer } from '../model/types.js';
import { loadRun } from '../train/loadRun.js';
import { lengthScorer, randomScorer } from '../eval/baselines.js';
import { WEIGHTS_VERSIONS } from '../eval/rewardbenchConstants.js';
import { BENCHES, evaluateBench, type Bench, type EvalOutput } from '../eval/withBaselines.js';

/** The trained run's scorer, through the training area's loadRun (src/train/loadRun.ts). */
async function runScorer(dir: string): Promise<RewardScorer> {
  return loadRun(resolve(dir));
}

const BASELINES = ['random', 'longer', 'shorter'] as const;

function baselineScorer(name: (typeof BASELINES)[number], seed: number): RewardScorer {
  if (name === 'random') return randomScorer(seed);
  return lengthScorer(name);
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
    const out = await evaluateBench({ scorer, bench: bench as Bench, seed, resamples, weights });
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
