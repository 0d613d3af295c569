// Experiment presets: how many seeds, which runs, and how each run is trained. They name one of the trainer's
// presets (src/train/config.ts, left untouched) and add only what the experiments need on top.
import type { TrainConfig } from '../train/config.js';
import { EVAL_DEFAULTS } from '../config/defaults.js';
import type { ExperimentId } from './plan.js';

export interface ExperimentPreset {
  name: 'quick' | 'full';
  description: string;
  /** Training seeds: every compared run is trained once per seed (helper runs use their fixed seed). */
  seeds: number[];
  /** The trainer preset (src/train/config.ts) every run uses. */
  trainPreset: 'quick' | 'full';
  /** Trainer overrides on top of the preset (same for every run, so comparisons stay like for like). */
  train: Partial<TrainConfig>;
  /** Bow model overrides on top of the trainer preset ({} = the preset's). */
  model: Record<string, unknown>;
  /** Bootstrap resamples for the within-run CIs. */
  resamples: number;
  /** Per experiment, the runs this preset includes (reference first); absent = the experiment's full list. */
  runs?: Partial<Record<ExperimentId, string[]>>;
}

export const EXPERIMENT_PRESETS: Record<ExperimentPreset['name'], ExperimentPreset> = {
  quick: {
    name: 'quick',
    description:
      'CI smoke run of the whole chain: trainer preset quick (256 pairs, 24 steps, 2^14 x 16 bow), 2 seeds, a few variants per experiment',
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
  },
  full: {
    name: 'full',
    description:
      'The results: trainer preset full (all pairs, 2 epochs, batch 32, 2^18 x 32 bow), 5 seeds, every variant',
    seeds: [1, 2, 3, 4, 5],
    trainPreset: 'full',
    // no mid-run checkpoints or evals: the experiments evaluate once at the end (saves time, same final weights)
    train: { evalEvery: 0, checkpointEvery: 0 },
    model: {},
    resamples: EVAL_DEFAULTS.resamples,
  },
};

export function getExperimentPreset(name: string): ExperimentPreset {
  const p = (EXPERIMENT_PRESETS as Record<string, ExperimentPreset>)[name];
  if (!p) throw new Error(`unknown experiment preset "${name}"; known: ${Object.keys(EXPERIMENT_PRESETS).join(', ')}`);
  return p;
}
