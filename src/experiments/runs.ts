// One experiment run: train a reward model (the bag-of-n-grams model, or the transformer on the device the tensor
// backend gives) on a mix (trainRun, the trainer's preset plus the experiment's overrides) into its folder, then
// score it with the fixed evaluation suite. experiment.json, written last, holds the run's identity (key), the facts
// a table row needs (seed, model, config, the backend it trained on, data hash, git commit) and the evaluation. A run
// whose key matches is reused; one whose evaluation key changed is only re-evaluated. A run trained without its
// evaluation (the GPU machine's check, whose machine lacks the benchmarks) is evaluated where it is collected. A run
// whose key changed is trained anew and replaces the old run folder whole (a killed one continues from its
// checkpoint); experiment.json and baselines.json are single-file outputs (util/output).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openFileOutput } from '../util/output/fileOutput.js';
import type { OutputKind } from '../util/output/marker.js';
import { readPairsParquet } from '../data/io/hfParquet.js';
import { isHeldOut } from '../data/heldOut.js';
import { currentBackend, selectBackend } from '../model/backend.js';
import type { EarlyStopFacts } from '../train/earlyStop.js';
import { evaluateWithBaselines } from '../eval/withBaselines.js';
import type { LossParams } from '../losses/types.js';
import { loadRun } from '../train/loadRun.js';
import type { TrainConfig } from '../train/config.js';
import { trainRun } from '../train/trainRun.js';
import { canonicalJson } from '../util/hash.js';
import { jobKey, type CodeHashes } from './contentHash.js';
import { evaluateScorer, loadEvalSuite, type EvalSuite, type RunEvaluation } from './evalSuite.js';
import { DEFAULT_MODEL, modelOf, type ModelKind, type RunSpec } from './plan.js';
import type { ExperimentPreset } from './presets.js';
import { readJsonFile } from '../util/jsonFile.js';
import type { AblationBackend, TransformerSizing, ValidationRule } from './transformerSizing.js';

export const RUN_EXPERIMENT_FILE = 'experiment.json';
export const RUN_EXPERIMENT_FORMAT = 'rmw-experiment-run/1';
const EXPERIMENT_RUN_OUTPUT: OutputKind = { kind: 'experiment-run', writer: 'rmw experiment', noun: 'run summary' };
const BASELINES_OUTPUT: OutputKind = { kind: 'baselines', writer: 'rmw experiment', noun: 'baselines file' };

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
  /** The reward model trained, and its config overrides on top of the trainer preset's. */
  modelKind: ModelKind;
  model: Record<string, unknown>;
  loss: string;
  lossParams?: LossParams;
  /** Skip the benchmark evaluation (helper runs such as the safety scorer). */
  evaluate: boolean;
  resamples: number;
  /** Retrain even when the folder holds a run of this key. */
  force?: boolean;
  /** The tensor backend the run must train on (runs sized per backend); absent: whatever RMW_BACKEND selects. */
  backend?: AblationBackend;
  /** Train on the mix's pairs minus this validation split, which the trainer evaluates on (early stopping). */
  validation?: ValidationRule;
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
  /** What trained: the model kind, the tensor backend it ran on, and (device-step models) the WebGPU adapter. */
  model: { kind: string; backend: string; config: Readonly<Record<string, unknown>>; adapter?: string | null };
  steps: number;
  trainPairs: number;
  finalHeldOut: { accuracy: number; n: number } | null;
  gitCommit: string | null;
  versions: Record<string, unknown>;
  seconds: { train: number; eval: number };
  evaluation: RunEvaluation | null;
  /** Runs with a validation split: its rule and size. */
  validation?: ValidationRule & { pairs: number };
  /** Runs stopped on the validation split: the step whose weights were kept, and where training stopped. */
  earlyStop?: EarlyStopFacts;
}

/** The folder of one run of the plan under a runs folder: runs/<run id>-s<seed>. */
export function runFolder(runsDir: string, runId: string, seed: number): string {
  return join(runsDir, 'runs', `${runId}-s${seed}`);
}

/** The model overrides a preset gives a run of this kind. */
export function modelConfigFor(kind: ModelKind, preset: ExperimentPreset): Record<string, unknown> {
  return kind === 'bow' ? preset.model : (preset.transformer ?? {});
}

