// Packing a batch for the transformer: the last L ids of each item folded into embedding rows and right-padded, the
// attention's key bias and the mean pool's weights, and the real tokens grouped by embedding row (what the fused
// embedding gradient sums). Expected values written out by hand for a 3-item batch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { transformerConfigFrom } from '../../src/model/transformer/graph.js';
import { packTokenArrays } from '../../src/model/transformer/tokenBatch.js';

const c = transformerConfigFrom({ vocabBuckets: 4, maxTokens: 3, dModel: 4, heads: 1, layers: 1, ffn: 4 });
const ids = (...v: number[]) => ({ ids: Int32Array.from(v) });

test('ids keep the last L tokens, folded mod vocabBuckets, right-padded with 0', () => {
  // item 0: 5 tokens, keeps the last 3 (6, 7, 9 -> rows 2, 3, 1); item 1: 1 token (4 -> row 0); item 2: empty
  const a = packTokenArrays([ids(1, 2, 6, 7, 9), ids(4), ids()], c);
  assert.deepEqual(a.shape, [3, 3]);
  assert.deepEqual([...a.ids], [2, 3, 1, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual([...a.mask], [1, 1, 1, 1, 0, 0, 0, 0, 0]);
});

test('the key bias is 0 on tokens and -1e9 on padding; pool weights are 1/count on tokens, 0 elsewhere', () => {
  const a = packTokenArrays([ids(1, 2, 6, 7, 9), ids(4), ids()], c);
  assert.deepEqual([...a.keyBias], [0, 0, 0, 0, -1e9, -1e9, -1e9, -1e9, -1e9].map(Math.fround));
  assert.deepEqual([...a.poolWeights], [1 / 3, 1 / 3, 1 / 3, 1, 0, 0, 0, 0, 0].map(Math.fround));
});

test('tokens grouped by row: ascending positions within a row, padding left out (row 0 holds only real tokens)', () => {
  // rows: position 0 -> 2, 1 -> 3, 2 -> 1, 3 -> 0 (the real token 4), 4 -> 0 (the real token 8), 5 padding
  const a = packTokenArrays([ids(2, 3, 1), ids(4, 8), ids()], c);
  assert.deepEqual([...a.ids], [2, 3, 1, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual([...a.rowStart], [0, 2, 3, 4, 5]); // row 0: 2 tokens, rows 1-3: one each
  assert.deepEqual([...a.rowTokens], [3, 4, 2, 0, 1]);
});

test('an empty batch packs to empty arrays with an all-zero row index', () => {
  const a = packTokenArrays([], c);
  assert.deepEqual(a.shape, [0, 3]);
  assert.equal(a.rowTokens.length, 0);
  assert.deepEqual([...a.rowStart], [0, 0, 0, 0, 0]);
});
