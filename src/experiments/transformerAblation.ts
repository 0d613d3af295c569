// The transformer loss ablation as committed results: `rmw experiment transformer-loss-ablation` trains it (its own
// preset, sized per backend: transformerSizing.ts) and writes transformer-loss-ablation.json into the results folder
// beside the bag-of-n-grams results. The file holds the experiment's own results bundle, what it cost, and every
// run's summary with its content hash, so `rmw reproduce` reuses it without training on any machine whose code and
// plan give the same hashes (reuseCommittedAblation), and says it is stale, keeping it labelled, where they differ.
import { existsSync } from 'node:fs';
import { readJsonFile } from '../util/jsonFile.js';
import { join } from 'node:path';
import type { GpuAdapterFacts } from './gpuGate.js';
import type { ExperimentPreset } from './presets.js';
import {
  summarizeResults,
  type AblationCost,
  type AblationRunCost,
  type AblationStatus,
  type ResultsBundle,
} from './results.js';
import { NotReusedError, runExperiments, type ExperimentRunResult } from './runner.js';
import type { RunRecordSummary } from './runs.js';
import { sizingLine, type TransformerSizing } from './transformerSizing.js';

export const TRANSFORMER_EXPERIMENT = 'transformer-loss-ablation';
export const TRANSFORMER_ABLATION_FILE = 'transformer-loss-ablation.json';
export const TRANSFORMER_ABLATION_FORMAT = 'rmw-transformer-ablation/1';
/** The command that writes the committed file (and refreshes it when stale). */
export const TRANSFORMER_ABLATION_COMMAND = 'rmw experiment transformer-loss-ablation --out figures/results';

export interface TransformerAblationResults {
  format: typeof TRANSFORMER_ABLATION_FORMAT;
  command: string;
  sizing: TransformerSizing;
  /** One line: size, backend, steps, stopping, validation split. */
  sizingLine: string;
  cost: AblationCost;
  /** The experiment's own results bundle (its variants, seed-paired differences, baselines on the same seeds). */
  bundle: ResultsBundle;
  /** Every run's summary with its key: reused by content hash where the plan gives the same keys. */
  records: RunRecordSummary[];
}

export async function ablationResults(
  run: ExperimentRunResult,
  wallSeconds: number | null,
  workers: number,
): Promise<TransformerAblationResults> {
  if (!run.sizing)
    throw new Error('the transformer ablation results need a run sized per backend (preset transformer)');
  const bundle = await summarizeResults(run);
  const records = (run.experiments.find((e) => e.id === TRANSFORMER_EXPERIMENT)?.runs ?? []).flatMap(
    (id) => run.runs[id] ?? [],
  );
  const runs: AblationRunCost[] = records.map((r) => ({
    runId: r.runId,
    seed: r.seed,
    steps: r.steps,
    bestStep: r.earlyStop?.bestStep ?? null,
    stoppedAtStep: r.earlyStop?.stoppedAtStep ?? null,
    trainSeconds: r.seconds.train,
    evalSeconds: r.seconds.eval,
  }));
  const sum = (xs: number[]) => Number(xs.reduce((a, x) => a + x, 0).toFixed(1));
  return {
    format: TRANSFORMER_ABLATION_FORMAT,
    command: TRANSFORMER_ABLATION_COMMAND,
    sizing: run.sizing,
    sizingLine: sizingLine(run.sizing),
    cost: {
      wallSeconds: wallSeconds === null ? null : Number(wallSeconds.toFixed(1)),
      workers,
      trainSeconds: sum(runs.map((r) => r.trainSeconds)),
      evalSeconds: sum(runs.map((r) => r.evalSeconds)),
      runs,
    },
    bundle,
    records,
  };
}

/** The committed transformer ablation of a results folder, or undefined when it has none. */
export function readAblationResults(resultsDir: string): TransformerAblationResults | undefined {
  const file = join(resultsDir, TRANSFORMER_ABLATION_FILE);
  if (!existsSync(file)) return undefined;
  const t = readJsonFile<TransformerAblationResults>(file);
  if (t.format !== TRANSFORMER_ABLATION_FORMAT)
    throw new Error(
      `${file}: field "format" is ${JSON.stringify(t.format)}, expected "${TRANSFORMER_ABLATION_FORMAT}"`,
    );
  return t;
}

/**
 * Whether the committed results are what this checkout would compute: the plan is run with every run taken from
 * the committed summaries by key, training nothing. Current: every planned run's key matched; stale: one did not
 * (the reason says so). Either way the committed results are returned as they are, labelled with that status.
 */
export async function reuseCommittedAblation(
  committed: TransformerAblationResults,
  o: {
    runsDir: string;
    workers?: number;
    gpu?: GpuAdapterFacts;
    log?: (line: string) => void;
    /** Tests: the preset and sizing the committed results were trained with, instead of this machine's. */
    preset?: ExperimentPreset;
    sizing?: TransformerSizing;
  },
): Promise<{ results: TransformerAblationResults; status: AblationStatus }> {
  try {
    await runExperiments({
      preset: o.preset ?? 'transformer',
      runsDir: o.runsDir,
      workers: o.workers ?? 0,
      gpu: o.gpu,
      log: o.log,
      committedRuns: committed.records,
      reuseOnly: true,
      sizing: o.sizing,
    });
    // Every run came from the committed summaries under its key: the committed results are this checkout's.
    return { results: committed, status: { current: true } };
  } catch (err) {
    if (!(err instanceof NotReusedError)) throw err;
    return {
      results: committed,
      status: {
        current: false,
        why:
          `the code or the plan changed since they were computed (${err.runs.length} planned run(s) have ` +
          `a content hash no committed run has: ${err.runs.join(', ')})`,
      },
    };
  }
}

/**
 * The results bundle with the transformer ablation in it: its experiment, its runs' facts, and what the
 * conclusions say about its size, cost and status. An experiment of that id already in `main` is replaced.
 */
export function withAblation(
  main: ResultsBundle,
  t: TransformerAblationResults,
  status: AblationStatus = { current: true },
): ResultsBundle {
  const e = t.bundle.experiments.find((x) => x.id === TRANSFORMER_EXPERIMENT);
  if (!e) throw new Error(`${TRANSFORMER_ABLATION_FILE}: its bundle has no ${TRANSFORMER_EXPERIMENT} experiment`);
  const ids = new Set(e.variants.map((v) => v.runId));
  const skipped = (main.skipped ?? []).filter((s) => s.id !== TRANSFORMER_EXPERIMENT);
  const { skipped: _old, ...rest } = main;
  return {
    ...rest,
    ...(skipped.length ? { skipped } : {}),
    experiments: [
      ...main.experiments.filter((x) => x.id !== TRANSFORMER_EXPERIMENT),
      {
        ...e,
        preset: { name: t.bundle.preset.name, description: t.bundle.preset.description, seeds: t.bundle.preset.seeds },
      },
    ],
    runs: [...main.runs.filter((r) => !ids.has(r.runId)), ...t.bundle.runs.filter((r) => ids.has(r.runId))],
    transformerAblation: {
      sizing: t.sizing,
      sizingLine: t.sizingLine,
      cost: t.cost,
      command: t.command,
      seeds: t.bundle.preset.seeds,
      baselines: t.bundle.baselines,
      status,
    },
  };
}