export interface RunJobInputs {
  preset: ExperimentPreset;
  runsDir: string;
  mix: { id: string; dir: string; sha256: string };
  heldOutFile: string;
  heldOutSha256: string;
  /** Trainer overrides: the preset's, plus maxSteps for equal-steps runs. */
  train: Partial<TrainConfig>;
  code: CodeHashes;
  /** The evaluation's key ('' for a run trained without its evaluation). */
  evalKey: string;
  evaluate: boolean;
  /** Transformer runs of a preset sized per backend: the backend, size, step budget and validation split. */
  sizing?: TransformerSizing;
}

/**
 * The job of one run × seed, with its key: a hash of everything the trained weights depend on. The model kind joins
 * the key only for models other than bow, so the bag-of-n-grams runs keep the keys (and reuse) they always had.
 */
export function planRunJob(spec: RunSpec, seed: number, o: RunJobInputs): RunJob {
  const kind = modelOf(spec);
  const sized = kind === 'transformer' ? o.sizing : undefined;
  const model = sized ? sized.model : modelConfigFor(kind, o.preset);
  const train = sized ? { ...o.train, ...sized.train } : o.train;
  const key = jobKey({
    kind: 'run',
    id: spec.id,
    seed,
    mix: o.mix.sha256,
    heldOut: o.heldOutSha256,
    trainPreset: o.preset.trainPreset,
    train,
    model,
    ...(kind === DEFAULT_MODEL ? {} : { modelKind: kind }),
    ...(sized ? { backend: sized.backend, validation: sized.validation } : {}),
    loss: spec.loss,
    lossParams: spec.lossParams ?? null,
    code: o.code.run,
  });
  return {
    runId: spec.id,
    seed,
    key,
    evalKey: o.evalKey,
    dir: runFolder(o.runsDir, spec.id, seed),
    mix: o.mix,
    heldOutFile: o.heldOutFile,
    trainPreset: o.preset.trainPreset,
    train,
    modelKind: kind,
    model,
    loss: spec.loss,
    lossParams: spec.lossParams,
    evaluate: o.evaluate,
    resamples: o.preset.resamples,
    ...(sized ? { backend: sized.backend, validation: sized.validation } : {}),
  };
}

/** The mix's training pairs split by a validation rule (the held-out prompt hash with the rule's own salt). */
export async function splitValidation(mixDir: string, rule: ValidationRule) {
  const all = await readPairsParquet(mixTrainData(mixDir));
  const train = all.filter((p) => !isHeldOut(p, rule.fraction, rule.salt));
  const validation = all.filter((p) => isHeldOut(p, rule.fraction, rule.salt));
  return { train, validation };
}

/** The key of a run's evaluation: the evaluation code, the held-out pairs and the mix they come from, resamples. */
export function evalJobKey(code: CodeHashes, heldOutSha256: string, evalMixSha256: string, resamples: number): string {
  return jobKey({ kind: 'eval', code: code.eval, heldOut: heldOutSha256, resamples, evalMix: evalMixSha256 });
}

/** The pairs file of a mix folder that an experiment run trains on (the runner's step plan counts the same file). */
export function mixTrainData(mixDir: string): string {
  return join(mixDir, 'train.parquet');
}

export function readRunSummary(dir: string): RunRecordSummary | undefined {
  const p = join(dir, RUN_EXPERIMENT_FILE);
  return existsSync(p) ? readJsonFile<RunRecordSummary>(p) : undefined;
}

const suites = new Map<string, Promise<EvalSuite>>();
/** The evaluation suite, built once per process and held-out file. */
export function evalSuiteFor(heldOutFile: string): Promise<EvalSuite> {
  let s = suites.get(heldOutFile);
  if (!s) suites.set(heldOutFile, (s = readPairsParquet(heldOutFile).then(loadEvalSuite)));
  return s;
}

/** The tensor backend is one per process: selected once, by the first run that names it (runs in-process may start
 * together, so they share the one selection). */
let backendSelection: { name: string; ready: Promise<unknown> } | undefined;
function useBackend(name: AblationBackend): Promise<unknown> {
  if (backendSelection?.name === name) return backendSelection.ready;
  if (currentBackend()?.name === name) return Promise.resolve();
  backendSelection = { name, ready: selectBackend(name, { log: false }) };
  return backendSelection.ready;
}

