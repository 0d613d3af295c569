import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodedHhSplit } from './hhFixture.js';
import { BowRewardModel } from '../../src/model/bow/model.js';
import { getLoss } from '../../src/losses/registry.js';
import type { PairLoss } from '../../src/losses/types.js';
import type { EncodedPair } from '../../src/model/trainable.js';
import { trainConfigFrom, type TrainConfig } from '../../src/train/config.js';
import { TrainingDivergedError, trainRewardModel } from '../../src/train/trainer.js';
import { openRunOutput } from '../../src/train/runOutput.js';
import { learningRateAt } from '../../src/train/schedule.js';
import { wilsonInterval } from '../../src/train/metrics.js';
import { stagingPath } from '../../src/util/output/names.js';

const MODEL = { hashBits: 12, hidden: 8 };
let train: EncodedPair[] = [];
let held: EncodedPair[] = [];

before(async () => {
  ({ train, held } = await encodedHhSplit());
});

const cfg = (o: Partial<TrainConfig> = {}) =>
  trainConfigFrom({ seed: 5, epochs: 4, batchSize: 16, lr: 0.01, evalEvery: 4, checkpointEvery: 0, ...o });
const tmp = () => mkdtempSync(join(tmpdir(), 'rmw-train-'));

test('after a few steps every parameter changed, the loss fell and training-pair accuracy rose', async () => {
  const model = new BowRewardModel(MODEL, 1);
  const before = await model.snapshot(true);
  const res = await trainRewardModel({ model, train, eval: held, loss: getLoss('bt'), config: cfg() });
  const after = await model.snapshot(true);
  for (let i = 0; i < before.params.length; i++) {
    assert.notDeepEqual(after.params[i].data, before.params[i].data, `${before.params[i].name} did not change`);
  }
  assert.equal(res.steps.length, 12);
  const first = res.steps.slice(0, 3),
    last = res.steps.slice(-3);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  assert.ok(mean(last.map((s) => s.loss)) < mean(first.map((s) => s.loss)), 'loss did not fall');
  assert.ok(mean(last.map((s) => s.accuracy)) > mean(first.map((s) => s.accuracy)), 'training accuracy did not rise');
  for (const s of res.steps) assert.ok(Number.isFinite(s.loss) && Number.isFinite(s.gradNorm));
  assert.equal(res.final?.n, held.length);
  assert.equal(res.evals.length, 3); // steps 4 and 8, then the final one at 12
});

test('same seed, same bytes: two runs write identical weights and metrics', async () => {
  const dirs = [tmp(), tmp()];
  const results = [];
  for (const d of dirs) {
    results.push(
      await trainRewardModel({
        model: new BowRewardModel(MODEL, 1),
        train,
        eval: held,
        loss: getLoss('bt'),
        config: cfg(),
        output: openRunOutput(d),
      }),
    );
  }
  assert.deepEqual(readFileSync(join(dirs[0], 'weights.bin')), readFileSync(join(dirs[1], 'weights.bin')));
  assert.deepEqual(results[0].steps, results[1].steps);
  const rec = JSON.parse(readFileSync(join(dirs[0], 'run.json'), 'utf8'));
  assert.equal(rec.status, 'finished');
  assert.equal(rec.seed, 5);
  assert.equal(rec.model.kind, 'bow');
  assert.equal(rec.metrics.steps.length, 12);
  assert.match(rec.data.trainTokensSha256, /^[0-9a-f]{64}$/);
  assert.ok(!existsSync(join(dirs[0], 'checkpoint.bin')));
});

