// The trainer's device-step path (the tfjs transformer), on the cpu backend where it is fast and exact: it gives the
// same steps as the number-form path (loss in plain numbers, dL/dr, backward, applyUpdate), reads the device only
// every logEvery steps without changing any result, resumes to the same bytes, and stops on a non-finite loss at
// the step where it happened.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { hhPairs } from './hhFixture.js';
import { encodePair } from '../../src/model/chatFormat.js';
import { selectBackend } from '../../src/model/backend.js';
import { getLoss } from '../../src/losses/registry.js';
import type { PairLoss } from '../../src/losses/types.js';
import type { EncodedPair, TrainableRewardModel } from '../../src/model/trainable.js';
import { createTransformerRewardModel } from '../../src/model/transformer/model.js';
import { trainConfigFrom, type TrainConfig } from '../../src/train/config.js';
import { TrainingDivergedError, trainRewardModel } from '../../src/train/trainer.js';
import { openRunOutput } from '../../src/train/runOutput.js';

const MODEL = { vocabBuckets: 128, maxTokens: 12, dModel: 8, heads: 2, layers: 1, ffn: 16 };
let train: EncodedPair[] = [];
let held: EncodedPair[] = [];

before(async () => {
  await selectBackend('cpu', { log: false });
  const pairs = await hhPairs('hh-helpful-base', 24);
  // Margins so that bt-margin reads something.
  const enc = pairs.map((p, i) => ({ ...encodePair(p), margin: (i % 3) * 0.5 }));
  train = enc.slice(0, 16);
  held = enc.slice(16);
});

const cfg = (o: Partial<TrainConfig> = {}) =>
  trainConfigFrom({
    seed: 3,
    epochs: 2,
    batchSize: 4,
    lr: 0.01,
    evalEvery: 0,
    checkpointEvery: 0,
    clipNorm: 0.5,
    ...o,
  });
const model = () => createTransformerRewardModel({ ...MODEL }, 7);

/** The same model seen through the plain contract only (no device step): the trainer takes the number-form path. */
function contractOnly(m: TrainableRewardModel): TrainableRewardModel {
  return {
    kind: m.kind,
    config: m.config,
    backend: m.backend,
    rewards: (items) => m.rewards(items),
    forward: (items) => m.forward(items),
    backward: (d) => m.backward(d),
    applyUpdate: (s) => m.applyUpdate(s),
    parameters: () => m.parameters(),
    snapshot: (w) => m.snapshot(w),
    restore: (s) => m.restore(s),
    dispose: () => m.dispose(),
  };
}

test('device step = number-form step: same losses, accuracies, gradient norms and clipping, within 1e-5', async () => {
  for (const name of ['bt-margin', 'focal']) {
    const loss: PairLoss = getLoss(name);
    const a = await model(),
      b = await model();
    const config = cfg({ logEvery: 3, clipNorm: 0.05 });
    const dev = await trainRewardModel({ model: a, train, eval: held, loss, lossParams: { center: 0.01 }, config });
    const num = await trainRewardModel({
      model: contractOnly(b),
      train,
      eval: held,
      loss,
      lossParams: { center: 0.01 },
      config,
    });
    assert.equal(dev.steps.length, 8);
    assert.ok(dev.device, 'the device path reports its device');
    assert.equal(num.device, undefined, 'the number-form path has no device report');
    for (let i = 0; i < dev.steps.length; i++) {
      const x = dev.steps[i],
        y = num.steps[i];
      const where = `${name} step ${i + 1}`;
      assert.equal(x.step, y.step);
      assert.equal(x.lr, y.lr, where);
      assert.ok(Math.abs(x.loss - y.loss) <= 1e-5 * Math.max(1, Math.abs(y.loss)), `${where}: ${x.loss} vs ${y.loss}`);
      assert.equal(x.accuracy, y.accuracy, where);
      assert.ok(Math.abs(x.gradNorm - y.gradNorm) <= 1e-5 * y.gradNorm, `${where}: ${x.gradNorm} vs ${y.gradNorm}`);
      assert.equal(x.clipped, y.clipped, where);
    }
    const norms = dev.steps.map((s) => s.gradNorm);
    assert.ok(dev.steps.some((s) => s.clipped) && norms.every((g) => g > 0), `norms ${norms}: some clip at 0.05`);
    assert.ok(Math.abs(dev.final!.loss! - num.final!.loss!) < 1e-5, `${dev.final!.loss} vs ${num.final!.loss}`);
    a.dispose();
    b.dispose();
  }
});

