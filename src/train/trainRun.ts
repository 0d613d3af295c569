// One call from "pairs + choices" to a trained model: read the pairs (files, source ids, or pairs already in
// memory), hold out prompts by hash, apply the preset, tokenise, build the model, train, record. `rmw train`, the
// experiments and the notebooks (src/workbook/notebookTraining.ts) all come through here, so the rules for which
// pairs are used (selectRunPairs) live in one place. The run folder is opened (locked, checked: runOutput.ts)
// before any pair is read, so a refused --out costs nothing.
import { existsSync } from 'node:fs';
import { isHeldOut, DEFAULT_HELD_OUT_SALT } from '../data/heldOut.js';
import type { PreferencePair } from '../data/schema.js';
import { getLoss } from '../losses/registry.js';
import type { LossParams } from '../losses/types.js';
import { encodePair, type ChatFormatOptions } from '../model/chatFormat.js';
import { createRewardModel } from '../model/factory.js';
import { TOKENIZER_NAME, tokenCacheStats } from '../model/tokenizer.js';
import type { EncodedPair, TrainableRewardModel } from '../model/trainable.js';
import { hashJson } from '../util/hash.js';
import { createRng, sampleWithoutReplacement } from '../util/rng.js';
import { logProgress, progress } from '../util/progress.js';
import { getPreset, trainConfigFrom, type Preset, type TrainConfig } from './config.js';
import { readPairsSpec, type PairInput } from './readPairs.js';
import type { StepMetric } from './metrics.js';
import { stepPlan, type StepPlan } from './stepPlan.js';
import { trainRewardModel, type TrainResult } from './trainer.js';
import { openRunOutput, type RunOutput } from './runOutput.js';
import type { CommandInput } from '../util/output/inputs.js';

export interface TrainRunOptions {
  /** Pairs file(s) or source id(s), comma-separated (see readPairsSpec). Give this or `pairs`. */
  data?: string;
  /** Training pairs already in memory (instead of `data`). */
  pairs?: readonly PreferencePair[];
  /** Held-out pairs from elsewhere; without it (and without `evalPairs`) a prompt-hash fraction of the data is held
   * out. */
  evalData?: string;
  /** Held-out pairs already in memory (instead of `evalData`); [] means no held-out evaluation. */
  evalPairs?: readonly PreferencePair[];
  heldOutFraction?: number;
  model: string;
  /** Model config overrides (on top of the preset's). */
  modelConfig?: Record<string, unknown>;
  loss: string;
  lossParams?: LossParams;
  preset?: string;
  /** Trainer overrides (on top of the preset's); seed goes here. */
  train?: Partial<TrainConfig>;
  chatFormat?: Partial<ChatFormatOptions>;
  /** Run folder (checkpoints, run.json, weights); nothing is written without it. */
  outDir?: string;
  /** Continue the run folder's unfinished run from its checkpoint. */
  resume?: boolean;
  /** Discard an unfinished run and replace a finished one in the run folder. */
  force?: boolean;
  /** The command line, for the record. */
  command?: string[];
  /** Called after every optimizer step (live logs in the notebooks). */
  onStep?: (m: StepMetric) => void;
  /** Extra facts for the run record. */
  record?: Record<string, unknown>;
}

export interface TrainRunResult extends TrainResult {
  trainPairs: number;
  evalPairs: number;
  inputs: PairInput[];
}

/** trainRun's result plus the trained model (the caller disposes it) and the held-out pairs it was evaluated on. */
export interface TrainedRun extends TrainRunResult {
  model: TrainableRewardModel;
  /** The held-out pairs actually used (identical pairs dropped, preset cap applied), in order. */
  heldOut: PreferencePair[];
  /** Their encodings, aligned with `heldOut`. */
  encodedHeldOut: EncodedPair[];
  chatFormat: ChatFormatOptions;
  /** The preset's name and the trainer settings after overrides. */
  preset: string;
  config: TrainConfig;
}

export interface SelectedPairs {
  train: PreferencePair[];
  heldOut: PreferencePair[];
  dropped: { identicalTrain: number; identicalEval: number };
}

