// Multi-head attention as fused WGSL kernels for the tfjs webgpu backend, with its gradient, reading Q, K and V in
// the dense layers' own [tokens, d] layout: no head transposes, no separate scale, bias and softmax passes. Per layer
// and step 2 dispatches forward (probabilities, then the context) and 4 backward (dV, dS, dQ, dK), where tfjs's
// composition spends about 35 (4 transposes, 2 batched products, the scale and the padding bias, softmax, then all of
// their gradients). The arithmetic is ../transformer/graph.ts's unfused attention, in the same order:
//   s_ij = (q_i·k_j)/√dh + bias_j,   p_ij = exp(s_ij − max_j s) / Σ_j exp(s_ij − max_j s),   ctx_i = Σ_j p_ij v_j
//   dv_j = Σ_i p_ij dctx_i,   ds_ij = p_ij (dctx_i·v_j − Σ_j' p_ij' dctx_i·v_j') / √dh,
//   dq_i = Σ_j ds_ij k_j,   dk_j = Σ_i ds_ij q_i
// (the softmax Jacobian, as in Vaswani et al. 2017's attention). The probabilities are kept for the backward pass,
// as tfjs's softmax keeps its output. A row of scores lives in workgroup memory: at most MAX_ATTENTION_TOKENS keys.
import * as tf from '@tensorflow/tfjs-core';
import { float, int, program, run, WG, withGradient, WORKGROUP } from './fusedOps.js';

/** Keys per row the fused kernels hold in workgroup memory (4 KiB of the default 16 KiB). */
export const MAX_ATTENTION_TOKENS = 1024;

const UNIFORMS = 'rows : i32, seqLen : i32, heads : i32, headWidth : i32, scale : f32,';

/** Workgroup-wide sum and max (every invocation gets the result); barriers in uniform control flow only. */
const REDUCE = `
var<workgroup> red: array<f32, ${WG}>;
var<workgroup> srow: array<f32, ${MAX_ATTENTION_TOKENS}>;
fn groupReduce(v: f32, isMax: bool) -> f32 {
  red[localIndex] = v;
  workgroupBarrier();
  for (var h = ${WG / 2}u; h > 0u; h = h >> 1u) {
    if (localIndex < h) {
      let a = red[localIndex];
      let b = red[localIndex + h];
      red[localIndex] = select(a + b, max(a, b), isMax);
    }
    workgroupBarrier();
  }
  let s = red[0];
  workgroupBarrier();
  return s;
}`;

/** Row (n, h, i) of the [N, H, L, L] probabilities: its sequence n, head h, query i (workgroup-uniform). */
const ROW = `
  // A grid tfjs folded into 2D has spare workgroups: they redo the last row, writing the same values.
  let row = min(${WORKGROUP}, uniforms.rows - 1);
  let L = uniforms.seqLen;
  let dh = uniforms.headWidth;
  let d = uniforms.heads * dh;
  let i = row % L;
  let h = (row / L) % uniforms.heads;
  let n = row / (L * uniforms.heads);
  let qBase = (n * L + i) * d + h * dh;`;

interface Dims {
  N: number;
  L: number;
  H: number;
  dh: number;
}

function uniforms(x: Dims, rows: number): { type: 'int32' | 'float32'; data: number[] }[] {
  return [int(rows), int(x.L), int(x.H), int(x.dh), float(1 / Math.sqrt(x.dh))];
}

/** p [N, H, L, L]: softmax over keys of the scaled scores plus each key's bias (0, or −1e9 for padding). */
function probabilities(q: tf.Tensor, k: tf.Tensor, bias: tf.Tensor, x: Dims): tf.Tensor {
  const rows = x.N * x.H * x.L;
  const p = program(
    'rmwAttentionProbs',
    ['q', 'k', 'bias'],
    [x.N, x.H, x.L, x.L],
    rows,
    UNIFORMS,
    `${REDUCE}
fn main(index: i32) {
  ${ROW}
  var m = -3.402823e38;
  for (var j = i32(localIndex); j < L; j += ${WG}) {
    let kBase = (n * L + j) * d + h * dh;
    var s = 0.0;
    for (var c = 0; c < dh; c++) { s += q[qBase + c] * k[kBase + c]; }
    s = s * uniforms.scale + bias[n * L + j];
    srow[j] = s;
    m = max(m, s);
  }
  let top = groupReduce(m, true);
  var z = 0.0;
  for (var j = i32(localIndex); j < L; j += ${WG}) { let e = exp(srow[j] - top); srow[j] = e; z += e; }
  let total = groupReduce(z, false);
  for (var j = i32(localIndex); j < L; j += ${WG}) { result[row * L + j] = srow[j] / total; }
}`,
  );
  return run(p, [q, k, bias], uniforms(x, rows));
}

