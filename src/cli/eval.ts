// `rmw eval`: score a trained run, a baseline, or rewards supplied from elsewhere (--scores) on RewardBench-lite,
// RM-Bench, JudgeBench or a mix's held-out split; write reward-bench's per-subset JSON plus sections / metrics, seeded
// bootstrap 95% CIs, and the baselines beside it. Supplied rewards can be recorded for `rmw figures` (--results).
// --out is a single-file output (util/output): never one of the command's inputs (the run's files, the scores, the
// mix), never a file rmw eval did not write.
import { join, resolve } from 'node:path';
import { defineCommand } from './flags.js';
import { ResultError, UsageError } from './errors.js';
import { offThread } from './offThread.js';
import { DEFAULT_SEED, EVAL_DEFAULTS } from '../config/defaults.js';
import type { RewardScorer } from '../model/types.js';
import { loadRun } from '../train/loadRun.js';
import { runInputs } from '../train/runFolder.js';
import { openFileOutput } from '../util/output/fileOutput.js';
import type { CommandInput } from '../util/output/inputs.js';
import type { OutputKind } from '../util/output/marker.js';
import { lengthScorer, randomScorer } from '../eval/baselines.js';
import type { PreferencePair } from '../data/schema.js';
import { BENCHES, loadNamedBench, type Bench, type NamedBench } from '../eval/namedBench.js';
import { checkRunOverlap } from '../eval/runOverlap.js';
import { MAX_OVERLAP } from '../train/overlap.js';
import { WEIGHTS_VERSIONS } from '../eval/rewardbenchConstants.js';
import { readScoresJsonl } from '../eval/scoreTable.js';
import { benchEvalOutput, evaluateBench, type EvalOutput } from '../eval/withBaselines.js';
import { evaluateExternal, recordExternalRow } from '../export/externalResults.js';
import { againstLines, compareAgainst, type AgainstReport } from '../export/againstReference.js';
import type { ScoreHealth } from '../export/scoreChecks.js';
import { tieCountingScorer, type TieCount } from '../eval/tieCount.js';
import { mixInputs, readMixFolder } from '../curate/readMix.js';
import { EXTERNAL_FILE } from '../report/externalInputs.js';
import { EXTERNAL_LABEL } from '../report/tableRender.js';

/** What `rmw eval` reads, which --out must not name: the run's files, the supplied scores, the mix's files. */
function evalInputs(flags: { run?: string; scores?: string; mix?: string; results?: string }): CommandInput[] {
  return [
    ...(flags.run ? runInputs(flags.run, '--run') : []),
    ...(flags.scores ? [{ path: flags.scores, what: 'the supplied rewards (--scores)' }] : []),
    ...(flags.mix ? mixInputs(flags.mix, '--mix') : []),
    ...(flags.results ? [{ path: join(flags.results, EXTERNAL_FILE), what: 'the recorded results (--results)' }] : []),
  ];
}

/** The trained run's scorer, through the training area's loadRun (src/train/loadRun.ts). */
async function runScorer(dir: string): Promise<RewardScorer> {
  return loadRun(resolve(dir));
}

/** The benchmark built once; for a trained run, its overlap with the run's training data checked first. */
async function checkedBench(
  bench: Bench,
  o: { weights: string; heldOutPairs?: PreferencePair[]; run?: string; allowOverlap: boolean },
): Promise<NamedBench> {
  const built = await loadNamedBench(bench, o);
  if (o.run) await checkRunOverlap(resolve(o.run), built.rows, { allow: o.allowOverlap, who: 'rmw eval', what: bench });
  return built;
}

const BASELINES = ['random', 'longer', 'shorter'] as const;

/** The result file of `rmw eval --out` as an output. */
export const EVAL_OUTPUT: OutputKind = { kind: 'eval', writer: 'rmw eval', noun: 'evaluation result' };

function baselineScorer(name: (typeof BASELINES)[number], seed: number): RewardScorer {
  if (name === 'random') return randomScorer(seed);
  return lengthScorer(name);
}

/** What `rmw eval` returns: the evaluation, and with --scores the score file and where its row was recorded. */
export interface EvalCommandResult extends EvalOutput {
  scores?: { file: string; sha256: string; pairs: number; unusedLines: number };
  recorded?: { file: string; replaced: boolean };
  /** --scores: the model the lines name, ties and degenerate-reward warnings; --against: the set-up check. */
  health?: ScoreHealth & { model?: string };
  /** --run / --baseline: pairs whose two rewards were equal (never correct under the strict rule). */
  ties?: TieCount;
  against?: AgainstReport;
}

