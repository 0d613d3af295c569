// One experiment run: train a reward model on a mix (trainRun, the trainer's preset plus the experiment's
// overrides) into its folder, then score it with the fixed evaluation suite. experiment.json, written last, holds
// the run's identity (key), the facts a table row needs (seed, config, backend, data hash, git commit) and the
// evaluation. A run whose key matches is reused; one whose evaluation key changed is only re-evaluated.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { readPairsParquet } from '../data/io/hfParquet.js';
import { evaluateWithBaselines } from '../eval/withBaselines.js';
import type { LossParams } from '../losses/types.js';
import { loadRun } from '../train/loadRun.js';
import type { TrainConfig } from '../train/config.js';
import { trainRun } from '../train/trainRun.js';
import { canonicalJson } from '../util/hash.js';
import { evaluateScorer, loadEvalSuite, type EvalSuite, type RunEvaluation } from './evalSuite.js';

export const RUN_EXPERIMENT_FILE = 'experiment.json';
export const RUN_EXPERIMENT_FORMAT = 'rmw-experiment-run/1';

export interface RunJob {
  runId: string;
  seed: number;
  key: string;
  evalKey: string;
  dir: string;
  mix: { id: string; dir: string; sha256: string };
  /** Held-out pairs file of the evaluation (the same for every run). */
  heldOutFile: string;
  trainPreset: string;
  train: Partial<TrainConfig>;
  model: Record<string, unknown>;
  loss: string;
  lossParams?: LossParams;
  /** Skip the benchmark evaluation (helper runs such as the safety scorer). */
  evaluate: boolean;
  resamples: number;
}

export interface RunRecordSummary {
  format: typeof RUN_EXPERIMENT_FORMAT;
  runId: string;
  seed: number;
  key: string;
  evalKey: string | null;
  mix: { id: string; sha256: string };
  loss: { name: string; params: LossParams };
  preset: string;
  train: TrainConfig;
  model: { kind: string; backend: string; config: Readonly<Record<string, unknown>> };
  steps: number;
  trainPairs: number;
  finalHeldOut: { accuracy: number; n: number } | null;
  gitCommit: string | null;
  versions: Record<string, unknown>;
  seconds: { train: number; eval: number };
  evaluation: RunEvaluation | null;
}

/** The pairs file of a mix folder that an experiment run trains on (the runner's step plan counts the same file). */
export function mixTrainData(mixDir: string): string {
  return join(mixDir, 'train.parquet');
}

export function readRunSummary(dir: string): RunRecordSummary | undefined {
  const p = join(dir, RUN_EXPERIMENT_FILE);
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as RunRecordSummary) : undefined;
}

const suites = new Map<string, Promise<EvalSuite>>();
/** The evaluation suite, built once per process and held-out file. */
export function evalSuiteFor(heldOutFile: string): Promise<EvalSuite> {
  let s = suites.get(heldOutFile);
  if (!s) suites.set(heldOutFile, (s = readPairsParquet(heldOutFile).then(loadEvalSuite)));
  return s;
}

export async function trainAndEvaluate(job: RunJob): Promise<RunRecordSummary> {
  const previous = readRunSummary(job.dir);
  let summary: RunRecordSummary;
  let trainSeconds = 0;
  if (previous && previous.key === job.key) {
    summary = previous;
    trainSeconds = previous.seconds.train;
  } else {
    rmSync(job.dir, { recursive: true, force: true });
    const t0 = performance.now();
    const r = await trainRun({
      data: mixTrainData(job.mix.dir),
      evalData: job.heldOutFile,
      model: 'bow',
      modelConfig: job.model,
      loss: job.loss,
      lossParams: job.lossParams,
      preset: job.trainPreset,
      train: { ...job.train, seed: job.seed },
      outDir: job.dir,
      command: ['experiments', job.runId, `seed=${job.seed}`],
    });
    trainSeconds = (performance.now() - t0) / 1000;
    const rec = r.record;
    if (!rec) throw new Error(`${job.dir}: the trainer wrote no run record`);
    const model = rec.model;
    summary = {
      format: RUN_EXPERIMENT_FORMAT,
      runId: job.runId,
      seed: job.seed,
      key: job.key,
      evalKey: null,
      mix: { id: job.mix.id, sha256: job.mix.sha256 },
      loss: rec.loss,
      preset: job.trainPreset,
      train: rec.train,
      model: { kind: model.kind, backend: model.backend, config: model.config },
      steps: r.stepsDone,
      trainPairs: r.trainPairs,
      finalHeldOut: r.final ? { accuracy: r.final.accuracy, n: r.final.n } : null,
      gitCommit: rec.gitCommit ?? null,
      versions: rec.versions ?? {},
      seconds: { train: Number(trainSeconds.toFixed(2)), eval: 0 },
      evaluation: null,
    };
  }
  if (job.evaluate && (summary.evalKey !== job.evalKey || !summary.evaluation)) {
    const t0 = performance.now();
    const scorer = await loadRun(job.dir);
    summary.evaluation = await evaluateScorer(scorer, await evalSuiteFor(job.heldOutFile), {
      seed: job.seed,
      resamples: job.resamples,
    });
    summary.evalKey = job.evalKey;
    summary.seconds = { train: summary.seconds.train, eval: Number(((performance.now() - t0) / 1000).toFixed(2)) };
  }
  writeFileAtomic(join(job.dir, RUN_EXPERIMENT_FILE), `${canonicalJson(summary, 2)}\n`);
  return summary;
}

export interface BaselineJob {
  key: string;
  file: string;
  seeds: number[];
  heldOutFile: string;
  resamples: number;
}

export interface BaselineResults {
  key: string;
  /** Baseline name -> one evaluation per seed (length baselines are deterministic; the seed drives the bootstrap). */
  baselines: Record<string, { seed: number; evaluation: RunEvaluation }[]>;
}

/** Longer-response-wins, shorter-response-wins and the seeded random scorer through the same evaluation. */
export async function evaluateBaselines(job: BaselineJob): Promise<BaselineResults> {
  if (existsSync(job.file)) {
    const prev = JSON.parse(readFileSync(job.file, 'utf8')) as BaselineResults;
    if (prev.key === job.key) return prev;
  }
  const suite = await evalSuiteFor(job.heldOutFile);
  const out: BaselineResults = { key: job.key, baselines: {} };
  for (const seed of job.seeds) {
    const { baselines } = await evaluateWithBaselines(
      (s) => evaluateScorer(s, suite, { seed, resamples: job.resamples }),
      {
        seed,
        lengthBaselines: seed === job.seeds[0], // deterministic: one evaluation is enough
      },
    );
    for (const [name, evaluation] of Object.entries(baselines))
      (out.baselines[name.startsWith('random') ? 'random' : name] ??= []).push({ seed, evaluation });
  }
  writeFileAtomic(job.file, `${canonicalJson(out, 2)}\n`);
  return out;
}
