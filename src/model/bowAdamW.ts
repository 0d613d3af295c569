// AdamW over plain Float32Arrays (Loshchilov & Hutter 2019, decoupled weight decay), in PyTorch's order:
//   p ← p·(1 − lr·wd);  m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;
//   p ← p − (lr / (1−β1^t)) · m / (√v / √(1−β2^t) + ε)
// with g = gradient · gradScale (global-norm clipping). Arithmetic in float64, stored as float32.
import type { AdamWStep } from './trainable.js';

interface Coefs { b1: number; b2: number; c1: number; c2: number; stepSize: number; sqrtBc2: number; eps: number; scale: number }

function coefs(t: number, s: AdamWStep): Coefs {
  return {
    b1: s.beta1, b2: s.beta2, c1: 1 - s.beta1, c2: 1 - s.beta2,
    stepSize: s.lr / (1 - s.beta1 ** t), sqrtBc2: Math.sqrt(1 - s.beta2 ** t), eps: s.eps, scale: s.gradScale,
  };
}

/** Every element of p steps; `decays(j)` says which elements take weight decay. */
export function adamwDense(
  p: Float32Array, grad: Float64Array, m: Float32Array, v: Float32Array, t: number, s: AdamWStep,
  decays: (j: number) => boolean,
): void {
  const k = coefs(t, s);
  const decay = 1 - s.lr * s.weightDecay;
  for (let j = 0; j < p.length; j++) {
    const g = grad[j] * k.scale;
    const mj = k.b1 * m[j] + k.c1 * g, vj = k.b2 * v[j] + k.c2 * g * g;
    m[j] = mj; v[j] = vj;
    const pj = decays(j) ? p[j] * decay : p[j];
    p[j] = pj - k.stepSize * m[j] / (Math.sqrt(v[j]) / k.sqrtBc2 + k.eps);
  }
}

/**
 * Lazy AdamW over the rows of a [D, H] matrix that have a gradient (rows[s] has gradient gCompact[s·H ..]):
 * other rows, and their moments, stay as they are (PyTorch SparseAdam's rule, plus decoupled decay on the rows).
 */
export function adamwRows(
  W: Float32Array, gCompact: Float64Array, m: Float32Array, v: Float32Array,
  rows: Int32Array, nRows: number, H: number, t: number, s: AdamWStep,
): void {
  const k = coefs(t, s);
  const decay = 1 - s.lr * s.weightDecay;
  for (let r = 0; r < nRows; r++) {
    const base = rows[r] * H, gb = r * H;
    for (let h = 0; h < H; h++) {
      const j = base + h;
      const g = gCompact[gb + h] * k.scale;
      m[j] = k.b1 * m[j] + k.c1 * g;
      v[j] = k.b2 * v[j] + k.c2 * g * g;
      W[j] = W[j] * decay - k.stepSize * m[j] / (Math.sqrt(v[j]) / k.sqrtBc2 + k.eps);
    }
  }
}

/** Exact dense AdamW over all D rows of a [D, H] matrix; rows without a gradient (slotOf(row) < 0) use g = 0. */
export function adamwAllRows(
  W: Float32Array, gCompact: Float64Array, m: Float32Array, v: Float32Array,
  slotOf: (row: number) => number, D: number, H: number, t: number, s: AdamWStep,
): void {
  const k = coefs(t, s);
  const decay = 1 - s.lr * s.weightDecay;
  for (let row = 0; row < D; row++) {
    const slot = slotOf(row), base = row * H;
    for (let h = 0; h < H; h++) {
      const j = base + h;
      const g = slot < 0 ? 0 : gCompact[slot * H + h] * k.scale;
      m[j] = k.b1 * m[j] + k.c1 * g;
      v[j] = k.b2 * v[j] + k.c2 * g * g;
      W[j] = W[j] * decay - k.stepSize * m[j] / (Math.sqrt(v[j]) / k.sqrtBc2 + k.eps);
    }
  }
}
