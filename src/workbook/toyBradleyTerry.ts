// The environment check's toy: a tiny Bradley-Terry reward model trained for a few steps on a few real HH-RLHF
// pairs, in tfjs on whichever backend `selectBackend` chose. It proves the tensor stack trains end to end and times
// a step; it is not a model anyone should use (the real ones are the bag-of-n-grams MLP and the transformer).
// Bradley-Terry (paper §3, Eq. 1): loss = -log sigmoid(r_chosen - r_rejected) = softplus(r_rejected - r_chosen);
// we write it as softplus because tf.logSigmoid's gradient throws on computed inputs in tfjs 4.22 (stack.md).
import * as tf from '@tensorflow/tfjs-core';
import { text } from '../data/read/getters.js';
import { readJsonlRecords } from '../data/read/jsonl.js';
import { rowError, tryRecord } from '../data/read/walk.js';
import { resolveSource } from '../data/sources.js';
import { createRng, fnv1a32 } from '../util/rng.js';
import { currentBackend, selectBackend } from '../model/backend.js';
import { assertDeviceHealthy } from '../model/device/device.js';

export interface ToyPair {
  chosen: string;
  rejected: string;
}

export interface ToyBradleyTerryConfig {
  /** Manifest id of an HH-RLHF split (JSON lines of {chosen, rejected} dialogues, gzipped). */
  source: string;
  /** How many pairs, taken from the start of the file. */
  pairs: number;
  steps: number;
  /** Hashed feature dimension (word unigrams + bigrams of the final assistant turn, log1p counts). */
  dim: number;
  hidden: number;
  learningRate: number;
  seed: number;
}

export const TOY_DEFAULTS: ToyBradleyTerryConfig = {
  source: 'hh-helpful-base',
  pairs: 64,
  steps: 20,
  dim: 512,
  hidden: 16,
  learningRate: 0.01,
  seed: 1,
};

export interface ToyStep {
  step: number;
  loss: number;
  ms: number;
}

export interface ToyBradleyTerryResult {
  config: ToyBradleyTerryConfig;
  backend: string;
  /** sha256 of the source file the pairs came from. */
  dataSha256: string;
  steps: ToyStep[];
  /** Fraction of the training pairs with r_chosen > r_rejected (ties count as wrong), before and after. */
  accuracyBefore: number;
  accuracyAfter: number;
  /** Median wall time of steps 2..N (step 1 includes kernel compilation and optimizer slot creation). */
  msPerStep: number;
}

/** The final assistant turn of an HH-RLHF dialogue ("\n\nHuman: ...\n\nAssistant: ..."). */
export function finalAssistantTurn(dialogue: string): string {
  const at = dialogue.lastIndexOf('\n\nAssistant:');
  return (at >= 0 ? dialogue.slice(at + '\n\nAssistant:'.length) : dialogue).trim();
}

/** The first `count` pairs of an HH-RLHF split, as final responses (the prompts are shared within a pair). */
export async function loadToyPairs(source: string, count: number): Promise<{ pairs: ToyPair[]; sha256: string }> {
  const resolved = await resolveSource(source);
  const pairs: ToyPair[] = [];
  for (const rec of readJsonlRecords(resolved.path)) {
    if (pairs.length >= count) break;
    const problem = tryRecord(rec, (row) => {
      const chosen = finalAssistantTurn(text(row, 'chosen', true));
      const rejected = finalAssistantTurn(text(row, 'rejected', true));
      if (chosen !== rejected) pairs.push({ chosen, rejected });
    });
    if (problem) throw rowError(resolved.path, rec, problem);
  }
  return { pairs, sha256: resolved.entry.sha256 };
}

