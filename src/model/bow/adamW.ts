// AdamW over plain Float32Arrays (Loshchilov & Hutter 2019, decoupled weight decay), in PyTorch's order:
//   p ← p·(1 − lr·wd);  m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;
//   p ← p − (lr / (1−β1^t)) · m / (√v / √(1−β2^t) + ε)
// with g = gradient · gradScale (global-norm clipping). Arithmetic in float64, stored as float32. The last line is
// computed as p − a·m / (√v + e) with a = lr·√(1−β2^t) / (1−β1^t) and e = ε·√(1−β2^t): the same value with one
// division fewer per element (the update is the bow model's hottest loop).
import type { AdamWStep } from '../trainable.js';
import { PREFETCH_ROWS, touchRows } from './kernels.js';

interface Coefs {
  b1: number;
  b2: number;
  c1: number;
  c2: number;
  a: number;
  e: number;
  scale: number;
  decay: number;
}

function coefs(t: number, s: AdamWStep): Coefs {
  const sqrtBc2 = Math.sqrt(1 - s.beta2 ** t);
  return {
    b1: s.beta1,
    b2: s.beta2,
    c1: 1 - s.beta1,
    c2: 1 - s.beta2,
    a: (s.lr / (1 - s.beta1 ** t)) * sqrtBc2,
    e: s.eps * sqrtBc2,
    scale: s.gradScale,
    decay: 1 - s.lr * s.weightDecay,
  };
}

/** Every element of p steps; `decays(j)` says which elements take weight decay. */
export function adamwDense(
  p: Float32Array,
  grad: Float64Array,
  m: Float32Array,
  v: Float32Array,
  t: number,
  s: AdamWStep,
  decays: (j: number) => boolean,
): void {
  const { b1, b2, c1, c2, a, e, scale, decay } = coefs(t, s);
  for (let j = 0; j < p.length; j++) {
    const g = grad[j] * scale;
    const mj = Math.fround(b1 * m[j] + c1 * g),
      vj = Math.fround(b2 * v[j] + c2 * g * g);
    m[j] = mj;
    v[j] = vj;
    const pj = decays(j) ? p[j] * decay : p[j];
    p[j] = pj - (a * mj) / (Math.sqrt(vj) + e);
  }
}

/**
 * Lazy AdamW over the rows of a [D, H] matrix that have a gradient (rows[s] has gradient gCompact[s·H ..]):
 * other rows, and their moments, stay as they are (PyTorch SparseAdam's rule, plus decoupled decay on the rows).
 * Rows are prefetched a few ahead (touchRows; fastest when `rows` ascend); returns the prefetch sum to keep.
 */
export function adamwRows(
  W: Float32Array,
  gCompact: Float64Array,
  m: Float32Array,
  v: Float32Array,
  rows: Int32Array,
  nRows: number,
  H: number,
  t: number,
  s: AdamWStep,
): number {
  const { b1, b2, c1, c2, a, e, scale, decay } = coefs(t, s);
  const fround = Math.fround,
    sqrt = Math.sqrt;
  const mats = [W, m, v];
  let sink = 0;
  for (let r = 0; r < nRows; r++) {
    if (r % PREFETCH_ROWS === 0)
      sink += touchRows(mats, rows, r + PREFETCH_ROWS, Math.min(nRows, r + 2 * PREFETCH_ROWS), H);
    const base = rows[r] * H,
      gb = r * H;
    for (let h = 0; h < H; h++) {
      const j = base + h;
      const g = gCompact[gb + h] * scale;
      // m and v as float32 (what the arrays hold) without a second load.
      const mj = fround(b1 * m[j] + c1 * g),
        vj = fround(b2 * v[j] + c2 * g * g);
      m[j] = mj;
      v[j] = vj;
      W[j] = W[j] * decay - (a * mj) / (sqrt(vj) + e);
    }
  }
  return sink;
}

/** Exact dense AdamW over all D rows of a [D, H] matrix; rows without a gradient (slotOf(row) < 0) use g = 0. */
export function adamwAllRows(
  W: Float32Array,
  gCompact: Float64Array,
  m: Float32Array,
  v: Float32Array,
  slotOf: (row: number) => number,
  D: number,
  H: number,
  t: number,
  s: AdamWStep,
): void {
  const { b1, b2, c1, c2, a, e, scale, decay } = coefs(t, s);
  for (let row = 0; row < D; row++) {
    const slot = slotOf(row),
      base = row * H;
    for (let h = 0; h < H; h++) {
      const j = base + h;
      const g = slot < 0 ? 0 : gCompact[slot * H + h] * scale;
      const mj = Math.fround(b1 * m[j] + c1 * g),
        vj = Math.fround(b2 * v[j] + c2 * g * g);
      m[j] = mj;
      v[j] = vj;
      W[j] = W[j] * decay - (a * mj) / (Math.sqrt(vj) + e);
    }
  }
}