test(
  'logEvery changes when the device is read, not what is computed ' + '(same bytes), and is not in the run key',
  async () => {
    const runs = [];
    for (const logEvery of [1, 5]) {
      const dir = mkdtempSync(join(tmpdir(), 'rmw-devstep-'));
      const m = await model();
      const res = await trainRewardModel({
        model: m,
        train,
        loss: getLoss('bt'),
        config: cfg({ logEvery }),
        output: openRunOutput(dir),
      });
      runs.push({ res, weights: readFileSync(join(dir, 'weights.bin')) });
      m.dispose();
    }
    assert.deepEqual(runs[0].res.steps, runs[1].res.steps);
    assert.ok(runs[0].weights.equals(runs[1].weights));
    assert.equal(runs[0].res.record!.runKey, runs[1].res.record!.runKey);
    assert.equal(runs[0].res.device!.logs, 8);
    assert.equal(runs[1].res.device!.logs, 2); // steps 5 and 8 (the last step always reads)
    assert.equal(runs[0].res.device!.dispatchesPerStep, null, 'nothing to count off WebGPU');
  },
);

test('a run killed after a checkpoint resumes to exactly the uninterrupted weights and metrics', async () => {
  const config = cfg({ checkpointEvery: 3, logEvery: 2 });
  const whole = mkdtempSync(join(tmpdir(), 'rmw-devstep-')),
    split = mkdtempSync(join(tmpdir(), 'rmw-devstep-'));
  const m1 = await model();
  const full = await trainRewardModel({
    model: m1,
    train,
    eval: held,
    loss: getLoss('focal'),
    config,
    output: openRunOutput(whole),
  });
  m1.dispose();
  const m2 = await model();
  const stopped = await trainRewardModel({
    model: m2,
    train,
    eval: held,
    loss: getLoss('focal'),
    config,
    output: openRunOutput(split),
    stopAfterSteps: 3,
  });
  assert.equal(stopped.status, 'stopped');
  m2.dispose();
  const m3 = await createTransformerRewardModel({ ...MODEL }, 99); // other initial weights: restore must replace them
  const resumed = await trainRewardModel({
    model: m3,
    train,
    eval: held,
    loss: getLoss('focal'),
    config,
    output: openRunOutput(split, { resume: true }),
  });
  m3.dispose();
  assert.deepEqual(resumed.steps, full.steps);
  assert.deepEqual(resumed.final, full.final);
  assert.ok(readFileSync(join(split, 'weights.bin')).equals(readFileSync(join(whole, 'weights.bin'))));
});

test('a non-finite loss stops training at its step, found when the device is read', async () => {
  const bt = getLoss('bt');
  const poisoned: PairLoss = {
    ...bt,
    name: 'poisoned',
    tensor: (rc, rr, m, p) => {
      const l = bt.tensor(rc, rr, m, p);
      return tf.mul(l, Number.NaN) as typeof l; // NaN on every step
    },
  };
  const m = await model();
  await assert.rejects(
    trainRewardModel({ model: m, train, loss: poisoned, config: cfg({ logEvery: 4 }) }),
    (e: unknown) => e instanceof TrainingDivergedError && e.step === 1 && /poisoned loss is NaN/.test(e.message),
  );
  m.dispose();
});