/** --scores: a model's rewards from elsewhere, evaluated with the same code and baselines, optionally recorded. */
async function evalScores(o: {
  scores: string;
  name: string;
  bench: Bench;
  seed: number;
  resamples: number;
  weights: string;
  mix?: string;
  results?: string;
  against?: string;
}): Promise<EvalCommandResult> {
  const heldOutPairs = o.mix ? (await readMixFolder(resolve(o.mix))).heldOut : undefined;
  const bench = await loadNamedBench(o.bench, { weights: o.weights, heldOutPairs });
  const table = readScoresJsonl(resolve(o.scores));
  const ev = await evaluateExternal(table, bench, o.name, { seed: o.seed, resamples: o.resamples, weights: o.weights });
  if (ev.coverage.unused)
    process.stderr.write(
      `rmw eval: ${ev.coverage.unused} score lines are not ${bench.name} pairs (not read; first: ` +
        `${ev.coverage.firstUnused})\n`,
    );
  for (const w of ev.health.warnings) process.stderr.write(`rmw eval: warning: ${w}\n`);
  const out = await benchEvalOutput(ev.evaluation);
  const overall = ev.row.metrics.overall;
  return {
    health: { ...ev.health, ...(ev.model ? { model: ev.model } : {}) },
    ...(o.against ? { against: await compareAgainst(table, o.against, overall) } : {}),
    ...out,
    result: { ...out.result, model: o.name, provenance: EXTERNAL_LABEL },
    scores: ev.row.scores,
    ...(o.results ? { recorded: recordExternalRow(o.results, ev.row) } : {}),
  };
}

/** What `rmw eval` computes, from its checked flags; run in a worker thread (offThread). */
export async function evaluate(
  o: {
    bench: Bench;
    runDir?: string;
    baseline?: string;
    scores?: string;
    name?: string;
    mix?: string;
    results?: string;
    against?: string;
    seed: number;
    resamples: number;
    weights: (typeof WEIGHTS_VERSIONS)[number];
  },
  allowOverlap: boolean,
): Promise<EvalCommandResult> {
  const { bench, runDir, baseline, scores, name, mix, results, seed, resamples, weights } = o;
  const counted = scores
    ? undefined
    : tieCountingScorer(
        runDir ? await runScorer(runDir) : baselineScorer(baseline as (typeof BASELINES)[number], seed),
      );
  const out: EvalCommandResult = scores
    ? await evalScores({
        scores,
        name: name!,
        bench,
        seed,
        resamples,
        weights,
        mix,
        results,
        against: o.against,
      })
    : await evaluateBench({
        scorer: counted!.scorer,
        bench: await checkedBench(bench, {
          weights,
          heldOutPairs: mix ? (await readMixFolder(resolve(mix))).heldOut : undefined,
          run: runDir,
          allowOverlap,
        }),
        seed,
        resamples,
      });
  if (counted) out.ties = counted.ties();
  return out;
}

