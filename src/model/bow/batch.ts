// A training batch's sparse features regrouped by first-layer row: every (row, item, value) non-zero of the batch,
// sorted by row (stable, so items stay in batch order within a row). Why: at 2^18 buckets × 32 hidden, W1 and its
// two AdamW moments are 96 MB, far beyond the caches, and visiting the rows item by item costs a cache and TLB miss
// per non-zero. Grouped by row, each touched row is read once per step for the forward, its gradient is summed in
// one place, and AdamW walks the rows in ascending address order (bench/train-step.ts measures the effect).
//
// Summation order is unchanged: an item's buckets are strictly increasing, so visiting rows in ascending order adds
// each item's terms in the same order as the item-by-item loop, and within a row items come in batch order, which is
// the order the item-by-item backward accumulated them in.
import type { SparseFeatures } from './features.js';
import { PREFETCH_ROWS, touchRows } from './kernels.js';

export class RowGroupedBatch {
  /** Number of non-zeros in the batch. */
  n = 0;
  /** Distinct rows touched, ascending: rows[0 .. nRows). */
  rows = new Int32Array(1024);
  nRows = 0;
  /** Row u's non-zeros are start[u] .. start[u + 1) of item / value. */
  start = new Int32Array(1025);
  item = new Int32Array(1024);
  value = new Float32Array(1024);
  // Radix-sort scratch.
  private keyA = new Int32Array(1024);
  private keyB = new Int32Array(1024);
  private idA = new Int32Array(1024);
  private idB = new Int32Array(1024);
  private srcItem = new Int32Array(1024);
  private srcValue = new Float32Array(1024);

  /** Regroup `feats` (one entry per batch item) whose bucket indices are below 2^hashBits. */
  build(feats: readonly SparseFeatures[], hashBits: number): void {
    let n = 0;
    for (const f of feats) n += f.indices.length;
    this.reserve(n);
    this.n = n;
    let e = 0;
    for (let i = 0; i < feats.length; i++) {
      const { indices, values } = feats[i];
      for (let k = 0; k < indices.length; k++, e++) {
        this.keyA[e] = indices[k];
        this.idA[e] = e;
        this.srcItem[e] = i;
        this.srcValue[e] = values[k];
      }
    }
    // LSD radix sort on the row, in one or two passes of at most 12 bits (stable).
    const passes = hashBits <= 12 ? 1 : 2;
    const bits = Math.ceil(hashBits / passes);
    let key = this.keyA,
      id = this.idA,
      keyOut = this.keyB,
      idOut = this.idB;
    const counts = new Int32Array((1 << bits) + 1);
    const mask = (1 << bits) - 1;
    for (let p = 0; p < passes; p++) {
      const shift = p * bits;
      counts.fill(0);
      for (let j = 0; j < n; j++) counts[((key[j] >>> shift) & mask) + 1]++;
      for (let d = 1; d < counts.length; d++) counts[d] += counts[d - 1];
      for (let j = 0; j < n; j++) {
        const at = counts[(key[j] >>> shift) & mask]++;
        keyOut[at] = key[j];
        idOut[at] = id[j];
      }
      [key, keyOut] = [keyOut, key];
      [id, idOut] = [idOut, id];
    }
    // Distinct rows, their spans, and the payload in sorted order.
    let u = -1,
      last = -1;
    for (let j = 0; j < n; j++) {
      const row = key[j];
      if (row !== last) {
        u++;
        this.rows[u] = row;
        this.start[u] = j;
        last = row;
      }
      const src = id[j];
      this.item[j] = this.srcItem[src];
      this.value[j] = this.srcValue[src];
    }
    this.nRows = u + 1;
    this.start[this.nRows] = n;
  }

  private reserve(n: number): void {
    if (n <= this.item.length) return;
    const size = Math.max(n, 2 * this.item.length);
    this.rows = new Int32Array(size);
    this.start = new Int32Array(size + 1);
    this.item = new Int32Array(size);
    this.value = new Float32Array(size);
    this.keyA = new Int32Array(size);
    this.keyB = new Int32Array(size);
    this.idA = new Int32Array(size);
    this.idB = new Int32Array(size);
    this.srcItem = new Int32Array(size);
    this.srcValue = new Float32Array(size);
  }
}