/**
 * One [N·L, d] output element per invocation: out[(n, a), col] = Σ_b w(n, head of col, a, b) · src[(n, b), col],
 * where w reads the [N, H, L, L] weights as given (`transposed` false: w[a][b]) or transposed (w[b][a]).
 */
function headProduct(key: string, w: tf.Tensor, src: tf.Tensor, transposed: boolean, x: Dims): tf.Tensor {
  const size = x.N * x.L * x.H * x.dh;
  const at = transposed ? '(nh * L + b) * L + a' : '(nh * L + a) * L + b';
  const p = program(
    key,
    ['w', 'src'],
    [x.N * x.L, x.H * x.dh],
    Math.ceil(size / WG),
    UNIFORMS,
    `fn main(index: i32) {
  let L = uniforms.seqLen;
  let d = uniforms.heads * uniforms.headWidth;
  if (index < uniforms.rows) {
    let t = index / d;
    let col = index % d;
    let n = t / L;
    let a = t % L;
    let nh = n * uniforms.heads + col / uniforms.headWidth;
    var s = 0.0;
    for (var b = 0; b < L; b++) { s += w[${at}] * src[(n * L + b) * d + col]; }
    result[index] = s;
  }
}`,
  );
  return run(p, [w, src], uniforms(x, size));
}

/** ds [N, H, L, L] = p ⊙ (dP − rowsum(dP ⊙ p)) / √dh with dP_ij = dctx_i · v_j (the gradient at the scores). */
function scoreGradient(probs: tf.Tensor, dctx: tf.Tensor, v: tf.Tensor, x: Dims): tf.Tensor {
  const rows = x.N * x.H * x.L;
  const p = program(
    'rmwAttentionScoreGrad',
    ['p', 'dctx', 'v'],
    [x.N, x.H, x.L, x.L],
    rows,
    UNIFORMS,
    `${REDUCE}
fn main(index: i32) {
  ${ROW}
  var acc = 0.0;
  for (var j = i32(localIndex); j < L; j += ${WG}) {
    let vBase = (n * L + j) * d + h * dh;
    var s = 0.0;
    for (var c = 0; c < dh; c++) { s += dctx[qBase + c] * v[vBase + c]; }
    srow[j] = s;
    acc += s * p[row * L + j];
  }
  let dot = groupReduce(acc, false);
  for (var j = i32(localIndex); j < L; j += ${WG}) {
    result[row * L + j] = p[row * L + j] * (srow[j] - dot) * uniforms.scale;
  }
}`,
  );
  return run(p, [probs, dctx, v], uniforms(x, rows));
}

/**
 * Attention over q, k, v [N·L, d] (heads side by side in d, as the dense layers write them) with a key bias
 * [N, L] (0 for tokens, −1e9 for padding, as graph.ts adds it); returns the context [N·L, d], heads side by side.
 * Differentiable in q, k and v. WebGPU only; L ≤ MAX_ATTENTION_TOKENS.
 */
export function fusedAttention(q: tf.Tensor2D, k: tf.Tensor2D, v: tf.Tensor2D, bias: tf.Tensor2D, heads: number) {
  const [N, L] = bias.shape;
  const d = q.shape[1];
  if (L > MAX_ATTENTION_TOKENS) throw new Error(`fused attention: ${L} tokens > ${MAX_ATTENTION_TOKENS}`);
  if (d % heads !== 0) throw new Error(`fused attention: width ${d} is not divisible by ${heads} heads`);
  const x: Dims = { N, L, H: heads, dh: d / heads };
  return withGradient([q, k, v], (save) => {
    const probs = probabilities(q, k, bias, x);
    save([q, k, v, probs]);
    return {
      value: headProduct('rmwAttentionContext', probs, v, false, x),
      gradFunc: (dctx, [qs, ks, vs, ps]) => {
        const ds = scoreGradient(ps, dctx, vs, x);
        const grads = [
          headProduct('rmwAttentionGradQ', ds, ks, false, x),
          headProduct('rmwAttentionGradK', ds, qs, true, x),
          headProduct('rmwAttentionGradV', ps, dctx, true, x),
        ];
        ds.dispose();
        return grads;
      },
    };
  }) as tf.Tensor2D;
}
