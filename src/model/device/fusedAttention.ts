// Multi-head attention as fused WGSL kernels for the tfjs webgpu backend, with its gradient, reading Q, K and V from
// the one [tokens, 3d] product the attention's input layer writes (columns Q, K, V; heads side by side in each): no
// head transposes, no split, no separate scale, bias and softmax passes. Per layer and step 2 dispatches forward
// (probabilities, then the context) and 2 backward (dS, then dQ, dK and dV as one [tokens, 3d] gradient), where
// tfjs's composition spends about 35 (4 transposes, 2 batched products, the scale and the padding bias, softmax, then
// all of their gradients). The arithmetic is ../transformer/graph.ts's unfused attention, in the same order:
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
  let rowBase = (n * L + i) * d + h * dh; // query i, head h, in a [N·L, d] tensor
  let qBase = (n * L + i) * 3 * d + h * dh; // the same in the [N·L, 3d] qkv`;

interface Dims {
  N: number;
  L: number;
  H: number;
  dh: number;
}

function uniforms(x: Dims, rows: number): { type: 'int32' | 'float32'; data: number[] }[] {
  return [int(rows), int(x.L), int(x.H), int(x.dh), float(1 / Math.sqrt(x.dh))];
}

/**
 * A kernel with one workgroup per row (n, h, i) that first fills srow[j] = Σ_c a[aBase + c]·qkv[key j's columns +
 * c] for every key j (the key's columns start at `keyColumn`·d: 1 for K, 2 for V), then runs `finish`.
 */
function rowKernel(key: string, names: string[], aBase: string, keyColumn: number, finish: string, x: Dims) {
  const rows = x.N * x.H * x.L;
  return {
    rows,
    program: program(
      key,
      names,
      [x.N, x.H, x.L, x.L],
      rows,
      UNIFORMS,
      `${REDUCE}
fn main(index: i32) {
  ${ROW}
  for (var j = i32(localIndex); j < L; j += ${WG}) {
    let kBase = (n * L + j) * 3 * d + ${keyColumn} * d + h * dh;
    var s = 0.0;
    for (var c = 0; c < dh; c++) { s += ${names[0]}[${aBase} + c] * qkv[kBase + c]; }
    srow[j] = s;
  }
  ${finish}
}`,
    ),
  };
}

/** p [N, H, L, L]: softmax over keys of the scaled scores plus each key's bias (0, or −1e9 for padding). */
function probabilities(qkv: tf.Tensor, bias: tf.Tensor, x: Dims): tf.Tensor {
  const k = rowKernel(
    'rmwAttentionProbs',
    ['qkv', 'bias'],
    'qBase',
    1,
    `var m = -3.402823e38;
  for (var j = i32(localIndex); j < L; j += ${WG}) {
    let s = srow[j] * uniforms.scale + bias[n * L + j];
    srow[j] = s;
    m = max(m, s);
  }
  let top = groupReduce(m, true);
  var z = 0.0;
  for (var j = i32(localIndex); j < L; j += ${WG}) { let e = exp(srow[j] - top); srow[j] = e; z += e; }
  let total = groupReduce(z, false);
  for (var j = i32(localIndex); j < L; j += ${WG}) { result[row * L + j] = srow[j] / total; }`,
    x,
  );
  return run(k.program, [qkv, bias], uniforms(x, k.rows));
}

/** ds [N, H, L, L] = p ⊙ (dP − rowsum(dP ⊙ p)) / √dh with dP_ij = dctx_i · v_j (the gradient at the scores). */
function scoreGradient(probs: tf.Tensor, dctx: tf.Tensor, qkv: tf.Tensor, x: Dims): tf.Tensor {
  const k = rowKernel(
    'rmwAttentionScoreGrad',
    ['dctx', 'qkv', 'p'],
    'rowBase',
    2,
    `var acc = 0.0;
  for (var j = i32(localIndex); j < L; j += ${WG}) { acc += srow[j] * p[row * L + j]; }
  let dot = groupReduce(acc, false);
  for (var j = i32(localIndex); j < L; j += ${WG}) {
    result[row * L + j] = p[row * L + j] * (srow[j] - dot) * uniforms.scale;
  }`,
    x,
  );
  return run(k.program, [dctx, qkv, probs], uniforms(x, k.rows));
}

