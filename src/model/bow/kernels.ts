// The bow model's inference inner loop (one item at a time; training goes through batch.ts), written for V8:
// the hidden units are taken eight at a time into local scalars, so the JIT keeps the running sums in registers
// instead of loading and storing a typed-array element per multiply-add (about 3x faster when W1 is in cache).
// Each output is summed in the plain loop's order (bias first, then the item's buckets ascending), in float64.

/**
 * Embedding-bag forward of one item: Z[o + h] = b1[h] + Σ_k values[k] · W1[indices[k]·H + h], for h < H.
 */
export function embeddingBagForward(
  W1: Float32Array,
  b1: Float32Array,
  H: number,
  indices: Int32Array,
  values: Float32Array,
  Z: Float64Array,
  o: number,
): void {
  const n = indices.length;
  let h0 = 0;
  for (; h0 + 8 <= H; h0 += 8) {
    let a0 = b1[h0],
      a1 = b1[h0 + 1],
      a2 = b1[h0 + 2],
      a3 = b1[h0 + 3];
    let a4 = b1[h0 + 4],
      a5 = b1[h0 + 5],
      a6 = b1[h0 + 6],
      a7 = b1[h0 + 7];
    for (let k = 0; k < n; k++) {
      const b = indices[k] * H + h0,
        x = values[k];
      a0 += x * W1[b];
      a1 += x * W1[b + 1];
      a2 += x * W1[b + 2];
      a3 += x * W1[b + 3];
      a4 += x * W1[b + 4];
      a5 += x * W1[b + 5];
      a6 += x * W1[b + 6];
      a7 += x * W1[b + 7];
    }
    Z[o + h0] = a0;
    Z[o + h0 + 1] = a1;
    Z[o + h0 + 2] = a2;
    Z[o + h0 + 3] = a3;
    Z[o + h0 + 4] = a4;
    Z[o + h0 + 5] = a5;
    Z[o + h0 + 6] = a6;
    Z[o + h0 + 7] = a7;
  }
  for (; h0 < H; h0++) {
    let a = b1[h0];
    for (let k = 0; k < n; k++) a += values[k] * W1[indices[k] * H + h0];
    Z[o + h0] = a;
  }
}

/**
 * Reads one float per 64-byte line of rows[from .. to) of each matrix (row r at r·H) and returns their sum. A
 * software prefetch: the loads are independent, so the CPU overlaps their cache misses, and the rows are in cache
 * when the arithmetic reaches them a few rows later. The caller keeps the sum so the loads are not optimised away.
 */
export function touchRows(
  mats: readonly Float32Array[],
  rows: Int32Array,
  from: number,
  to: number,
  H: number,
): number {
  let sink = 0;
  for (let p = from; p < to; p++) {
    const base = rows[p] * H;
    for (const M of mats) for (let q = 0; q < H; q += 16) sink += M[base + q];
  }
  return sink;
}

/** How many rows ahead touchRows runs (measured best at 2^18 × 32 on the 2-core machine; 4-64 are all close). */
export const PREFETCH_ROWS = 8;
