// Every default the workbench applies when it is not told otherwise, in one place: the seed, the trainer's settings
// and its quick/full presets, and what each command assumes (model, loss, held-out fraction, bootstrap resamples,
// worker count). The trainer (src/train/config.ts), the experiment presets and the CLI's flag specs read them from
// here, so `rmw train`, `rmw curate` and `rmw eval` agree without repeating a number. This file sits on the lowest
// floor and imports nothing, so any module may use it.
//
// Training, ours against the paper (Skywork-Reward, paper-facts §6: batch 128, lr 2e-6 (Llama-3.1-8B) / 1e-6
// (Gemma-2-27B), AdamW weight decay 1e-3, cosine schedule, 2 epochs, fine-tuning a pretrained LLM): the "bow" model
// starts from random weights and has ~8M parameters, so it needs a far larger lr (1e-3, the usual Adam rate for a
// model trained from scratch); with ~8K training pairs a batch of 32 gives 4x more updates than 128 in the same
// 2 epochs; weight decay 1e-3 and the cosine schedule are the paper's; a 5% linear warmup and global-norm clipping at
// 1.0 are ours (common practice).

/** The seed of every command that takes --seed (train, curate, eval, env --toy), and the experiments' first seed. */
export const DEFAULT_SEED = 1;

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
  /**
   * Early stopping on the held-out pairs the trainer is given (a validation split, never the test pairs): 0 trains
   * every planned step; N > 0 keeps the weights of the evaluation (every evalEvery steps) with the lowest loss, stops
   * after N evaluations in a row without a new lowest, and ends on those best weights.
   */
  patience: number;
}

export const TRAIN_DEFAULTS: Readonly<TrainConfig> = {
  seed: DEFAULT_SEED,
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
  patience: 0,
};

/** A trainer preset as plain settings; src/train/config.ts types the model parts against the models' configs. */
export interface TrainPresetSettings {
  name: string;
  description: string;
  train: Partial<TrainConfig>;
  /** Bag-of-n-grams model overrides (src/model/bow/model.ts). */
  bow: Record<string, number>;
  /** Transformer overrides (src/model/transformer/graph.ts); the quick one is small enough for wasm/cpu. */
  transformer: Record<string, number>;
  /** Chat-format token budgets (src/model/chatFormat.ts). */
  chatFormat: { maxTokens: number; maxResponseTokens: number };
  /** Use at most this many training pairs (null: all). */
  maxTrainPairs: number | null;
  maxEvalPairs: number | null;
}

export const TRAIN_PRESETS: Readonly<Record<'quick' | 'full', TrainPresetSettings>> = {
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

/** What `rmw train` (and a trainer call that names nothing) uses. */
export const RUN_DEFAULTS = {
  model: 'bow',
  loss: 'bt',
  preset: 'full',
  /** Fraction of prompts held out by prompt hash when no held-out pairs are given. */
  heldOutFraction: 0.1,
} as const;

/** What `rmw curate` uses; the paper's Hugging Face recipes hold nothing out (their held-out data is RewardBench). */
export const CURATE_DEFAULTS = {
  recipe: 'workbench',
  heldOutFraction: RUN_DEFAULTS.heldOutFraction,
  paperRecipeHeldOutFraction: 0,
} as const;

/** What `rmw eval` uses: seeded bootstrap resamples and RewardBench's current XSTest weights. */
export const EVAL_DEFAULTS = {
  resamples: 1000,
  /** The most bootstrap resamples a command accepts: past ~10^4 the interval's Monte Carlo error is already far
   * below its width, and each resample keeps one number per metric (10^5 resamples: seconds and a few MB). */
  maxResamples: 100_000,
  weights: 'current',
} as const;

/**
 * What `rmw eval --against <reference>` asks of a scoring set-up before saying it reproduces a reference model's
 * shipped scores: nearly every pair ordered the same way (bf16 noise may flip a near-tie or two), the same ranking of
 * all responses, and the same overall accuracy within one point.
 */
export const SETUP_CHECK_DEFAULTS = {
  minPairAgreement: 0.98,
  minRankCorrelation: 0.98,
  maxOverallDifference: 0.01,
} as const;

/** What `rmw export trl|openrlhf` uses: one node of 8 GPUs, and the paper's Llama-3.1-8B base model. */
export const EXPORT_DEFAULTS = {
  gpus: 8,
  baseModel: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
} as const;

/**
 * The transformer's loss ablation (`rmw experiment transformer-loss-ablation`), sized per tensor backend: the model
 * and the step budget are chosen so that its runs (losses x seeds) fit about 40 minutes on the machine kind, and when
 * to stop is decided on a validation split carved from the training pairs (never on the held-out pairs results are
 * reported on). Measured on wasm (one thread, batch 32, the curated mix): d 128 x 2 layers costs about 4.7 s a step,
 * d 64 x 1 layer about 1.5-1.8 s, and scoring the evaluation suite about 160 s a run. An epoch of the training part
 * is 107 steps.
 */
export const TRANSFORMER_ABLATION = {
  seeds: [1, 2, 3],
  /** The validation split: the held-out rule (a prompt hash) with its own salt, applied to the training pairs. */
  validation: { fraction: 0.1, salt: 'rmw-validation-v1' },
  backends: {
    /** A CPU machine: 3 losses x 3 seeds on 2 cores, 150 steps at most (1.4 epochs), stopped on validation loss. */
    wasm: {
      model: { dModel: 64, heads: 4, layers: 1, ffn: 256, maxTokens: 128 },
      train: { maxSteps: 150, evalEvery: 10, patience: 3 },
      allLosses: false,
    },
    /** A real GPU adapter: the full transformer, 2 epochs, every loss, stopped on validation loss. */
    webgpu: {
      model: {},
      train: { evalEvery: 20, patience: 5 },
      allLosses: true,
    },
  },
} as const;

/** What `rmw experiment` and `rmw reproduce` use. */
export const EXPERIMENT_DEFAULTS = {
  preset: 'full',
  /** Worker processes of the experiment pool. */
  workers: 2,
} as const;
