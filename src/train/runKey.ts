// A run's key: one hash over every setting that changes what the run computes, so a run folder's record can be
// checked whole (runFolder.ts recomputes it from run.json) and a resume or reuse never mixes settings. Pure: the
// trainer computes it in Node and in a page.
import type { LossParams } from '../losses/types.js';
import { hashJson } from '../util/digest.js';
import type { TrainConfig } from './config.js';

/** What a run's key covers: every setting that changes what it computes (the trainer's settings, the loss and its
 * parameters, the model's kind and every setting of it, the data). */
export interface RunKeyParts {
  train: TrainConfig;
  loss: string;
  params: LossParams;
  kind: string;
  modelConfig: Readonly<Record<string, unknown>>;
  trainHash: string;
  evalHash: string;
}

/** The run key: a hash of its parts. logEvery only decides when device steps are read, never what they compute. */
export function runKeyOf(p: RunKeyParts): string {
  const { logEvery: _logEvery, ...identity } = p.train;
  return hashJson({
    c: identity,
    loss: p.loss,
    params: p.params,
    kind: p.kind,
    modelConfig: p.modelConfig,
    trainHash: p.trainHash,
    evalHash: p.evalHash,
  });
}
