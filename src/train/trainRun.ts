// One call from "pairs + choices" to a run folder: read the pairs, hold out prompts by hash, apply the preset,
// tokenise, build the model, train, record. `rmw train` and the notebooks call this.
import { isHeldOut, DEFAULT_HELD_OUT_SALT } from '../curate/heldOut.js';
import type { PreferencePair } from '../data/schema.js';
import { getLoss } from '../losses/registry.js';
import type { LossParams } from '../losses/types.js';
import { encodePair, type ChatFormatOptions } from '../model/chatFormat.js';
import { createRewardModel } from '../model/factory.js';
import { TOKENIZER_NAME, tokenCacheStats } from '../model/tokenizer.js';
import { createRng, sampleWithoutReplacement } from '../util/rng.js';
import { logProgress, progress } from '../util/progress.js';
import { getPreset, trainConfigFrom, type TrainConfig } from './config.js';
import { readPairsSpec, type PairInput } from './readPairs.js';
import { trainRewardModel, type TrainResult } from './trainer.js';

export interface TrainRunOptions {
  /** Pairs file(s) or source id(s), comma-separated (see readPairsSpec). */
  data: string;
  /** Held-out pairs from elsewhere; without it a prompt-hash fraction of `data` is held out. */
  evalData?: string;
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
  outDir: string;
  resume?: boolean;
  /** The command line, for the record. */
  command?: string[];
}

export interface TrainRunResult extends TrainResult {
  trainPairs: number;
  evalPairs: number;
  inputs: PairInput[];
}

export async function trainRun(o: TrainRunOptions): Promise<TrainRunResult> {
  const preset = getPreset(o.preset ?? 'full');
  const config = trainConfigFrom({ ...preset.train, ...defined(o.train ?? {}) });
  const loss = getLoss(o.loss);
  const chatFormat: ChatFormatOptions = { ...preset.chatFormat, ...o.chatFormat };
  const fraction = o.heldOutFraction ?? 0.1;

  const { pairs, inputs } = await readPairsSpec(o.data);
  let train: PreferencePair[], held: PreferencePair[];
  let heldOutRule: Record<string, unknown>;
  if (o.evalData) {
    const ev = await readPairsSpec(o.evalData);
    inputs.push(...ev.inputs.map((i) => ({ ...i, spec: `eval:${i.spec}` })));
    train = pairs; held = ev.pairs;
    heldOutRule = { evalData: o.evalData };
  } else {
    train = []; held = [];
    for (const p of pairs) (isHeldOut(p, fraction) ? held : train).push(p);
    heldOutRule = { fraction, salt: DEFAULT_HELD_OUT_SALT, rule: 'sha256(salt\\nwordTokens(last user turn)) < fraction (src/curate/heldOut.ts)' };
  }
  // Pairs whose two responses are identical teach nothing and would count as wrong; they are left out and counted.
  const same = (p: PreferencePair) => p.chosen === p.rejected;
  const dropped = { identicalTrain: train.filter(same).length, identicalEval: held.filter(same).length };
  train = train.filter((p) => !same(p)); held = held.filter((p) => !same(p));
  const rng = createRng(config.seed).fork('preset-subsample');
  if (preset.maxTrainPairs !== null) train = sampleWithoutReplacement(train, preset.maxTrainPairs, rng);
  if (preset.maxEvalPairs !== null) held = sampleWithoutReplacement(held, preset.maxEvalPairs, rng);
  if (train.length === 0) throw new Error(`--data ${o.data}: no training pairs left after holding out ${held.length}`);

  const t0 = performance.now();
  const bar = progress('tokenise', train.length + held.length);
  const enc = (ps: PreferencePair[]) => ps.map((p) => { const e = encodePair(p, chatFormat); bar.tick(); return e; });
  const encTrain = enc(train), encHeld = enc(held);
  bar.done();
  const encodeMs = performance.now() - t0;
  const stats = tokenCacheStats();
  logProgress(`tokenised ${train.length} train + ${held.length} held-out pairs in ${(encodeMs / 1000).toFixed(1)}s`);

  const presetModel: Record<string, unknown> = o.model === 'bow' ? preset.bow : o.model === 'transformer' ? preset.transformer : {};
  const modelConfig = { ...presetModel, ...defined(o.modelConfig ?? {}) };
  const model = await createRewardModel(o.model, modelConfig, config.seed);
  try {
    const result = await trainRewardModel({
      model, train: encTrain, eval: encHeld, loss, lossParams: o.lossParams, config, outDir: o.outDir, resume: o.resume,
      record: {
        preset: preset.name, chatFormat,
        tokenizer: { name: TOKENIZER_NAME, encodeMs, cacheHits: stats.hits, cacheMisses: stats.misses },
        inputs, heldOut: heldOutRule, dropped, command: o.command ?? null,
      },
    });
    return { ...result, trainPairs: train.length, evalPairs: held.length, inputs };
  } finally {
    model.dispose();
  }
}

/** The entries that are not undefined (so an absent CLI flag does not erase a preset's value). */
function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
