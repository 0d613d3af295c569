// How many optimizer steps a run takes: epochs over the training pairs it keeps, in batches, capped by maxSteps.
// The trainer runs exactly this plan; the experiments use it to give one run as many steps as another
// (the equal-steps data ablation), so the rule lives here once.
import type { TrainConfig } from './config.js';

export interface StepPlan {
  /** Training pairs the run keeps (after trainRun's identical-pair drop and the preset's cap). */
  trainPairs: number;
  stepsPerEpoch: number;
  totalSteps: number;
}

/** The plan of a run over `trainPairs` kept pairs: ceil(pairs / batch) steps per epoch, at most maxSteps. */
export function stepPlan(trainPairs: number, config: Pick<TrainConfig, 'epochs' | 'maxSteps' | 'batchSize'>): StepPlan {
  const stepsPerEpoch = Math.ceil(trainPairs / config.batchSize);
  return {
    trainPairs,
    stepsPerEpoch,
    totalSteps: Math.min(config.maxSteps ?? Infinity, config.epochs * stepsPerEpoch),
  };
}