/**
 * Which pairs a run uses: pairs whose two responses are identical teach nothing and would count as wrong, so they
 * are left out (and counted); then the preset's caps draw a seeded sample, train first, from the stream
 * fork('preset-subsample') of the trainer seed.
 */
export function selectRunPairs(
  train: readonly PreferencePair[],
  heldOut: readonly PreferencePair[],
  preset: Pick<Preset, 'maxTrainPairs' | 'maxEvalPairs'>,
  seed: number,
): SelectedPairs {
  const same = (p: PreferencePair) => p.chosen === p.rejected;
  const dropped = { identicalTrain: train.filter(same).length, identicalEval: heldOut.filter(same).length };
  let t = train.filter((p) => !same(p)),
    h = heldOut.filter((p) => !same(p));
  const rng = createRng(seed).fork('preset-subsample');
  if (preset.maxTrainPairs !== null) t = sampleWithoutReplacement(t, preset.maxTrainPairs, rng);
  if (preset.maxEvalPairs !== null) h = sampleWithoutReplacement(h, preset.maxEvalPairs, rng);
  return { train: t, heldOut: h, dropped };
}

/** In-memory pairs described for the run record like a file: a sha256 over their canonical JSON. */
function memoryInput(spec: string, pairs: readonly PreferencePair[]): PairInput {
  return { spec, kind: 'memory', sha256: hashJson(pairs), pairs: pairs.length };
}

/** The options that decide which pairs a run trains on (and so how many steps it takes). */
export type RunPairsOptions = Pick<
  TrainRunOptions,
  'data' | 'pairs' | 'evalData' | 'evalPairs' | 'heldOutFraction' | 'preset' | 'train'
>;

async function gatherPairs(o: RunPairsOptions): Promise<{
  train: PreferencePair[];
  held: PreferencePair[];
  inputs: PairInput[];
  heldOutRule: Record<string, unknown>;
  what: string;
}> {
  if ((o.data === undefined) === (o.pairs === undefined))
    throw new Error('trainRun: give exactly one of data (files or source ids) and pairs (in memory)');
  if (o.evalData !== undefined && o.evalPairs !== undefined)
    throw new Error('trainRun: give at most one of evalData and evalPairs');
  const what = o.data !== undefined ? `--data ${o.data}` : `${o.pairs!.length} in-memory pairs`;
  const inputs: PairInput[] = [];
  let pairs: PreferencePair[];
  if (o.data !== undefined) {
    const got = await readPairsSpec(o.data);
    pairs = got.pairs;
    inputs.push(...got.inputs);
  } else {
    pairs = [...o.pairs!];
    inputs.push(memoryInput('memory:train', pairs));
  }
  if (o.evalData !== undefined) {
    const ev = await readPairsSpec(o.evalData);
    inputs.push(...ev.inputs.map((i) => ({ ...i, spec: `eval:${i.spec}` })));
    return { train: pairs, held: ev.pairs, inputs, heldOutRule: { evalData: o.evalData }, what };
  }
  if (o.evalPairs !== undefined) {
    const held = [...o.evalPairs];
    if (held.length) inputs.push(memoryInput('memory:eval', held));
    return { train: pairs, held, inputs, heldOutRule: { evalPairs: held.length }, what };
  }
  const fraction = o.heldOutFraction ?? 0.1;
  const train: PreferencePair[] = [],
    held: PreferencePair[] = [];
  for (const p of pairs) (isHeldOut(p, fraction) ? held : train).push(p);
  const heldOutRule = {
    fraction,
    salt: DEFAULT_HELD_OUT_SALT,
    rule: 'sha256(salt\\nwordTokens(last user turn)) < fraction (src/data/heldOut.ts)',
  };
  return { train, held, inputs, heldOutRule, what };
}

/** The preset and the trainer settings after overrides. */
function runSettings(o: RunPairsOptions): { preset: Preset; config: TrainConfig } {
  const preset = getPreset(o.preset ?? 'full');
  return { preset, config: trainConfigFrom({ ...preset.train, ...defined(o.train ?? {}) }) };
}

/**
 * The step plan of the run these options describe, without training it: the same pairs read, held out and
 * selected (identical pairs dropped, the preset's cap) as trainRun, then the trainer's stepPlan.
 */
