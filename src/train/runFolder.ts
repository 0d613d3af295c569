// A run folder (runs/<id>/): the names of its files, the typed run record (run.json) that the trainer writes and
// every reader parses (loadRun, the experiments, the CLI), and the provenance the record carries (software
// versions, git commit). What was trained, on what, how, with which software, and what came out. The record also
// holds the sha256 of weights.bin and of every checkpoint, and the readers here check them: a weights file or
// checkpoint swapped or damaged after it was written is refused, naming the file. (How the folder is written,
// staged and published whole, is runOutput.ts.)
import type { DeviceStepReport } from './deviceSteps.js';
import type { EarlyStopFacts } from './earlyStop.js';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LossParams } from '../losses/types.js';
import type { ChatFormatOptions } from '../model/chatFormat.js';
import type { ParameterInfo } from '../model/trainable.js';
import { canonicalJson, sha256Hex } from '../util/hash.js';
import type { CommandInput } from '../util/output/inputs.js';
import type { OutputKind } from '../util/output/marker.js';
import { fromRoot, repoRoot } from '../util/paths.js';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { RUN_RECORD_FORMAT, WEIGHTS_FILE } from './runNames.js';
import { runKeyOf } from './runKey.js';
export { runKeyOf, type RunKeyParts } from './runKey.js';
import type { TrainConfig } from './config.js';
import type { EvalMetric, StepMetric } from './metrics.js';
import type { PairInput } from './readPairs.js';

export { RUN_RECORD_FORMAT, WEIGHTS_FILE };
export const RUN_FILE = 'run.json';
export const CHECKPOINT_FILE = 'checkpoint.bin';

/** A run folder as an output (util/output): what its marker says, and what messages call it. */
export const RUN_OUTPUT: OutputKind = { kind: 'run', writer: 'rmw train', noun: 'run' };

/** One checkpoint the trainer wrote: after which step, and the sha256 of its bytes. */
export interface CheckpointEntry {
  step: number;
  sha256: string;
}

/** running: checkpointed mid-run; finished: weights.bin written; diverged: stopped by the NaN/Inf guard. */
export type RunStatus = 'running' | 'finished' | 'diverged';

/** Facts the caller of the trainer adds to the record (trainRun adds all of the named ones). */
export interface RunFacts {
  preset?: string;
  chatFormat?: ChatFormatOptions;
  tokenizer?: { name: string; encodeMs: number; cacheHits: number; cacheMisses: number };
  inputs?: PairInput[];
  /** How the held-out pairs were chosen (a prompt-hash fraction, or a file / in-memory pairs). */
  heldOut?: Record<string, unknown>;
  /** Pairs left out because their two responses are identical. */
  dropped?: { identicalTrain: number; identicalEval: number };
  command?: string[] | null;
  /** Anything else a caller wants kept with the run. */
  [fact: string]: unknown;
}

/** What the record says from the first step on: the run's identity and set-up. */
export interface RunIdentity extends RunFacts {
  format: typeof RUN_RECORD_FORMAT;
  /** The run folder's name (null when the trainer wrote no folder). */
  id: string | null;
  /** Hash of everything that determines the run (config, loss, model, data); a resume must match it. */
  runKey: string;
  model: { kind: string; config: Readonly<Record<string, unknown>>; backend: string; parameters: ParameterInfo[] };
  loss: { name: string; paperName: string; params: LossParams };
  seed: number;
  train: TrainConfig;
  schedule: { lr: number; warmupSteps: number; minLrFraction: number; totalSteps: number; stepsPerEpoch: number };
  data: { trainPairs: number; evalPairs: number; trainTokensSha256: string; evalTokensSha256: string };
  versions: Record<string, string | null>;
  gitCommit: string | null;
}

/** runs/<id>/run.json: the identity, where the run stands, and its metrics so far. */
export interface RunRecord extends RunIdentity {
  status: RunStatus;
  stepsDone: number;
  metrics: { steps: StepMetric[]; evals: EvalMetric[] };
  /** Finished runs: the held-out evaluation after the last step (null without held-out pairs). */
  final?: EvalMetric | null;
  timings?: { trainMs: number; stepMsMean: number; resumedAtStep: number };
  files?: { weights: string };
  /** Finished runs: sha256 of the files the run wrote (weights.bin), checked by every reader of the weights. */
  checksums?: Record<string, string>;
  /** Every checkpoint written, in order (recorded before its file is written; --resume checks the file on disk). */
  checkpoints?: CheckpointEntry[];
  /** Device-step models (the transformer): backend, WebGPU adapter, what a step cost the device. */
  device?: DeviceStepReport;
  /** Diverged runs: what was not finite, at which step. */
  error?: string;
  /** Early stopping (TrainConfig.patience): the step whose weights the run ends with, and where it stopped. */
  earlyStop?: EarlyStopFacts;
}

