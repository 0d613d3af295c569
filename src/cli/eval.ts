// `rmw eval`: score a trained run, a baseline, or rewards supplied from elsewhere (--scores) on RewardBench-lite,
// RM-Bench, JudgeBench or a mix's held-out split; write reward-bench's per-subset JSON plus sections / metrics, seeded
// bootstrap 95% CIs, and the baselines beside it. Supplied rewards can be recorded for `rmw figures` (--results).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CliCommand, ParsedArgs } from './types.js';
import { flagNumber, flagString, requireFlag } from './args.js';
import type { PreferencePair } from '../data/schema.js';
import type { RewardScorer } from '../model/types.js';
import { loadRun } from '../model/loadRun.js';
import { lengthScorer, randomScorer, RANDOM_EXPECTED_ACCURACY } from '../eval/baselines.js';
import { toRewardBenchJson, type EvalResult } from '../eval/evaluate.js';
import { judgeBenchReferenceLeaderboard } from '../eval/judgebench.js';
import { BENCH_NAMES, evaluateOnBench, isBenchName, loadNamedBench, type NamedBench } from '../eval/namedBench.js';
import { readScoresJsonl } from '../eval/scoreTable.js';
import { evaluateExternal, recordExternalRow } from '../export/externalResults.js';
import { readMixFolder } from '../export/mixStats.js';

/** The trained run's scorer, through the model area's loadRun (src/model/loadRun.ts). */
async function runScorer(dir: string): Promise<RewardScorer> {
  return loadRun(resolve(dir));
}

function baselineScorer(name: string, seed: number): RewardScorer {
  if (name === 'random') return randomScorer(seed);
  if (name === 'longer') return lengthScorer('longer');
  if (name === 'shorter') return lengthScorer('shorter');
  throw new Error(`--baseline must be random, longer or shorter, got "${name}"`);
}

export interface EvalOutput {
  result: Record<string, unknown>;
  baselines: Record<string, Record<string, unknown>>;
  reference?: unknown;
  /** With --scores: the score file, and where the row was recorded. */
  scores?: Record<string, unknown>;
  recorded?: { file: string; replaced: boolean };
}

/** A result in the shape `rmw eval` prints: reward-bench's flat JSON, or RM-Bench's result as it is. */
function asJson(r: Awaited<ReturnType<typeof evaluateOnBench>>): Record<string, unknown> {
  return 'subsets' in r ? toRewardBenchJson(r as EvalResult) : (r as unknown as Record<string, unknown>);
}

/** The random / longer / shorter baselines on the same benchmark, and the random rule's expected accuracy. */
async function baselinesOn(
  bench: NamedBench,
  seed: number,
  resamples: number | undefined,
): Promise<Record<string, Record<string, unknown>>> {
  const baselines: Record<string, Record<string, unknown>> = {};
  for (const b of [randomScorer(seed), lengthScorer('longer'), lengthScorer('shorter')])
    baselines[b.name] = asJson(await evaluateOnBench(b, bench, { seed, resamples }));
  if (bench.name === 'rmbench') {
    const e = RANDOM_EXPECTED_ACCURACY;
    baselines['random (expected)'] = { hard: e, normal: e, easy: e, avg: e };
  } else {
    const pb = bench.pairwise;
    const expected = Object.fromEntries(pb.subsets.map((s) => [s.key, RANDOM_EXPECTED_ACCURACY]));
    const scored = Object.fromEntries(
      pb.subsets.filter((s) => !pb.reportOnly?.(s)).map((s) => [s.key, RANDOM_EXPECTED_ACCURACY]),
    );
    baselines['random (expected)'] = { ...expected, ...pb.metrics(scored) };
  }
  return baselines;
}

export async function runEval(opts: {
  scorer: RewardScorer;
  bench: string;
  seed: number;
  resamples?: number;
  weights: string;
  heldOutPairs?: readonly PreferencePair[];
}): Promise<EvalOutput> {
  const { scorer, seed, resamples } = opts;
  const bench = await loadNamedBench(opts.bench, { weights: opts.weights, heldOutPairs: opts.heldOutPairs });
  const result = asJson(await evaluateOnBench(scorer, bench, { seed, resamples }));
  const baselines = await baselinesOn(bench, seed, resamples);
  const reference = bench.name === 'judgebench' ? await judgeBenchReferenceLeaderboard() : undefined;
  return { result, baselines, ...(reference ? { reference } : {}) };
}