export const command = defineCommand({
  name: 'eval',
  summary:
    'Evaluate a trained run, a baseline, or supplied rewards on RewardBench-lite, RM-Bench, JudgeBench, held-out',
  synopsis: [
    'rmw eval (--run runs/<id> | --baseline random|longer|shorter | --scores <scores.jsonl> --name <model>)',
    '         [--against <reference model>  (with --scores --bench judgebench)]',
    `         --bench ${BENCHES.join('|')} [--mix <dir>] [--seed N] [--resamples 1000]`,
    '         [--weights current|pre-2024-09-10] [--results <dir>] [--out <file.json>] [--json]',
  ],
  description: [
    "Writes reward-bench's per-subset accuracy JSON plus sections/score (or RM-Bench hard/normal/easy, JudgeBench",
    'overall), 95% bootstrap CIs (pairs resampled within subsets, seeded by --seed), the random /',
    'longer-response-wins / shorter-response-wins baselines, and for JudgeBench the five reference reward models.',
    'Rewards computed elsewhere (--scores, for the pairs `rmw export bench` writes) go through the same evaluation,',
    'labelled "external (scores supplied)"; --results records them for `rmw figures --results <dir>`.',
  ],
  flags: {
    run: { type: 'string', arg: '<run dir>', help: 'a trained run folder (rmw train --out)' },
    baseline: { type: 'string', choices: BASELINES, help: 'evaluate a baseline instead of a trained run' },
    scores: {
      type: 'string',
      arg: '<scores.jsonl>',
      help: 'rewards computed elsewhere, one line {"id", "chosen", "rejected"} per benchmark pair (all pairs needed)',
    },
    name: { type: 'string', arg: '<model>', help: 'with --scores: the model the rewards belong to (its label)' },
    bench: { type: 'string', required: true, choices: BENCHES, help: 'benchmark' },
    'allow-overlap': {
      type: 'boolean',
      help:
        `with --run: evaluate even when over ${100 * MAX_OVERLAP}% of the benchmark's pairs share a ` +
        `prompt with its training data`,
    },
    mix: {
      type: 'string',
      arg: '<dir>',
      help: 'a curated mix folder (rmw curate --out): its held-out split is the heldout benchmark',
    },
    against: {
      type: 'string',
      arg: '<model>',
      help: 'with --scores --bench judgebench: compare with the shipped real scores of this model (set-up check)',
    },
    seed: { type: 'integer', min: 0, default: DEFAULT_SEED, help: 'bootstrap (and random baseline) seed' },
    resamples: {
      type: 'integer',
      min: 2,
      max: EVAL_DEFAULTS.maxResamples,
      default: EVAL_DEFAULTS.resamples,
      help: 'bootstrap resamples',
    },
    weights: {
      type: 'string',
      choices: WEIGHTS_VERSIONS,
      help: "RewardBench's XSTest weights (rewardbench-lite only)",
      defaultText: EVAL_DEFAULTS.weights,
    },
    results: {
      type: 'string',
      arg: '<dir>',
      help: 'with --scores: add the result to <dir>/external-scores.json for rmw figures',
    },
    out: {
      type: 'string',
      arg: '<file.json>',
      help: 'also write the result JSON to this file (not an input, not a file rmw eval did not write)',
    },
  },
  async run(flags): Promise<EvalCommandResult> {
    const { seed, resamples } = flags;
    const bench = flags.bench as Bench;
    const { run: runDir, baseline, scores, name, mix, results } = flags;
    if ([runDir, baseline, scores].filter(Boolean).length !== 1)
      throw new UsageError('give exactly one of --run <dir>, --baseline <name> or --scores <file>');
    if (scores && !name) throw new UsageError('missing --name <model>: the model the supplied rewards belong to');
    if (name && !scores) throw new UsageError('--name labels supplied rewards: use it with --scores');
    if (results && !scores) throw new UsageError('--results records supplied scores: use it with --scores');
    if (flags.against && (!scores || bench !== 'judgebench'))
      throw new UsageError(
        '--against compares supplied JudgeBench scores: use it with --scores and --bench judgebench',
      );
    if (flags.weights !== undefined && bench !== 'rewardbench-lite')
      throw new UsageError(`--weights applies to rewardbench-lite, not ${bench}`);
    if (bench === 'heldout' && !mix)
      throw new UsageError('--bench heldout needs --mix <dir>: the mix whose held-out split is scored');
    if (flags['allow-overlap'] && !runDir) throw new UsageError('--allow-overlap applies to a trained run (--run)');
    if (mix && bench !== 'heldout') throw new UsageError(`--mix applies to --bench heldout, not ${bench}`);
    const weights = flags.weights ?? EVAL_DEFAULTS.weights;
    const file = flags.out;
    const output = file ? openFileOutput(file, { kind: EVAL_OUTPUT, inputs: evalInputs(flags) }) : undefined;
    try {
      // scoring and the bootstrap are synchronous: run off the main thread, so a Ctrl-C stops them at once
      const out = await offThread<EvalCommandResult>(
        new URL(import.meta.url),
        'evaluate',
        [
          { bench, runDir, baseline, scores, name, mix, results, against: flags.against, seed, resamples, weights },
          flags['allow-overlap'] ?? false,
        ],
        file ? `nothing written to ${file}` : undefined,
      );
      if (output) {
        output.write(`${JSON.stringify(out, null, 2)}\n`);
        process.stderr.write(`rmw eval: wrote ${file}\n`);
      }
      if (out.recorded)
        process.stderr.write(
          `rmw eval: ${out.recorded.replaced ? 'replaced' : 'added'} a row in ${out.recorded.file}\n`,
        );
      if (out.against && !out.against.reproduces)
        throw new ResultError(`the scoring set-up does not reproduce ${out.against.reference.model}`, out);
      return out;
    } finally {
      output?.abandon();
    }
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
    const { health, against, ties } = result as EvalCommandResult;
    if (ties) lines.push(`  ties      ${ties.tied} of ${ties.pairs} pairs`);
    if (health)
      lines.push(`  ties      ${health.tied} of ${health.pairs} pairs${health.model ? ` (${health.model})` : ''}`);
    if (against) lines.push(...againstLines(against));
    return lines.join('\n');
  },
});
