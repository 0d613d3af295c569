// Experiment presets: how many seeds, which runs, and how each run is trained. They name one of the trainer's
// presets (src/train/config.ts, left untouched) and add only what the experiments need on top.
import type { TrainConfig } from '../train/config.js';
import { EVAL_DEFAULTS, TRANSFORMER_ABLATION } from '../config/defaults.js';
import type { ExperimentId } from './plan.js';

export interface ExperimentPreset {
  name: 'quick' | 'full' | 'gpu-check' | 'transformer';
  description: string;
  /** Training seeds: every compared run is trained once per seed (helper runs use their fixed seed). */
  seeds: number[];
  /** The trainer preset (src/train/config.ts) every run uses. */
  trainPreset: 'quick' | 'full';
  /** Trainer overrides on top of the preset (same for every run, so comparisons stay like for like). */
  train: Partial<TrainConfig>;
  /** Bow model overrides on top of the trainer preset ({} = the preset's). */
  model: Record<string, unknown>;
  /** Transformer overrides on top of the trainer preset (absent or {} = the preset's). */
  transformer?: Record<string, unknown>;
  /** Bootstrap resamples for the within-run CIs. */
  resamples: number;
  /** Per experiment, the runs this preset includes (reference first); absent = the experiment's full list. */
  runs?: Partial<Record<ExperimentId, string[]>>;
  /** The experiments this preset includes; absent = every experiment of the plan. */
  experiments?: ExperimentId[];
  /**
   * The transformer runs are sized for the machine's best backend (transformerSizing.ts, src/config
   * TRANSFORMER_ABLATION): model size, step budget, early stopping on a validation split, and the backend itself.
   */
  sizedByBackend?: boolean;
}

/** The transformer losses every preset that trains the transformer includes, at the least (reference first). */
const TRANSFORMER_CORE = ['transformer-bt', 'transformer-bt-margin', 'transformer-focal'];

/** Every experiment but the transformer's, which is its own named experiment (`rmw experiment <id>`). */
const BOW_EXPERIMENTS: ExperimentId[] = [
  'loss-ablation',
  'data-ablation',
  'decontamination',
  'safety-filter',
  'offsets-topk',
  'judgebench',
];

/**
 * How the full preset trains and evaluates; the transformer and gpu-check presets train the same way, so that their
 * safety scorer, and with it the curated mix, are the full preset's own (same content hashes, reused).
 */
const FULL_TRAINING = {
  trainPreset: 'full',
  // no mid-run checkpoints or evals: the experiments evaluate once at the end (saves time, same final weights)
  train: { evalEvery: 0, checkpointEvery: 0 },
  model: {},
  resamples: EVAL_DEFAULTS.resamples,
} as const satisfies Pick<ExperimentPreset, 'trainPreset' | 'train' | 'model' | 'resamples'>;

export const EXPERIMENT_PRESETS: Record<ExperimentPreset['name'], ExperimentPreset> = {
  quick: {
    name: 'quick',
    description:
      'CI smoke run of the whole chain: trainer preset quick (256 pairs, 24 steps, 2^14 x 16 bow), 2 seeds, a ' +
      'few variants per experiment',
    seeds: [1, 2],
    trainPreset: 'quick',
    train: { evalEvery: 0, checkpointEvery: 0 },
    model: {},
    resamples: 200,
    runs: {
      'loss-ablation': ['bt', 'hinge', 'bt-centred'],
      'data-ablation': ['bt', 'uncurated-equal-steps'],
      decontamination: ['bt', 'contaminated-alpacaeval'],
      'safety-filter': ['bt', 'no-filter'],
      'offsets-topk': ['bt', 'no-topk'],
      judgebench: ['bt'],
    },
    experiments: BOW_EXPERIMENTS,
  },
  full: {
    name: 'full',
    description:
      'The results: trainer preset full (all pairs, 2 epochs, batch 32, 2^18 x 32 bow), 5 seeds, every variant',
    seeds: [1, 2, 3, 4, 5],
    ...FULL_TRAINING,
    // The transformer's ablation is its own experiment (preset transformer), committed and reused by content hash.
    experiments: BOW_EXPERIMENTS,
  },
  transformer: {
    name: 'transformer',
    description:
      'The transformer loss ablation (rmw experiment transformer-loss-ablation): bt, bt-margin and focal ' +
      '(every loss on a real GPU), trainer preset full, sized per backend and stopped on a validation split, seeds ' +
      TRANSFORMER_ABLATION.seeds.join(', '),
    seeds: [...TRANSFORMER_ABLATION.seeds],
    ...FULL_TRAINING,
    experiments: ['transformer-loss-ablation'],
    runs: { 'transformer-loss-ablation': TRANSFORMER_CORE },
    sizedByBackend: true,
  },
  'gpu-check': {
    name: 'gpu-check',
    description:
      'The GPU machine check (bench/gpu-ablation.ts): the transformer loss ablation alone, bt, bt-margin and ' +
      'focal, trainer preset full, 2 seeds',
    seeds: [1, 2],
    ...FULL_TRAINING,
    experiments: ['transformer-loss-ablation'],
    runs: { 'transformer-loss-ablation': TRANSFORMER_CORE },
  },
};

export function getExperimentPreset(name: string): ExperimentPreset {
  const p = (EXPERIMENT_PRESETS as Record<string, ExperimentPreset>)[name];
  if (!p) throw new Error(`unknown experiment preset "${name}"; known: ${Object.keys(EXPERIMENT_PRESETS).join(', ')}`);
  return p;
}