/**
 * Adds the first layer's sparse product to Z (items × H, already holding b1):
 * Z[item·H + h] += value · W1[row·H + h] for every non-zero, rows ascending. Hidden units eight at a time in
 * locals so V8 keeps the row's weights in registers; rows a few ahead are prefetched (touchRows). Returns the
 * prefetch loads' sum, for the caller to keep.
 */
export function rowGroupedForward(g: RowGroupedBatch, W1: Float32Array, H: number, Z: Float64Array): number {
  const { rows, start, item, value, nRows } = g;
  const mats = [W1];
  let sink = 0;
  for (let u = 0; u < nRows; u++) {
    if (u % PREFETCH_ROWS === 0)
      sink += touchRows(mats, rows, u + PREFETCH_ROWS, Math.min(nRows, u + 2 * PREFETCH_ROWS), H);
    const base = rows[u] * H,
      e0 = start[u],
      e1 = start[u + 1];
    let h0 = 0;
    for (; h0 + 8 <= H; h0 += 8) {
      const b = base + h0;
      const w0 = W1[b],
        w1 = W1[b + 1],
        w2 = W1[b + 2],
        w3 = W1[b + 3];
      const w4 = W1[b + 4],
        w5 = W1[b + 5],
        w6 = W1[b + 6],
        w7 = W1[b + 7];
      for (let e = e0; e < e1; e++) {
        const o = item[e] * H + h0,
          x = value[e];
        Z[o] += x * w0;
        Z[o + 1] += x * w1;
        Z[o + 2] += x * w2;
        Z[o + 3] += x * w3;
        Z[o + 4] += x * w4;
        Z[o + 5] += x * w5;
        Z[o + 6] += x * w6;
        Z[o + 7] += x * w7;
      }
    }
    for (; h0 < H; h0++) {
      const w = W1[base + h0];
      for (let e = e0; e < e1; e++) Z[item[e] * H + h0] += value[e] * w;
    }
  }
  return sink;
}

/**
 * The first layer's gradient, one compact row per touched row (slot u ↔ rows[u]):
 * G[u·H + h] = Σ_e value_e · dZ[item_e·H + h] over row u's non-zeros. Returns Σ G², for gradient clipping.
 */
export function rowGroupedBackward(g: RowGroupedBatch, dZ: Float64Array, H: number, G: Float64Array): number {
  const { start, item, value, nRows } = g;
  let sq = 0;
  for (let u = 0; u < nRows; u++) {
    const gb = u * H,
      e0 = start[u],
      e1 = start[u + 1];
    let h0 = 0;
    for (; h0 + 8 <= H; h0 += 8) {
      let a0 = 0,
        a1 = 0,
        a2 = 0,
        a3 = 0,
        a4 = 0,
        a5 = 0,
        a6 = 0,
        a7 = 0;
      for (let e = e0; e < e1; e++) {
        const o = item[e] * H + h0,
          x = value[e];
        a0 += x * dZ[o];
        a1 += x * dZ[o + 1];
        a2 += x * dZ[o + 2];
        a3 += x * dZ[o + 3];
        a4 += x * dZ[o + 4];
        a5 += x * dZ[o + 5];
        a6 += x * dZ[o + 6];
        a7 += x * dZ[o + 7];
      }
      const b = gb + h0;
      G[b] = a0;
      G[b + 1] = a1;
      G[b + 2] = a2;
      G[b + 3] = a3;
      G[b + 4] = a4;
      G[b + 5] = a5;
      G[b + 6] = a6;
      G[b + 7] = a7;
      sq += a0 * a0 + a1 * a1 + a2 * a2 + a3 * a3 + a4 * a4 + a5 * a5 + a6 * a6 + a7 * a7;
    }
    for (; h0 < H; h0++) {
      let a = 0;
      for (let e = e0; e < e1; e++) a += value[e] * dZ[item[e] * H + h0];
      G[gb + h0] = a;
      sq += a * a;
    }
  }
  return sq;
}
