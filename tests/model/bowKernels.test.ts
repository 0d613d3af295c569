import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RowGroupedBatch, rowGroupedBackward, rowGroupedForward } from '../../src/model/bow/batch.js';
import { embeddingBagForward, touchRows } from '../../src/model/bow/kernels.js';
import { adamwRows } from '../../src/model/bow/adamW.js';
import type { SparseFeatures } from '../../src/model/bow/features.js';
import { createRng } from '../../src/util/rng.js';

const feat = (indices: number[], values: number[]): SparseFeatures => ({
  indices: Int32Array.from(indices),
  values: Float32Array.from(values),
});

test('RowGroupedBatch: non-zeros grouped by row, rows ascending, items in batch order within a row', () => {
  const g = new RowGroupedBatch();
  g.build([feat([1, 5, 9], [0.5, 1, 2]), feat([5, 7], [3, 4]), feat([1, 9], [5, 6])], 4);
  assert.equal(g.n, 7);
  assert.deepEqual(Array.from(g.rows.subarray(0, g.nRows)), [1, 5, 7, 9]);
  assert.deepEqual(Array.from(g.start.subarray(0, g.nRows + 1)), [0, 2, 4, 5, 7]);
  assert.deepEqual(Array.from(g.item.subarray(0, 7)), [0, 2, 0, 1, 1, 0, 2]);
  assert.deepEqual(Array.from(g.value.subarray(0, 7)), [0.5, 5, 1, 3, 4, 2, 6]);
});

test('RowGroupedBatch: the two-pass radix sort (hashBits > 12) groups rows the same way', () => {
  const g = new RowGroupedBatch();
  // 4097 and 1 share the low 9 bits of an 18-bit key split 9 + 9; 70000 sorts after both.
  g.build([feat([1, 4097, 70000], [1, 2, 3]), feat([4097], [4])], 18);
  assert.deepEqual(Array.from(g.rows.subarray(0, g.nRows)), [1, 4097, 70000]);
  assert.deepEqual(Array.from(g.item.subarray(0, g.n)), [0, 0, 1, 0]);
  assert.deepEqual(Array.from(g.value.subarray(0, g.n)), [1, 2, 4, 3]);
});

// A random batch: items with strictly increasing bucket indices, as itemFeatures makes them.
function randomBatch(seed: number, items: number, hashBits: number): SparseFeatures[] {
  const rng = createRng(seed);
  const out: SparseFeatures[] = [];
  for (let i = 0; i < items; i++) {
    const set = new Set<number>();
    const n = 1 + Math.floor(rng.next() * 40);
    while (set.size < n) set.add(Math.floor(rng.next() * 2 ** hashBits));
    const indices = [...set].sort((a, b) => a - b);
    out.push(
      feat(
        indices,
        indices.map(() => Math.log1p(1 + Math.floor(rng.next() * 3))),
      ),
    );
  }
  return out;
}

for (const H of [8, 11, 32]) {
  test(`forward and backward over row groups equal the plain item-by-item loops bit for bit (H = ${H})`, () => {
    const hashBits = 10,
      D = 2 ** hashBits;
    const rng = createRng(H);
    const W1 = Float32Array.from({ length: D * H }, () => rng.normal() * 0.1);
    const b1 = Float32Array.from({ length: H }, () => rng.normal() * 0.1);
    const feats = randomBatch(7, 24, hashBits);
    // Plain loops: the definition.
    const plainZ = new Float64Array(feats.length * H);
    feats.forEach((f, i) => {
      for (let h = 0; h < H; h++) plainZ[i * H + h] = b1[h];
      for (let k = 0; k < f.indices.length; k++)
        for (let h = 0; h < H; h++) plainZ[i * H + h] += f.values[k] * W1[f.indices[k] * H + h];
    });
    const grouped = new RowGroupedBatch();
    grouped.build(feats, hashBits);
    const Z = new Float64Array(feats.length * H);
    for (let i = 0; i < feats.length; i++) Z.set(b1, i * H);
    rowGroupedForward(grouped, W1, H, Z);
    assert.deepEqual(Z, plainZ);
    const itemZ = new Float64Array(feats.length * H);
    feats.forEach((f, i) => embeddingBagForward(W1, b1, H, f.indices, f.values, itemZ, i * H));
    assert.deepEqual(itemZ, plainZ);

    const dZ = Float64Array.from({ length: feats.length * H }, () => rng.normal());
    const plainG = new Map<number, Float64Array>();
    feats.forEach((f, i) => {
      for (let k = 0; k < f.indices.length; k++) {
        const row = f.indices[k];
        if (!plainG.has(row)) plainG.set(row, new Float64Array(H));
        const gr = plainG.get(row)!;
        for (let h = 0; h < H; h++) gr[h] += f.values[k] * dZ[i * H + h];
      }
    });
    const G = new Float64Array(grouped.nRows * H);
    const sq = rowGroupedBackward(grouped, dZ, H, G);
    assert.equal(grouped.nRows, plainG.size);
    let plainSq = 0;
    for (let u = 0; u < grouped.nRows; u++) {
      const expected = plainG.get(grouped.rows[u])!;
      assert.deepEqual(G.subarray(u * H, (u + 1) * H), expected);
      for (const x of expected) plainSq += x * x;
    }
    assert.ok(Math.abs(sq - plainSq) <= 1e-12 * plainSq);
  });
}

test('touchRows reads one float per 16 of each touched row', () => {
  const A = Float32Array.from({ length: 4 * 20 }, (_, j) => j);
  // H = 20: offsets 0 and 16 of rows 1 and 3 -> 20 + 36 + 60 + 76.
  assert.equal(touchRows([A], Int32Array.from([1, 3]), 0, 2, 20), 20 + 36 + 60 + 76);
  assert.equal(touchRows([A, A], Int32Array.from([1, 3]), 1, 2, 20), 2 * (60 + 76));
  assert.equal(touchRows([A], Int32Array.from([1, 3]), 2, 2, 20), 0);
});

test('adamwRows: one step against AdamW in PyTorch order, written out, on touched rows only', () => {
  const H = 3,
    W = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const m = new Float32Array(9).fill(0.1),
    v = new Float32Array(9).fill(0.01);
  const before = W.slice();
  const g = Float64Array.from([0.5, -1, 2]);
  const s = { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1, gradScale: 0.5 };
  const t = 3;
  adamwRows(W, g, m, v, Int32Array.from([1]), 1, H, t, s);
  for (let h = 0; h < H; h++) {
    const gg = g[h] * 0.5;
    const mj = 0.9 * Math.fround(0.1) + 0.1 * gg,
      vj = 0.999 * Math.fround(0.01) + 0.001 * gg * gg;
    const p =
      before[3 + h] * (1 - 0.01 * 0.1) -
      ((0.01 / (1 - 0.9 ** t)) * mj) / (Math.sqrt(vj) / Math.sqrt(1 - 0.999 ** t) + 1e-8);
    assert.ok(Math.abs(W[3 + h] - p) <= 1e-6 * Math.abs(p), `W[${3 + h}] = ${W[3 + h]}, expected ${p}`);
    assert.equal(m[3 + h], Math.fround(mj));
    assert.equal(v[3 + h], Math.fround(vj));
  }
  for (const j of [0, 1, 2, 6, 7, 8]) {
    assert.equal(W[j], before[j]);
    assert.equal(m[j], Math.fround(0.1));
  }
});
