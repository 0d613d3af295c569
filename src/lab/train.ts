// The lab's one call: train a reward model on pre-tokenised pairs in the page, with the same trainer, losses and
// transformer as `rmw train` (src/train/trainer.ts), so the same seed, pairs, preset and backend give the same
// per-step losses in Node and in the browser. Then score the held-out pairs for the page's histograms.
import { getLoss } from '../losses/registry.js';
import type { LossParams } from '../losses/types.js';
import type { BackendSelection } from '../model/backend.js';
import { createTransformerRewardModel } from '../model/transformer/model.js';
import type { EncodedPair } from '../model/trainable.js';
import { getPreset, trainConfigFrom, type TrainConfig } from '../train/config.js';
import { accuracyOf, scorePairsWith, type EvalMetric, type StepMetric } from '../train/metrics.js';
import { trainRewardModel } from '../train/trainer.js';
import { selectLabBackend, type LabBackendRequest } from './backend.js';

export interface LabTrainOptions {
  /** Training and held-out pairs (a lab pack read by readLabPack). */
  pairs: { train: readonly EncodedPair[]; heldOut: readonly EncodedPair[] };
  /** The preset whose trainer settings and transformer size apply (the pack's; `quick` when absent). */
  preset?: string;
  /** Transformer settings over the preset's (dModel, layers, heads, ffn, maxTokens, vocabBuckets). */
  model?: Record<string, number>;
  /** A loss of the registry by name: bt, bt-margin, focal, ... */
  loss: string;
  lossParams?: LossParams;
  steps: number;
  seed: number;
  backend?: LabBackendRequest;
  /** Held-out evaluation every N steps for the live accuracy curve (the preset's when absent; 0: at the end). */
  evalEvery?: number;
  onStep?: (metric: StepMetric) => void;
  onEval?: (metric: EvalMetric) => void;
}

export interface LabTrainResult {
  /** Per-step training loss, step 1 first. */
  losses: number[];
  steps: StepMetric[];
  evals: EvalMetric[];
  final: EvalMetric | null;
  backend: BackendSelection;
  config: TrainConfig;
  modelConfig: Record<string, unknown>;
  parameters: number;
  /** Rewards of the held-out pairs after training, aligned with pairs.heldOut. */
  scores: { chosen: number[]; rejected: number[]; accuracy: number };
  trainMs: number;
}

export async function train(o: LabTrainOptions): Promise<LabTrainResult> {
  if (!Number.isInteger(o.steps) || o.steps < 1) throw new Error(`steps must be a whole number >= 1, got ${o.steps}`);
  if (!Number.isInteger(o.seed)) throw new Error(`seed must be a whole number, got ${o.seed}`);
  const preset = getPreset(o.preset ?? 'quick');
  const config = trainConfigFrom({
    ...preset.train,
    seed: o.seed,
    maxSteps: o.steps,
    ...(o.evalEvery !== undefined ? { evalEvery: o.evalEvery } : {}),
    checkpointEvery: 0,
  });
  const loss = getLoss(o.loss);
  const backend = await selectLabBackend(o.backend ?? 'auto');
  const modelConfig = { ...preset.transformer, ...(o.model ?? {}) };
  const model = await createTransformerRewardModel(modelConfig, config.seed);
  try {
    const t0 = performance.now();
    const result = await trainRewardModel({
      model,
      train: o.pairs.train,
      eval: o.pairs.heldOut,
      loss,
      lossParams: o.lossParams,
      config,
      onStep: o.onStep,
      onEval: o.onEval,
    });
    if (result.final) o.onEval?.(result.final);
    const trainMs = performance.now() - t0;
    const s = await scorePairsWith(model, o.pairs.heldOut);
    return {
      losses: result.steps.map((m) => m.loss),
      steps: result.steps,
      evals: result.evals,
      final: result.final,
      backend,
      config,
      modelConfig,
      parameters: model.parameters().reduce((n, p) => n + p.size, 0),
      scores: {
        chosen: Array.from(s.chosen),
        rejected: Array.from(s.rejected),
        accuracy: accuracyOf(s.chosen, s.rejected).accuracy,
      },
      trainMs,
    };
  } finally {
    model.dispose();
  }
}