/** log1p counts of hashed lower-cased word unigrams and bigrams. */
export function hashedFeatures(text: string, dim: number): Float32Array {
  const out = new Float32Array(dim);
  const words = text.toLowerCase().match(/[a-z0-9']+/g) ?? [];
  for (let i = 0; i < words.length; i++) {
    out[fnv1a32(words[i]) % dim] += 1;
    if (i > 0) out[fnv1a32(`${words[i - 1]} ${words[i]}`) % dim] += 1;
  }
  for (let j = 0; j < dim; j++) out[j] = Math.log1p(out[j]);
  return out;
}

function featureMatrix(texts: string[], dim: number): tf.Tensor2D {
  const data = new Float32Array(texts.length * dim);
  texts.forEach((t, i) => data.set(hashedFeatures(t, dim), i * dim));
  return tf.tensor2d(data, [texts.length, dim]);
}

function seededNormal(shape: [number, number], scale: number, seed: number): tf.Tensor2D {
  const rng = createRng(seed);
  const data = new Float32Array(shape[0] * shape[1]);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal() * scale;
  return tf.tensor2d(data, shape);
}

let runCounter = 0;

/** Trains the toy for `steps` full-batch Adam steps; loss and wall time per step on the active backend. */
export async function trainToyBradleyTerry(
  overrides: Partial<ToyBradleyTerryConfig> = {},
  onStep?: (step: ToyStep) => void,
): Promise<ToyBradleyTerryResult> {
  const config = { ...TOY_DEFAULTS };
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) (config as Record<string, unknown>)[k] = v;
  // Runs on the backend already selected (CLI flag, notebook), else on RMW_BACKEND / auto.
  const backend = (currentBackend() ?? (await selectBackend(undefined, { log: false }))).name;
  const { pairs, sha256 } = await loadToyPairs(config.source, config.pairs);
  const xc = featureMatrix(
    pairs.map((p) => p.chosen),
    config.dim,
  );
  const xr = featureMatrix(
    pairs.map((p) => p.rejected),
    config.dim,
  );
  // tidy frees the initial values; variables survive it. Names are unique so repeated runs do not clash.
  const tag = `toy${++runCounter}`;
  const [w1, b1, w2] = tf.tidy(() => [
    tf.variable(seededNormal([config.dim, config.hidden], 1 / Math.sqrt(config.dim), config.seed), true, `${tag}/w1`),
    tf.variable(tf.zeros([config.hidden]), true, `${tag}/b1`),
    tf.variable(seededNormal([config.hidden, 1], 1 / Math.sqrt(config.hidden), config.seed + 1), true, `${tag}/w2`),
  ]);
  const reward = (x: tf.Tensor2D): tf.Tensor1D =>
    tf.reshape(tf.matMul(tf.tanh(tf.add(tf.matMul(x, w1), b1)), w2), [-1]);
  // Read with await data(): a synchronous read cannot work on WebGPU in Node (no OffscreenCanvas).
  const accuracy = async (): Promise<number> => {
    const t = tf.tidy(() => tf.mean(tf.cast(tf.greater(reward(xc), reward(xr)), 'float32')));
    const v = (await t.data())[0];
    t.dispose();
    return v;
  };
  const optimizer = tf.train.adam(config.learningRate);
  const accuracyBefore = await accuracy();
  const steps: ToyStep[] = [];
  try {
    for (let step = 1; step <= config.steps; step++) {
      const t0 = performance.now();
      const lossTensor = optimizer.minimize(
        () => tf.mean(tf.softplus(tf.sub(reward(xr), reward(xc)))) as tf.Scalar,
        true,
      );
      const loss = (await lossTensor!.data())[0];
      lossTensor!.dispose();
      assertDeviceHealthy(`toy Bradley-Terry step ${step}`);
      const record = { step, loss, ms: performance.now() - t0 };
      steps.push(record);
      onStep?.(record);
    }
    const later = steps
      .slice(1)
      .map((s) => s.ms)
      .sort((a, b) => a - b);
    const msPerStep = later.length ? later[Math.floor(later.length / 2)] : (steps[0]?.ms ?? NaN);
    return { config, backend, dataSha256: sha256, steps, accuracyBefore, accuracyAfter: await accuracy(), msPerStep };
  } finally {
    optimizer.dispose();
    tf.dispose([xc, xr, w1, b1, w2]);
  }
}
