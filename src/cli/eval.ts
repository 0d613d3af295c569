// `rmw eval`: score a trained run (or a baseline) on RewardBench-lite, RM-Bench or JudgeBench; write reward-bench's
// per-subset JSON plus sections / metrics, seeded bootstrap 95% CIs, and the baselines beside it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CliCommand, ParsedArgs } from './types.js';
import { flagNumber, flagString, requireFlag } from './args.js';
import type { RewardScorer } from '../model/types.js';
import { loadRun } from '../train/loadRun.js';
import { lengthScorer, randomScorer } from '../eval/baselines.js';
import { BENCHES, evaluateBench, type Bench, type EvalOutput } from '../eval/withBaselines.js';

/** The trained run's scorer, through the training area's loadRun (src/train/loadRun.ts). */
async function runScorer(dir: string): Promise<RewardScorer> {
  return loadRun(resolve(dir));
}

function baselineScorer(name: string, seed: number): RewardScorer {
  if (name === 'random') return randomScorer(seed);
  if (name === 'longer') return lengthScorer('longer');
  if (name === 'shorter') return lengthScorer('shorter');
  throw new Error(`--baseline must be random, longer or shorter, got "${name}"`);
}

export const command: CliCommand = {
  name: 'eval',
  summary: 'Evaluate a trained run on RewardBench-lite, RM-Bench or JudgeBench',
  usage: [
    'rmw eval (--run runs/<id> | --baseline random|longer|shorter) --bench rewardbench-lite|rmbench|judgebench',
    '         [--seed N] [--resamples 1000] [--weights current|pre-2024-09-10] [--out <file.json>] [--json]',
    '',
    "Writes reward-bench's per-subset accuracy JSON plus sections/score (or RM-Bench hard/normal/easy, JudgeBench",
    'overall), 95% bootstrap CIs (pairs resampled within subsets, seeded by --seed, default 0), the random /',
    'longer-response-wins / shorter-response-wins baselines, and for JudgeBench the five reference reward models.',
  ].join('\n'),
  async run(args: ParsedArgs) {
    const bench = requireFlag(args, 'bench') as Bench;
    if (!BENCHES.includes(bench)) throw new Error(`--bench must be one of ${BENCHES.join(', ')}, got "${bench}"`);
    const seed = flagNumber(args, 'seed', 0)!;
    const resamples = flagNumber(args, 'resamples', 1000)!;
    const runDir = flagString(args, 'run');
    const baseline = flagString(args, 'baseline');
    if (!runDir === !baseline) throw new Error('give exactly one of --run <dir> or --baseline <name>');
    const scorer = runDir ? await runScorer(runDir) : baselineScorer(baseline!, seed);
    const out = await evaluateBench({
      scorer,
      bench,
      seed,
      resamples,
      weights: flagString(args, 'weights', 'current')!,
    });
    const file = flagString(args, 'out');
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
};