/** The run key recomputed from what a record says (an edit of any setting in run.json changes it). */
function recordRunKey(r: RunRecord): string {
  return runKeyOf({
    train: r.train,
    loss: r.loss?.name,
    params: r.loss?.params,
    kind: r.model?.kind,
    modelConfig: r.model?.config,
    trainHash: r.data?.trainTokensSha256,
    evalHash: r.data?.evalTokensSha256,
  });
}

/** Writes run.json atomically (canonical JSON, so the same record gives the same bytes). */
export function writeRunRecord(dir: string, record: RunRecord): void {
  writeFileAtomic(join(dir, RUN_FILE), canonicalJson(record, 1) + '\n');
}

/** run.json of a run folder, or undefined when the folder has none. */
export function readRunRecord(dir: string): RunRecord | undefined {
  const path = join(dir, RUN_FILE);
  if (!existsSync(path)) return undefined;
  let record: RunRecord;
  try {
    record = JSON.parse(readFileSync(path, 'utf8')) as RunRecord;
  } catch (err) {
    throw new Error(`${path}: not JSON (${(err as Error).message}); the run record was damaged, retrain the run`);
  }
  if (record?.format !== RUN_RECORD_FORMAT)
    throw new Error(`${path}: field "format" is ${JSON.stringify(record.format)}, expected "${RUN_RECORD_FORMAT}"`);
  return record;
}

/** The record of a finished run with its weights; a clear error when the folder holds anything else. */
export function readFinishedRun(dir: string): RunRecord {
  const runPath = join(dir, RUN_FILE);
  const record = readRunRecord(dir);
  if (!record) throw new Error(`${dir}: no ${RUN_FILE}; is this a run folder written by rmw train?`);
  if (record.status !== 'finished')
    throw new Error(`${runPath}: the run's status is "${String(record.status)}", not "finished"`);
  if (!existsSync(join(dir, WEIGHTS_FILE))) throw new Error(`${dir}: ${WEIGHTS_FILE} is missing`);
  if (!record.model?.kind || !record.model.config)
    throw new Error(`${runPath}: field "model" (kind, config) is missing`);
  // The key covers every setting that changes the scores: one edited after training (say the model's activation)
  // would score the weights with a model they were not trained for.
  if (recordRunKey(record) !== record.runKey)
    throw new Error(
      `${runPath}: its settings (train, loss, model, data) no longer give the run key it records (field "runKey"): ` +
        'the record was edited after training; retrain the run (rmw train --force)',
    );
  return record;
}

/** A run folder as an input of a command (`flag` names it in messages): the folder, its record and its weights. */
export function runInputs(dir: string, flag: string): CommandInput[] {
  return [
    { path: dir, what: `the run folder (${flag})` },
    { path: join(dir, RUN_FILE), what: `the run's record (${flag})` },
    { path: join(dir, WEIGHTS_FILE), what: `the run's weights (${flag})` },
  ];
}

/**
 * The bytes of a finished run's weights.bin, after checking them against the sha256 its run.json records: a file
 * replaced or damaged since training is refused, naming it.
 */
export function readRunWeights(dir: string, record: RunRecord): Uint8Array {
  const path = join(dir, WEIGHTS_FILE);
  const expected = record.checksums?.[WEIGHTS_FILE];
  if (!expected)
    throw new Error(
      `${join(dir, RUN_FILE)}: records no sha256 of ${WEIGHTS_FILE} (field "checksums"; the run was written before ` +
        'run records kept checksums), so its weights cannot be checked; retrain it (rmw train --force)',
    );
  const bytes = readFileSync(path);
  const got = sha256Hex(bytes);
  if (got !== expected)
    throw new Error(
      `${path}: sha256 ${got} differs from the ${expected} that ${RUN_FILE} records; the weights were replaced or ` +
        'damaged after training. Restore them or retrain the run',
    );
  return bytes;
}

function packageVersion(...parts: string[]): string | null {
  try {
    const path = fromRoot(...parts, 'package.json');
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')).version as string) : null;
  } catch {
    return null;
  }
}

export function softwareVersions(): Record<string, string | null> {
  return {
    node: process.versions.node,
    workbench: packageVersion(),
    'gpt-tokenizer': packageVersion('node_modules', 'gpt-tokenizer'),
    '@tensorflow/tfjs-core': packageVersion('node_modules', '@tensorflow', 'tfjs-core'),
  };
}

/** The checkout's commit (with "+dirty" when tracked files changed), or null outside git. */
export function gitCommit(): string | null {
  try {
    const cwd = repoRoot();
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
    return dirty ? `${head}+dirty` : head;
  } catch {
    return null;
  }
}
