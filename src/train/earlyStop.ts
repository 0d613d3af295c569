// Early stopping with the best weights kept (TrainConfig.patience): every held-out evaluation during training is
// offered here; the weights of the lowest held-out loss are kept in memory, and training stops after `patience`
// evaluations in a row without a new lowest. The trainer ends on the kept weights, so the run's final weights and
// its final evaluation are those of the best evaluation. The held-out pairs the trainer sees must be a validation
// split of the training data (the experiments carve one by prompt hash), never the pairs a result is reported on.
import type { ModelSnapshot, TrainableRewardModel } from '../model/trainable.js';
import type { EvalMetric } from './metrics.js';

/** What early stopping did, for the run record. */
export interface EarlyStopFacts {
  patience: number;
  /** The step whose weights the run ends with, and their held-out loss and accuracy. */
  bestStep: number;
  bestLoss: number;
  bestAccuracy: number;
  /** The step training stopped at (null: it ran every planned step). */
  stoppedAtStep: number | null;
  evaluations: number;
}

export class BestWeights {
  private best: { metric: EvalMetric; snapshot: ModelSnapshot } | null = null;
  private sinceBest = 0;
  private offered = 0;

  constructor(readonly patience: number) {
    if (!(Number.isInteger(patience) && patience > 0)) throw new Error(`early stopping: patience ${patience}`);
  }

  /** Takes one evaluation of the model's current weights; true when training should stop. */
  async offer(metric: EvalMetric, model: TrainableRewardModel): Promise<boolean> {
    this.offered++;
    const loss = metric.loss ?? NaN;
    if (!Number.isFinite(loss)) throw new Error(`early stopping: held-out loss at step ${metric.step} is ${loss}`);
    if (!this.best || loss < (this.best.metric.loss as number)) {
      this.best = { metric, snapshot: await model.snapshot(true) };
      this.sinceBest = 0;
      return false;
    }
    this.sinceBest++;
    return this.sinceBest >= this.patience;
  }

  /** Puts the best weights back into the model and returns their evaluation (and the facts for the record). */
  async restore(
    model: TrainableRewardModel,
    stoppedAtStep: number | null,
  ): Promise<{ final: EvalMetric; facts: EarlyStopFacts }> {
    if (!this.best) throw new Error('early stopping: no evaluation was offered');
    await model.restore({ ...this.best.snapshot, optimizer: [], optimizerStep: 0 });
    const m = this.best.metric;
    return {
      final: m,
      facts: {
        patience: this.patience,
        bestStep: m.step,
        bestLoss: m.loss as number,
        bestAccuracy: m.accuracy,
        stoppedAtStep,
        evaluations: this.offered,
      },
    };
  }
}