/** `--scores`: a model's rewards from elsewhere, evaluated with the same code and baselines, optionally recorded. */
export async function runEvalScores(opts: {
  scores: string;
  name: string;
  bench: string;
  seed: number;
  resamples: number;
  weights: string;
  heldOutPairs?: readonly PreferencePair[];
  results?: string;
}): Promise<EvalOutput> {
  const { seed, resamples } = opts;
  const bench = await loadNamedBench(opts.bench, { weights: opts.weights, heldOutPairs: opts.heldOutPairs });
  const table = readScoresJsonl(resolve(opts.scores));
  const ev = await evaluateExternal(table, bench, opts.name, { seed, resamples });
  const out: EvalOutput = {
    result: { ...asJson(ev.result), model: opts.name, provenance: 'external (scores supplied)' },
    baselines: await baselinesOn(bench, seed, resamples),
    scores: { file: table.file, sha256: table.sha256, pairs: ev.coverage.used, unusedLines: ev.coverage.unused },
  };
  if (ev.coverage.unused)
    process.stderr.write(
      `rmw eval: ${ev.coverage.unused} score lines are not ${bench.name} pairs (not read; first: ${ev.coverage.firstUnused})\n`,
    );
  if (bench.name === 'judgebench') out.reference = await judgeBenchReferenceLeaderboard();
  if (opts.results) out.recorded = recordExternalRow(opts.results, ev.row);
  return out;
}

export const command: CliCommand = {
  name: 'eval',
  summary:
    'Evaluate a trained run, a baseline, or supplied rewards on RewardBench-lite, RM-Bench, JudgeBench, held-out',
  usage: [
    'rmw eval (--run runs/<id> | --baseline random|longer|shorter | --scores <scores.jsonl> --name <model>)',
    `         --bench ${BENCH_NAMES.join('|')} [--mix <dir>] [--seed N] [--resamples 1000]`,
    '         [--weights current|pre-2024-09-10] [--results <dir>] [--out <file.json>] [--json]',
    '',
    "Writes reward-bench's per-subset accuracy JSON plus sections/score (or RM-Bench hard/normal/easy, JudgeBench",
    'overall), 95% bootstrap CIs (pairs resampled within subsets, seeded by --seed, default 0), the random /',
    'longer-response-wins / shorter-response-wins baselines, and for JudgeBench the five reference reward models.',
    '  --scores   rewards computed elsewhere, one line per pair {"id", "chosen", "rejected"} for the pairs',
    '             `rmw export bench` writes; every pair of the benchmark needs a score',
    '  --name     the model the scores belong to (how tables and figures label it)',
    '  --mix      a curated mix folder: its held-out split is the heldout benchmark (required for heldout)',
    '  --results  with --scores: add the result to <dir>/external-scores.json for `rmw figures --results <dir>`',
  ].join('\n'),
  async run(args: ParsedArgs) {
    const bench = requireFlag(args, 'bench');
    if (!isBenchName(bench)) throw new Error(`--bench must be one of ${BENCH_NAMES.join(', ')}, got "${bench}"`);
    const seed = flagNumber(args, 'seed', 0)!;
    const resamples = flagNumber(args, 'resamples', 1000)!;
    const weights = flagString(args, 'weights', 'current')!;
    const runDir = flagString(args, 'run');
    const baseline = flagString(args, 'baseline');
    const scores = flagString(args, 'scores');
    if ([runDir, baseline, scores].filter(Boolean).length !== 1)
      throw new Error('give exactly one of --run <dir>, --baseline <name> or --scores <file>');
    const mix = flagString(args, 'mix');
    const heldOutPairs = mix ? (await readMixFolder(resolve(mix))).heldOut : undefined;
    const results = flagString(args, 'results');
    if (results && !scores) throw new Error('--results records supplied scores: use it with --scores');
    const out = scores
      ? await runEvalScores({
          scores,
          name: requireFlag(args, 'name'),
          bench,
          seed,
          resamples,
          weights,
          heldOutPairs,
          results,
        })
      : await runEval({
          scorer: runDir ? await runScorer(runDir) : baselineScorer(baseline!, seed),
          bench,
          seed,
          resamples,
          weights,
          heldOutPairs,
        });
    const file = flagString(args, 'out');
    if (file) {
      mkdirSync(dirname(resolve(file)), { recursive: true });
      writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
      process.stderr.write(`rmw eval: wrote ${file}\n`);
    }
    if (out.recorded)
      process.stderr.write(`rmw eval: ${out.recorded.replaced ? 'replaced' : 'added'} a row in ${out.recorded.file}\n`);
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
