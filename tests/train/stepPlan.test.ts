import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PreferencePair } from '../../src/data/schema.js';
import { writePairsJsonl } from '../../src/data/io/jsonl.js';
import { stepPlan } from '../../src/train/stepPlan.js';
import { planTrainRun, trainRun } from '../../src/train/trainRun.js';

const pair = (id: string, chosen: string, rejected: string): PreferencePair => ({
  id,
  source: 'toy',
  prompt: [{ role: 'user', content: `question ${id}` }],
  chosen,
  rejected,
});

test('stepPlan: ceil(pairs / batch) steps per epoch, times epochs, at most maxSteps', () => {
  assert.deepEqual(stepPlan(100, { epochs: 2, batchSize: 32, maxSteps: null }), {
    trainPairs: 100,
    stepsPerEpoch: 4,
    totalSteps: 8,
  });
  assert.equal(stepPlan(100, { epochs: 2, batchSize: 32, maxSteps: 5 }).totalSteps, 5);
  assert.equal(stepPlan(64, { epochs: 3, batchSize: 32, maxSteps: null }).totalSteps, 6);
});

test(
  'planTrainRun counts the pairs trainRun keeps: identical pairs ' + 'dropped before the batches are counted',
  async () => {
    // 40 pairs, 9 of them with identical responses: 31 kept -> 1 step per epoch at batch 32, where 40 would give 2.
    const pairs = Array.from({ length: 40 }, (_, i) =>
      pair(`t${i}`, `great helpful answer ${i}`, i % 4 === 0 && i < 36 ? `great helpful answer ${i}` : `rude ${i}`),
    );
    const dir = mkdtempSync(join(tmpdir(), 'rmw-stepplan-'));
    writePairsJsonl(join(dir, 'train.jsonl'), pairs);
    const o = { data: join(dir, 'train.jsonl'), evalPairs: [], preset: 'quick', train: { epochs: 3, maxSteps: null } };
    const plan = await planTrainRun(o);
    assert.deepEqual(plan, { trainPairs: 31, stepsPerEpoch: 1, totalSteps: 3 });
    const run = await trainRun({ ...o, model: 'bow', loss: 'bt' });
    assert.equal(run.trainPairs, plan.trainPairs);
    assert.equal(run.stepsDone, plan.totalSteps);
    assert.equal(run.totalSteps, plan.totalSteps);
  },
);
