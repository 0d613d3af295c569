// How the transformer loss ablation is sized on this machine: on the best tensor backend it has (WebGPU on a real
// GPU adapter; wasm otherwise, a software adapter such as SwiftShader being a test device), with that backend's
// model size, step budget and early stopping from src/config (TRANSFORMER_ABLATION). Stopping is decided on a
// validation split carved from the training pairs by the held-out rule with its own salt, so the held-out pairs the
// results are reported on never choose anything.
import { TRANSFORMER_ABLATION } from '../config/defaults.js';
import type { TrainConfig } from '../train/config.js';
import type { GpuAdapterFacts } from './gpuGate.js';
import { EXPERIMENTS, type ExperimentSpec } from './plan.js';

export type AblationBackend = keyof typeof TRANSFORMER_ABLATION.backends;

export interface ValidationRule {
  fraction: number;
  salt: string;
}

export interface TransformerSizing {
  backend: AblationBackend;
  /** Why this backend, in one line. */
  why: string;
  /** Transformer overrides on top of the trainer preset's. */
  model: Record<string, number>;
  /** Trainer overrides on top of the experiment preset's (transformer runs only). */
  train: Partial<TrainConfig>;
  validation: ValidationRule;
  /** Every loss of the plan (a GPU), or the preset's core losses (a CPU). */
  allLosses: boolean;
}

/** The backend the ablation trains on here. */
export function ablationBackend(gpu: GpuAdapterFacts): { backend: AblationBackend; why: string } {
  return gpu.real
    ? { backend: 'webgpu', why: gpu.why }
    : { backend: 'wasm', why: `no real GPU adapter (${gpu.why}): tfjs wasm on the CPU` };
}

export function transformerSizing(gpu: GpuAdapterFacts): TransformerSizing {
  const { backend, why } = ablationBackend(gpu);
  const b = TRANSFORMER_ABLATION.backends[backend];
  return {
    backend,
    why,
    model: { ...b.model },
    train: { ...b.train },
    validation: { ...TRANSFORMER_ABLATION.validation },
    allLosses: b.allLosses,
  };
}

/** The experiments with the transformer ablation's runs widened to every loss where the sizing says so. */
export function sizeExperiments(experiments: readonly ExperimentSpec[], sizing: TransformerSizing): ExperimentSpec[] {
  if (!sizing.allLosses) return [...experiments];
  const full = EXPERIMENTS.find((e) => e.id === 'transformer-loss-ablation')!;
  return experiments.map((e) => (e.id === full.id ? { ...e, runs: [...full.runs] } : e));
}

/** One line for tables and logs: the model size and step budget, e.g. "d 64 x 1 layer, 128 tokens, wasm, ...". */
export function sizingLine(s: TransformerSizing): string {
  const m = s.model;
  const size =
    m.dModel !== undefined
      ? `d ${m.dModel} x ${m.layers} layer${m.layers === 1 ? '' : 's'}, ${m.heads} heads, ` +
        `ffn ${m.ffn}, ${m.maxTokens} tokens`
      : 'the full transformer config';
  const steps = s.train.maxSteps ? `at most ${s.train.maxSteps} steps` : 'the preset epochs';
  return (
    `${size}, on ${s.backend}; ${steps}, validation every ${s.train.evalEvery} steps, stopped after ` +
    `${s.train.patience} without a lower validation loss (best weights kept); validation split: prompt hash < ` +
    `${s.validation.fraction} (salt ${s.validation.salt}) of the training pairs`
  );
}
