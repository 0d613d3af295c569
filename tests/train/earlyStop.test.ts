// Early stopping (TrainConfig.patience) as a specification: the trainer evaluates its held-out pairs every evalEvery
// steps, stops after `patience` evaluations in a row without a lower loss than the best so far, and ends on the
// best evaluation's weights, so the run's final evaluation is that evaluation and its model scores exactly so.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodedHhSplit } from './hhFixture.js';
import { BowRewardModel } from '../../src/model/bow/model.js';
import { getLoss } from '../../src/losses/registry.js';
import { pairLossReference } from '../../src/losses/batch.js';
import type { EncodedPair } from '../../src/model/trainable.js';
import { trainConfigFrom, type TrainConfig } from '../../src/train/config.js';
import { trainRewardModel } from '../../src/train/trainer.js';
import { accuracyOf, scorePairsWith } from '../../src/train/metrics.js';
import { openRunOutput } from '../../src/train/runOutput.js';

const MODEL = { hashBits: 12, hidden: 8 };
let train: EncodedPair[] = [];
let held: EncodedPair[] = [];

before(async () => {
  ({ train, held } = await encodedHhSplit());
});

// A large learning rate over many epochs on 48 pairs: the held-out loss soon rises (the model overfits).
const cfg = (o: Partial<TrainConfig> = {}) =>
  trainConfigFrom({ seed: 5, epochs: 40, batchSize: 16, lr: 0.05, evalEvery: 3, checkpointEvery: 0, ...o });

test('training stops after `patience` evaluations without a lower held-out loss, on the best weights', async () => {
  const model = new BowRewardModel(MODEL, 1);
  const res = await trainRewardModel({ model, train, eval: held, loss: getLoss('bt'), config: cfg({ patience: 2 }) });
  const evals = res.evals;
  const losses = evals.map((e) => e.loss!);
  const best = losses.indexOf(Math.min(...losses));
  assert.ok(res.earlyStop, 'no early-stop record');
  assert.equal(res.earlyStop.bestStep, evals[best].step);
  assert.equal(res.earlyStop.bestLoss, losses[best]);
  assert.equal(res.earlyStop.evaluations, evals.length);
  // It stopped early, exactly `patience` evaluations after the best one, and none of those was lower.
  assert.notEqual(res.earlyStop.stoppedAtStep, null);
  assert.equal(evals.length - 1 - best, 2);
  assert.equal(res.earlyStop.stoppedAtStep, evals[evals.length - 1].step);
  assert.equal(res.stepsDone, res.earlyStop.stoppedAtStep);
  assert.equal(res.steps.length, res.stepsDone);
  assert.ok(res.stepsDone < res.totalSteps);
  // The final evaluation is the best one, and the model now holds those weights: scoring again gives it exactly.
  assert.deepEqual(res.final, evals[best]);
  const again = await scorePairsWith(model, held);
  assert.equal(accuracyOf(again.chosen, again.rejected).accuracy, evals[best].accuracy);
  const loss = pairLossReference(
    getLoss('bt'),
    again.chosen,
    again.rejected,
    held.map((p) => p.margin),
    {},
  ).mean;
  assert.equal(loss, evals[best].loss);
});

test('patience 0 trains every planned step, as before', async () => {
  const res = await trainRewardModel({
    model: new BowRewardModel(MODEL, 1),
    train,
    eval: held,
    loss: getLoss('bt'),
    config: cfg({ epochs: 2 }),
  });
  assert.equal(res.earlyStop, undefined);
  assert.equal(res.stepsDone, res.totalSteps);
  assert.equal(res.final?.step, res.totalSteps);
});

test(
  'early stopping needs evaluations during training and refuses checkpoints (its best weights live in ' + 'memory)',
  async () => {
    assert.throws(() => cfg({ patience: 2, evalEvery: 0 }), /patience \(early stopping\) needs evalEvery > 0/);
    assert.throws(() => cfg({ patience: -1 }), /patience must be an integer ≥ 0/);
    await assert.rejects(
      trainRewardModel({
        model: new BowRewardModel(MODEL, 1),
        train,
        eval: held,
        loss: getLoss('bt'),
        config: cfg({ patience: 2, checkpointEvery: 3 }),
        output: openRunOutput(mkdtempSync(join(tmpdir(), 'rmw-early-'))),
      }),
      /early stopping \(patience > 0\) keeps its best weights in memory; set checkpointEvery 0/,
    );
  },
);
