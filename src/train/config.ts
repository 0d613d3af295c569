// Training configuration: the trainer's settings, their validation, and the quick/full presets. The values (ours
// and why, beside the paper's) live in src/config/defaults.ts with every other default; this file types the presets
// against the models' configs and checks a configuration before a run starts.
import type { BowConfig } from '../model/bow/model.js';
import type { ChatFormatOptions } from '../model/chatFormat.js';
import { TRAIN_DEFAULTS, TRAIN_PRESETS, type TrainConfig } from '../config/defaults.js';

export type { TrainConfig };

/** The trainer's settings when nothing overrides them (src/config/defaults.ts). */
export const DEFAULT_TRAIN_CONFIG: Readonly<TrainConfig> = TRAIN_DEFAULTS;

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

/** The quick and full presets (values in src/config/defaults.ts), typed against the models' configs here. */
export const PRESETS: Readonly<Record<string, Preset>> = TRAIN_PRESETS satisfies Record<string, Preset>;

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
  if (!(Number.isInteger(c.patience) && c.patience >= 0))
    throw new Error(`train config: patience must be an integer ≥ 0, got ${c.patience}`);
  if (c.patience > 0 && c.evalEvery === 0)
    throw new Error('train config: patience (early stopping) needs evalEvery > 0 to evaluate during training');
  return c;
}