test('resume after a kill continues to exactly the uninterrupted result (same bytes)', async () => {
  const whole = tmp(),
    cut = tmp();
  const c = cfg({ checkpointEvery: 3 });
  const full = await trainRewardModel({
    model: new BowRewardModel(MODEL, 1),
    train,
    eval: held,
    loss: getLoss('bt'),
    config: c,
    output: openRunOutput(whole),
  });
  // "Killed" after step 7: the last checkpoint is step 6, so step 7 is lost and redone.
  const stopped = await trainRewardModel({
    model: new BowRewardModel(MODEL, 1),
    train,
    eval: held,
    loss: getLoss('bt'),
    config: c,
    output: openRunOutput(cut),
    stopAfterSteps: 7,
  });
  assert.equal(stopped.status, 'stopped');
  // The unfinished run is kept beside the run folder (runs/.<id>.partial), which stays empty until the run finishes.
  assert.ok(existsSync(join(stagingPath(cut), 'checkpoint.bin')));
  assert.ok(!existsSync(join(cut, 'run.json')));
  const resumed = await trainRewardModel({
    model: new BowRewardModel(MODEL, 99),
    train,
    eval: held,
    loss: getLoss('bt'),
    config: c,
    output: openRunOutput(cut, { resume: true }),
  });
  assert.equal(resumed.status, 'finished');
  assert.deepEqual(readFileSync(join(cut, 'weights.bin')), readFileSync(join(whole, 'weights.bin')));
  assert.deepEqual(resumed.steps, full.steps);
  assert.deepEqual(resumed.evals, full.evals);
  const rec = JSON.parse(readFileSync(join(cut, 'run.json'), 'utf8'));
  assert.equal(rec.timings.resumedAtStep, 6);
});

test('resume refuses a checkpoint of a different run', async () => {
  const d = tmp();
  await trainRewardModel({
    model: new BowRewardModel(MODEL, 1),
    train,
    loss: getLoss('bt'),
    config: cfg({ checkpointEvery: 2 }),
    output: openRunOutput(d),
    stopAfterSteps: 3,
  });
  await assert.rejects(
    trainRewardModel({
      model: new BowRewardModel(MODEL, 1),
      train,
      loss: getLoss('bt'),
      config: cfg({ checkpointEvery: 2, lr: 0.02 }),
      output: openRunOutput(d, { resume: true }),
    }),
    /belongs to a different run/,
  );
});

test('the NaN guard stops with a message naming the step, and the run record says so', async () => {
  const bt = getLoss('bt');
  let calls = 0;
  const poisoned: PairLoss = {
    ...bt,
    name: 'poisoned',
    reference: (rc, rr, m, p) =>
      ++calls > 16 * 2 ? { loss: NaN, dChosen: NaN, dRejected: NaN } : bt.reference(rc, rr, m, p),
  };
  const d = tmp();
  await assert.rejects(
    trainRewardModel({
      model: new BowRewardModel(MODEL, 1),
      train,
      loss: poisoned,
      config: cfg(),
      output: openRunOutput(d),
    }),
    (e: unknown) =>
      e instanceof TrainingDivergedError && e.step === 3 && /step 3: the poisoned loss is NaN/.test(e.message),
  );
  const rec = JSON.parse(readFileSync(join(d, 'run.json'), 'utf8'));
  assert.equal(rec.status, 'diverged');
  assert.equal(rec.metrics.steps.length, 2);
});

test('schedule: linear warmup then cosine to the floor', () => {
  const s = { lr: 1, warmupSteps: 4, minLrFraction: 0 };
  assert.deepEqual(
    [0, 1, 2, 3].map((t) => learningRateAt(t, 14, s)),
    [0.25, 0.5, 0.75, 1],
  );
  assert.equal(learningRateAt(4, 14, s), 1);
  assert.ok(Math.abs(learningRateAt(9, 14, s) - 0.5) < 1e-12); // halfway through the 10 decay steps
  assert.ok(Math.abs(learningRateAt(14, 14, s)) < 1e-12);
});

test('Wilson interval: hand values', () => {
  const [lo, hi] = wilsonInterval(80, 100);
  // p = 0.8, n = 100, z = 1.96: centre 0.7849, half-width 0.0778 (closed form).
  assert.ok(Math.abs(lo - 0.7111) < 1e-3 && Math.abs(hi - 0.8666) < 1e-3, `${lo} ${hi}`);
});