export async function trainAndEvaluate(job: RunJob): Promise<RunRecordSummary> {
  const previous = job.force ? undefined : readRunSummary(job.dir);
  let summary: RunRecordSummary;
  let trainSeconds = 0;
  if (previous && previous.key === job.key) {
    summary = previous;
    trainSeconds = previous.seconds.train;
  } else {
    const t0 = performance.now();
    if (job.backend) await useBackend(job.backend);
    const split = job.validation ? await splitValidation(job.mix.dir, job.validation) : undefined;
    const r = await trainRun({
      // With a validation split the trainer sees only the training pairs: it evaluates (and stops) on the split.
      ...(split
        ? {
            pairs: split.train,
            evalPairs: split.validation,
            record: { validation: { ...job.validation, pairs: split.validation.length, mix: job.mix.sha256 } },
          }
        : { data: mixTrainData(job.mix.dir), evalData: job.heldOutFile }),
      model: job.modelKind,
      modelConfig: job.model,
      loss: job.loss,
      lossParams: job.lossParams,
      preset: job.trainPreset,
      train: { ...job.train, seed: job.seed },
      outDir: job.dir,
      // The runner's own folder: a run of another key is replaced, a killed one of this key continued.
      resume: true,
      force: true,
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
      model: {
        kind: model.kind,
        backend: model.backend,
        config: model.config,
        ...(rec.device ? { adapter: rec.device.adapter } : {}),
      },
      steps: r.stepsDone,
      trainPairs: r.trainPairs,
      // With a validation split the trainer's last evaluation is on the split, not on the held-out pairs.
      finalHeldOut: r.final && !split ? { accuracy: r.final.accuracy, n: r.final.n } : null,
      gitCommit: rec.gitCommit ?? null,
      versions: rec.versions ?? {},
      seconds: { train: Number(trainSeconds.toFixed(2)), eval: 0 },
      evaluation: null,
      ...(split ? { validation: { ...job.validation!, pairs: split.validation.length } } : {}),
      ...(r.earlyStop ? { earlyStop: r.earlyStop } : {}),
    };
  }
  if (job.evaluate && (summary.evalKey !== job.evalKey || !summary.evaluation))
    return evaluateRun(job.dir, summary, {
      heldOutFile: job.heldOutFile,
      resamples: job.resamples,
      evalKey: job.evalKey,
    });
  writeRunSummary(job.dir, summary);
  return summary;
}

/** Scores a trained run (its folder) with the evaluation suite and writes experiment.json with the evaluation. */
export async function evaluateRun(
  dir: string,
  trained: RunRecordSummary,
  o: { heldOutFile: string; resamples: number; evalKey: string },
): Promise<RunRecordSummary> {
  const t0 = performance.now();
  const scorer = await loadRun(dir);
  const summary: RunRecordSummary = {
    ...trained,
    evaluation: await evaluateScorer(scorer, await evalSuiteFor(o.heldOutFile), {
      seed: trained.seed,
      resamples: o.resamples,
    }),
    evalKey: o.evalKey,
    seconds: { train: trained.seconds.train, eval: Number(((performance.now() - t0) / 1000).toFixed(2)) },
  };
  writeRunSummary(dir, summary);
  return summary;
}

/** experiment.json, a single-file output of the runner (util/output: never onto a file it did not write). */
function writeRunSummary(dir: string, summary: RunRecordSummary): void {
  openFileOutput(join(dir, RUN_EXPERIMENT_FILE), { kind: EXPERIMENT_RUN_OUTPUT }).write(
    `${canonicalJson(summary, 2)}\n`,
  );
}

/** The key of the baselines' evaluation: the evaluation code, the held-out pairs, the seeds and resamples. */
export function baselinesJobKey(code: CodeHashes, heldOutSha256: string, seeds: number[], resamples: number): string {
  return jobKey({ kind: 'baselines', code: code.eval, heldOut: heldOutSha256, seeds, resamples });
}

export interface BaselineJob {
  key: string;
  file: string;
  seeds: number[];
  heldOutFile: string;
  resamples: number;
  /** Recompute even when the file holds results of this key. */
  force?: boolean;
}

export interface BaselineResults {
  key: string;
  /** Baseline name -> one evaluation per seed (length baselines are deterministic; the seed drives the bootstrap). */
  baselines: Record<string, { seed: number; evaluation: RunEvaluation }[]>;
}

/** Longer-response-wins, shorter-response-wins and the seeded random scorer through the same evaluation. */
export async function evaluateBaselines(job: BaselineJob): Promise<BaselineResults> {
  if (!job.force && existsSync(job.file)) {
    const prev = readJsonFile<BaselineResults>(job.file);
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
  const file = openFileOutput(job.file, {
    kind: BASELINES_OUTPUT,
    inputs: [{ path: job.heldOutFile, what: 'held-out pairs' }],
  });
  file.write(`${canonicalJson(out, 2)}\n`);
  return out;
}
