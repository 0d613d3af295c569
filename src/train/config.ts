// Training configuration, our defaults against the paper's, and the quick/full presets.
//
// Paper (Skywork-Reward, paper-facts §6): batch 128, lr 2e-6 (Llama-3.1-8B) / 1e-6 (Gemma-2-27B), AdamW weight decay
// 1e-3, cosine
// schedule, 2 epochs, fine-tuning a pretrained LLM. Ours: the "bow" model starts from random weights and has
// ~8M parameters, so it needs a far larger lr (1e-3, the usual Adam rate for a model trained from scratch); with
// ~8K training pairs a batch of 32 gives 4x more updates than 128 in the same 2 epochs; weight decay 1e-3 and the
// cosine schedule are the paper's; a 5% linear warmup and global-norm clipping at 1.0 are ours (common practice).
import type { BowConfig } from '../model/bow/model.js';
import type { ChatFormatOptions } from '../model/chatFormat.js';

export interface TrainConfig {
  seed: number;
  epochs: number;
  /** Stop after this many steps (null: epochs × steps per epoch). */
  maxSteps: number | null;
  batchSize: number;
  lr: number;
  /** Warmup length as a fraction of the total steps (rounded, at least 1 step). */
  warmupFraction: number;
  minLrFraction: number;
  weightDecay: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** Clip the global gradient L2 norm to this (0: off). */
  clipNorm: number;
  /** Evaluate on the held-out pairs every N steps (0: only at the end). */
  evalEvery: number;
  /** Write a checkpoint every N steps (0: never; needs an output folder). */
  checkpointEvery: number;
  /**
   * Models that train on a device (the transformer): read the steps' loss, accuracy and gradient norm every N steps
   * (and before every evaluation and checkpoint); the steps in between read nothing back. Does not change results.
   */
  logEvery: number;
}

export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  seed: 1,
  epochs: 2,
  maxSteps: null,
  batchSize: 32,
  lr: 1e-3,
  warmupFraction: 0.05,
  minLrFraction: 0,
  weightDecay: 1e-3,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  clipNorm: 1.0,
  evalEvery: 100,
  checkpointEvery: 100,
  logEvery: 10,
};

/** The paper's settings, for tables that show ours beside theirs (paper-facts §6). */
export const PAPER_TRAIN_SETTINGS = {
  batchSize: 128,
  lr: { '8B': 2e-6, '27B': 1e-6 },
  optimizer: 'AdamW',
  weightDecay: 1e-3,
  schedule: 'cosine',
  epochs: 2,
  source: 'Skywork-Reward (Liu et al., 2024), paper-facts §6',
} as const;

export interface Preset {
  name: string;
  description: string;
  train: Partial<TrainConfig>;
  bow: Partial<BowConfig>;
  /** Transformer overrides (see src/model/transformer/graph.ts); the quick one is small enough for wasm/cpu. */
  transformer: Record<string, number>;
  chatFormat: ChatFormatOptions;
  /** Use at most this many training pairs (null: all). */
  maxTrainPairs: number | null;
  maxEvalPairs: number | null;
}

export const PRESETS: Record<string, Preset> = {
  quick: {
    name: 'quick',
    description: 'CI smoke run: a small model, 256 training pairs, 24 steps (seconds)',
    train: { epochs: 3, maxSteps: 24, batchSize: 32, evalEvery: 8, checkpointEvery: 8 },
    bow: { hashBits: 14, hidden: 16 },
    // = QUICK_TRANSFORMER_CONFIG: about 1 s per step on wasm, so CI can train the transformer too.
    transformer: { vocabBuckets: 2048, maxTokens: 64, dModel: 32, heads: 2, layers: 1, ffn: 64 },
    chatFormat: { maxTokens: 256, maxResponseTokens: 192 },
    maxTrainPairs: 256,
    maxEvalPairs: 256,
  },
  full: {
    name: 'full',
    description: 'All pairs, 2 epochs, 2^18 buckets x 32 hidden (minutes on 2 cores)',
    train: {},
    bow: {},
    transformer: {},
    chatFormat: { maxTokens: 512, maxResponseTokens: 384 },
    maxTrainPairs: null,
    maxEvalPairs: null,
  },
};

export function getPreset(name: string): Preset {
  const p = PRESETS[name];
  if (!p) throw new Error(`unknown preset "${name}"; known presets: ${Object.keys(PRESETS).join(', ')}`);
  return p;
}

export function trainConfigFrom(overrides: Partial<TrainConfig>): TrainConfig {
  const c: TrainConfig = { ...DEFAULT_TRAIN_CONFIG };
  for (const [k, v] of Object.entries(overrides)) {
    if (!(k in DEFAULT_TRAIN_CONFIG)) throw new Error(`train config: unknown key "${k}"`);
    if (v !== undefined) (c as unknown as Record<string, unknown>)[k] = v;
  }
  const positive = (k: keyof TrainConfig, integer: boolean) => {
    const v = c[k] as number;
    if (!(Number.isFinite(v) && v > 0 && (!integer || Number.isInteger(v))))
      throw new Error(`train config: ${k} must be a positive ${integer ? 'integer' : 'number'}, got ${v}`);
  };
  positive('epochs', true);
  positive('batchSize', true);
  positive('lr', false);
  positive('eps', false);
  positive('logEvery', true);
  if (c.maxSteps !== null) positive('maxSteps', true);
  for (const k of [
    'weightDecay',
    'clipNorm',
    'evalEvery',
    'checkpointEvery',
    'warmupFraction',
    'minLrFraction',
  ] as const) {
    if (!(Number.isFinite(c[k]) && c[k] >= 0)) throw new Error(`train config: ${k} must be ≥ 0, got ${c[k]}`);
  }
  if (!(c.beta1 >= 0 && c.beta1 < 1 && c.beta2 >= 0 && c.beta2 < 1))
    throw new Error('train config: beta1, beta2 must be in [0, 1)');
  if (!Number.isInteger(c.seed)) throw new Error(`train config: seed must be an integer, got ${c.seed}`);
  return c;
}