export async function planTrainRun(o: RunPairsOptions): Promise<StepPlan> {
  const { preset, config } = runSettings(o);
  const gathered = await gatherPairs(o);
  return stepPlan(selectRunPairs(gathered.train, gathered.held, preset, config.seed).train.length, config);
}

/** The pairs files a run reads (source ids are read from the mirror and are not listed). */
function fileInputs(o: RunPairsOptions): CommandInput[] {
  const files = (spec: string | undefined, what: string) =>
    (spec ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s && existsSync(s))
      .map((path) => ({ path, what }));
  return [...files(o.data, 'training pairs (--data)'), ...files(o.evalData, 'held-out pairs (--eval)')];
}

/** Train as trainRun does and hand back the model too (dispose it when done). */
export async function trainRunWithModel(o: TrainRunOptions): Promise<TrainedRun> {
  const output = o.outDir
    ? openRunOutput(o.outDir, { resume: o.resume, force: o.force, inputs: fileInputs(o) })
    : undefined;
  try {
    return await trainOpened(o, output);
  } catch (err) {
    output?.stop();
    throw err;
  }
}

async function trainOpened(o: TrainRunOptions, output: RunOutput | undefined): Promise<TrainedRun> {
  const { preset, config } = runSettings(o);
  const loss = getLoss(o.loss);
  const chatFormat: ChatFormatOptions = { ...preset.chatFormat, ...o.chatFormat };

  const gathered = await gatherPairs(o);
  const { train, heldOut: held, dropped } = selectRunPairs(gathered.train, gathered.held, preset, config.seed);
  if (train.length === 0)
    throw new Error(
      `${gathered.what}: no training pairs left after holding out ${held.length} and dropping ` +
        `${dropped.identicalTrain} identical`,
    );

  const t0 = performance.now();
  const bar = progress('tokenise', train.length + held.length);
  const enc = (ps: PreferencePair[]) =>
    ps.map((p) => {
      const e = encodePair(p, chatFormat);
      bar.tick();
      return e;
    });
  const encTrain = enc(train),
    encHeld = enc(held);
  bar.done();
  const encodeMs = performance.now() - t0;
  const stats = tokenCacheStats();
  logProgress(`tokenised ${train.length} train + ${held.length} held-out pairs in ${(encodeMs / 1000).toFixed(1)}s`);

  const presetModel: Record<string, unknown> =
    o.model === 'bow' ? preset.bow : o.model === 'transformer' ? preset.transformer : {};
  const modelConfig = { ...presetModel, ...defined(o.modelConfig ?? {}) };
  const model = await createRewardModel(o.model, modelConfig, config.seed);
  try {
    const result = await trainRewardModel({
      model,
      train: encTrain,
      eval: encHeld,
      loss,
      lossParams: o.lossParams,
      config,
      output,
      onStep: o.onStep,
      record: {
        preset: preset.name,
        chatFormat,
        tokenizer: { name: TOKENIZER_NAME, encodeMs, cacheHits: stats.hits, cacheMisses: stats.misses },
        inputs: gathered.inputs,
        heldOut: gathered.heldOutRule,
        dropped,
        command: o.command ?? null,
        ...(o.record ?? {}),
      },
    });
    return {
      ...result,
      trainPairs: train.length,
      evalPairs: held.length,
      inputs: gathered.inputs,
      model,
      heldOut: held,
      encodedHeldOut: encHeld,
      chatFormat,
      preset: preset.name,
      config,
    };
  } catch (err) {
    model.dispose();
    throw err;
  }
}

export async function trainRun(o: TrainRunOptions): Promise<TrainRunResult> {
  const r = await trainRunWithModel(o);
  r.model.dispose();
  return withoutModel(r);
}

/** A TrainedRun's plain result (what trainRun returns): no model, no pairs, safe to serialise. */
export function withoutModel(r: TrainedRun): TrainRunResult {
  const {
    model: _model,
    heldOut: _heldOut,
    encodedHeldOut: _enc,
    chatFormat: _fmt,
    preset: _preset,
    config: _config,
    ...result
  } = r;
  return result;
}

/** The entries that are not undefined (so an absent CLI flag does not erase a preset's value). */
function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
