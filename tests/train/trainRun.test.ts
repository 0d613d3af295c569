import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PreferencePair } from '../../src/data/schema.js';
import { writePairsJsonl } from '../../src/data/io/jsonl.js';
import { selectRunPairs, trainRun, trainRunWithModel } from '../../src/train/trainRun.js';
import { createRng, sampleWithoutReplacement } from '../../src/util/rng.js';
import { hashJson } from '../../src/util/hash.js';

const pair = (id: string, chosen: string, rejected: string): PreferencePair => ({
  id,
  source: 'toy',
  prompt: [{ role: 'user', content: `question ${id}` }],
  chosen,
  rejected,
});

test(
  'selectRunPairs: identical-response pairs are dropped and counted, then the caps sample train first from ' +
    'fork("preset-subsample")',
  () => {
    const train = Array.from({ length: 10 }, (_, i) =>
      pair(`t${i}`, `good ${i}`, i % 4 === 0 ? `good ${i}` : `bad ${i}`),
    );
    const held = Array.from({ length: 6 }, (_, i) => pair(`h${i}`, `good ${i}`, i === 5 ? `good ${i}` : `bad ${i}`));
    const none = selectRunPairs(train, held, { maxTrainPairs: null, maxEvalPairs: null }, 7);
    // t0, t4, t8 and h5 have chosen === rejected.
    assert.deepEqual(none.dropped, { identicalTrain: 3, identicalEval: 1 });
    assert.deepEqual(
      none.train.map((p) => p.id),
      ['t1', 't2', 't3', 't5', 't6', 't7', 't9'],
    );
    assert.deepEqual(
      none.heldOut.map((p) => p.id),
      ['h0', 'h1', 'h2', 'h3', 'h4'],
    );

    const capped = selectRunPairs(train, held, { maxTrainPairs: 4, maxEvalPairs: 2 }, 7);
    const rng = createRng(7).fork('preset-subsample');
    const expectTrain = sampleWithoutReplacement(none.train, 4, rng);
    const expectHeld = sampleWithoutReplacement(none.heldOut, 2, rng);
    assert.deepEqual(
      capped.train.map((p) => p.id),
      expectTrain.map((p) => p.id),
    );
    assert.deepEqual(
      capped.heldOut.map((p) => p.id),
      expectHeld.map((p) => p.id),
    );
    assert.equal(capped.train.length, 4);
    assert.equal(capped.heldOut.length, 2);
  },
);

test(
  'trainRun on in-memory pairs gives the same run (same bytes of ' + 'metrics) as on the same pairs from a file',
  async () => {
    const train = Array.from({ length: 40 }, (_, i) =>
      pair(`t${i}`, `great helpful answer ${i}`, i === 3 ? `great helpful answer ${i}` : `rude answer ${i}`),
    );
    const held = Array.from({ length: 8 }, (_, i) => pair(`h${i}`, `great helpful reply ${i}`, `rude reply ${i}`));
    const dir = mkdtempSync(join(tmpdir(), 'rmw-trainrun-'));
    writePairsJsonl(join(dir, 'train.jsonl'), train);
    writePairsJsonl(join(dir, 'held.jsonl'), held);
    const common = {
      model: 'bow',
      loss: 'bt',
      preset: 'quick',
      train: { seed: 2, maxSteps: 6, evalEvery: 3, checkpointEvery: 0 },
    };
    const fromFile = await trainRun({
      ...common,
      data: join(dir, 'train.jsonl'),
      evalData: join(dir, 'held.jsonl'),
      outDir: join(dir, 'file'),
    });
    const seen: number[] = [];
    const inMemory = await trainRunWithModel({
      ...common,
      pairs: train,
      evalPairs: held,
      outDir: join(dir, 'mem'),
      onStep: (m) => seen.push(m.step),
      record: { note: 'test' },
    });
    try {
      assert.equal(inMemory.trainPairs, 39); // t3 is identical
      assert.equal(inMemory.evalPairs, 8);
      assert.deepEqual(
        inMemory.heldOut.map((p) => p.id),
        held.map((p) => p.id),
      );
      assert.equal(inMemory.encodedHeldOut.length, 8);
      assert.deepEqual(seen, [1, 2, 3, 4, 5, 6]);
      assert.deepEqual(inMemory.steps, fromFile.steps);
      assert.deepEqual(inMemory.evals, fromFile.evals);
      assert.equal(inMemory.config.seed, 2);
      assert.equal(inMemory.preset, 'quick');
      const rec = JSON.parse(readFileSync(join(dir, 'mem', 'run.json'), 'utf8'));
      assert.deepEqual(rec.inputs, [
        { spec: 'memory:train', kind: 'memory', sha256: hashJson(train), pairs: 40 },
        { spec: 'memory:eval', kind: 'memory', sha256: hashJson(held), pairs: 8 },
      ]);
      assert.deepEqual(rec.dropped, { identicalTrain: 1, identicalEval: 0 });
      assert.equal(rec.note, 'test');
      assert.equal(
        rec.data.trainTokensSha256,
        (fromFile.record as { data: { trainTokensSha256: string } }).data.trainTokensSha256,
      );
      // The model is handed back alive: its rewards on the held-out pairs reproduce the final held-out accuracy.
      const c = await inMemory.model.rewards(inMemory.encodedHeldOut.map((p) => p.chosen));
      const r = await inMemory.model.rewards(inMemory.encodedHeldOut.map((p) => p.rejected));
      assert.equal(c.filter((x, i) => x > r[i]).length / 8, inMemory.final!.accuracy);
    } finally {
      inMemory.model.dispose();
    }
  },
);

test('trainRun: exactly one of data and pairs; no pairs left is a clear error', async () => {
  await assert.rejects(trainRun({ model: 'bow', loss: 'bt', preset: 'quick' }), /exactly one of data .* and pairs/);
  await assert.rejects(
    trainRun({ model: 'bow', loss: 'bt', preset: 'quick', data: 'x', pairs: [] }),
    /exactly one of data/,
  );
  await assert.rejects(
    trainRun({ model: 'bow', loss: 'bt', preset: 'quick', pairs: [pair('a', 'same', 'same')], evalPairs: [] }),
    /1 in-memory pairs: no training pairs left after holding out 0 and dropping 1 identical/,
  );
});
