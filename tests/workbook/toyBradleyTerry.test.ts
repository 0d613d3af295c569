// The environment toy: real HH-RLHF pairs, Bradley-Terry as softplus(r_rejected - r_chosen), seeded, leak-free.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../src/model/backend.js';
import {
  finalAssistantTurn,
  hashedFeatures,
  loadToyPairs,
  trainToyBradleyTerry,
} from '../../src/workbook/toyBradleyTerry.js';
import { fnv1a32 } from '../../src/util/rng.js';

test('finalAssistantTurn keeps only the last assistant reply of an HH-RLHF dialogue', () => {
  const d = '\n\nHuman: hi\n\nAssistant: hello\n\nHuman: name?\n\nAssistant:  Claude. ';
  assert.equal(finalAssistantTurn(d), 'Claude.');
});

test('hashedFeatures are log1p counts of hashed unigrams and bigrams', () => {
  const dim = 1 << 20; // large enough that these four n-grams do not collide
  const f = hashedFeatures('Yes yes', dim);
  assert.equal(f[fnv1a32('yes') % dim], Math.fround(Math.log1p(2)));
  assert.equal(f[fnv1a32('yes yes') % dim], Math.fround(Math.log1p(1)));
  assert.equal(
    f.reduce((a, b) => a + b, 0),
    Math.fround(Math.log1p(2)) + Math.fround(Math.log1p(1)),
  );
});

test('loadToyPairs reads the first real pairs of the verified source', async () => {
  const { pairs, sha256 } = await loadToyPairs('hh-helpful-base', 3);
  assert.equal(pairs.length, 3);
  assert.match(sha256, /^[0-9a-f]{64}$/);
  assert.match(pairs[0].chosen, /^To be honest, I don.t know anything about that/);
  assert.ok(pairs.every((p) => p.chosen !== p.rejected && !p.chosen.includes('Human:')));
});

test('the toy trains on cpu: loss falls, same seed gives the same losses, no tensors leak', async () => {
  await selectBackend('cpu', { log: false });
  const before = tf.memory().numTensors;
  const a = await trainToyBradleyTerry({ steps: 6, pairs: 16, seed: 7 });
  assert.equal(tf.memory().numTensors, before);
  const b = await trainToyBradleyTerry({ steps: 6, pairs: 16, seed: 7 });
  assert.deepEqual(
    a.steps.map((s) => s.loss),
    b.steps.map((s) => s.loss),
  );
  assert.equal(a.backend, 'cpu');
  assert.ok(
    a.steps.every((s, i) => i === 0 || s.loss < a.steps[i - 1].loss),
    'loss falls every step',
  );
  assert.ok(a.accuracyAfter >= a.accuracyBefore);
  assert.ok(Math.abs(a.steps[0].loss - Math.LN2) < 0.05, 'a near-zero initial reward gap gives loss ~ ln 2');
});