/**
 * One output element per invocation, out[(n, a), col] = Σ_b w[n, head of col, ·, ·] · src[(n, b), col], for
 *   the context    ctx [N·L, d]:  w = p,   src = V;
 *   the gradient  dqkv [N·L, 3d]: dQ with w = ds, src = K;  dK with w = dsᵀ, src = Q;  dV with w = pᵀ, src = dctx.
 */
function contextKernel(probs: tf.Tensor, qkv: tf.Tensor, x: Dims): tf.Tensor {
  const d = x.H * x.dh;
  const p = program(
    'rmwAttentionContext',
    ['p', 'qkv'],
    [x.N * x.L, d],
    Math.ceil((x.N * x.L * d) / WG),
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
    for (var b = 0; b < L; b++) { s += p[(nh * L + a) * L + b] * qkv[(n * L + b) * 3 * d + 2 * d + col]; }
    result[index] = s;
  }
}`,
  );
  return run(p, [probs, qkv], uniforms(x, x.N * x.L * d));
}

function qkvGradient(ds: tf.Tensor, probs: tf.Tensor, qkv: tf.Tensor, dctx: tf.Tensor, x: Dims): tf.Tensor {
  const d = x.H * x.dh;
  const size = x.N * x.L * 3 * d;
  const p = program(
    'rmwAttentionGradQKV',
    ['ds', 'p', 'qkv', 'dctx'],
    [x.N * x.L, 3 * d],
    Math.ceil(size / WG),
    UNIFORMS,
    `fn main(index: i32) {
  let L = uniforms.seqLen;
  let d = uniforms.heads * uniforms.headWidth;
  if (index < uniforms.rows) {
    let t = index / (3 * d);
    let part = (index % (3 * d)) / d; // 0: dQ, 1: dK, 2: dV
    let col = index % d;
    let n = t / L;
    let a = t % L;
    let nh = n * uniforms.heads + col / uniforms.headWidth;
    var s = 0.0;
    if (part == 0) {
      for (var b = 0; b < L; b++) { s += ds[(nh * L + a) * L + b] * qkv[(n * L + b) * 3 * d + d + col]; }
    } else if (part == 1) {
      for (var b = 0; b < L; b++) { s += ds[(nh * L + b) * L + a] * qkv[(n * L + b) * 3 * d + col]; }
    } else {
      for (var b = 0; b < L; b++) { s += p[(nh * L + b) * L + a] * dctx[(n * L + b) * d + col]; }
    }
    result[index] = s;
  }
}`,
  );
  return run(p, [ds, probs, qkv, dctx], uniforms(x, size));
}

/**
 * Attention over qkv [N·L, 3d] (Q, K and V side by side, heads side by side in each, as the attention's input layer
 * writes them) with a key bias [N, L] (0 for tokens, −1e9 for padding, as graph.ts adds it); returns the context
 * [N·L, d], heads side by side. Differentiable in qkv. WebGPU only; L ≤ MAX_ATTENTION_TOKENS.
 */
export function fusedAttention(qkv: tf.Tensor2D, bias: tf.Tensor2D, heads: number): tf.Tensor2D {
  const [N, L] = bias.shape;
  if (qkv.shape[1] % 3 !== 0) throw new Error(`fused attention: qkv width ${qkv.shape[1]} is not 3 x d`);
  const d = qkv.shape[1] / 3;
  if (L > MAX_ATTENTION_TOKENS) throw new Error(`fused attention: ${L} tokens > ${MAX_ATTENTION_TOKENS}`);
  if (d % heads !== 0) throw new Error(`fused attention: width ${d} is not divisible by ${heads} heads`);
  const x: Dims = { N, L, H: heads, dh: d / heads };
  return withGradient([qkv], (save) => {
    const probs = probabilities(qkv, bias, x);
    save([qkv, probs]);
    return {
      value: contextKernel(probs, qkv, x),
      gradFunc: (dctx, [qkvs, ps]) => {
        const ds = scoreGradient(ps, dctx, qkvs, x);
        const grad = qkvGradient(ds, ps, qkvs, dctx, x);
        ds.dispose();
        return [grad];
      },
    };
  }) as tf.Tensor2D;
}
