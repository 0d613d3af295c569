// The optimizer half of a training step as fused WGSL kernels on the webgpu backend, so it costs a few dispatches
// instead of ~15 tfjs ops per parameter tensor:
//   1. sum of squares: each dispatch reads up to 7 gradients (8 storage buffers per kernel is WebGPU's default
//      limit) and writes partial sums, a few workgroups per gradient, into one partials buffer;
//   2. finish: one workgroup adds the partials in a fixed order (deterministic: the same run gives the same bits),
//      takes the square root, decides clipping, and writes the step's [loss, accuracy, ‖g‖, clipped] record;
//   3. AdamW: one dispatch per two parameters updates p and its packed moments [m; v] in place, with the clip
//      scale read from that record.
// The arithmetic is ../transformer/optimizer.ts's, in the same order (the tests hold the two within 1e-4).
import type * as tf from '@tensorflow/tfjs-core';
import { runRawKernel, uninitialisedTensor, type RawKernel } from './rawKernel.js';

/** At most this many workgroups (of 256 invocations) per gradient in the sum of squares. */
const MAX_PARTS = 32;
const GROUP = 7;

/** Workgroups per gradient: enough for the largest one (about 64 values per invocation), at most MAX_PARTS. */
function partsFor(largest: number): number {
  return Math.max(1, Math.min(MAX_PARTS, Math.ceil(largest / (256 * 64))));
}

function sumSquaresKernel(k: number, parts: number): RawKernel {
  const inputs = Array.from(
    { length: k },
    (_, i) => `@group(0) @binding(${i + 1}) var<storage, read> g${i}: array<f32>;`,
  );
  const cases = Array.from(
    { length: k },
    (_, i) => `case ${i}u: { for (var j = start; j < u.n${i}; j += stride) { let x = g${i}[j]; s += x * x; } }`,
  );
  return {
    label: `rmw-sum-squares-${k}x${parts}`,
    code: `
@group(0) @binding(0) var<storage, read_write> partials: array<f32>;
${inputs.join('\n')}
struct U { base: u32, ${Array.from({ length: GROUP }, (_, i) => `n${i}: u32`).join(', ')} };
@group(0) @binding(${k + 1}) var<uniform> u: U;
var<workgroup> acc: array<f32, 256>;
@compute @workgroup_size(256)
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let start = wid.x * 256u + lid;
  let stride = ${parts}u * 256u;
  var s = 0.0;
  switch wid.y { ${cases.join(' ')} default: {} }
  acc[lid] = s;
  workgroupBarrier();
  for (var h = 128u; h > 0u; h = h >> 1u) {
    if (lid < h) { acc[lid] += acc[lid + h]; }
    workgroupBarrier();
  }
  if (lid == 0u) { partials[(u.base + wid.y) * ${parts}u + wid.x] = acc[0]; }
}`,
  };
}

const FINISH: RawKernel = {
  label: 'rmw-finish-step',
  code: `
@group(0) @binding(0) var<storage, read_write> record: array<f32>;
@group(0) @binding(1) var<storage, read> partials: array<f32>;
@group(0) @binding(2) var<storage, read> loss: array<f32>;
@group(0) @binding(3) var<storage, read> correct: array<f32>;
struct U { count: u32, clipNorm: f32, invBatch: f32 };
@group(0) @binding(4) var<uniform> u: U;
var<workgroup> acc: array<f32, 256>;
@compute @workgroup_size(256)
fn main(@builtin(local_invocation_index) lid: u32) {
  var s = 0.0;
  for (var j = lid; j < u.count; j += 256u) { s += partials[j]; }
  acc[lid] = s;
  workgroupBarrier();
  for (var h = 128u; h > 0u; h = h >> 1u) {
    if (lid < h) { acc[lid] += acc[lid + h]; }
    workgroupBarrier();
  }
  if (lid == 0u) {
    let norm = sqrt(acc[0]);
    record[0] = loss[0];
    record[1] = correct[0] * u.invBatch;
    record[2] = norm;
    record[3] = select(0.0, 1.0, u.clipNorm > 0.0 && norm > u.clipNorm);
  }
}`,
};

/**
 * AdamW over `k` (1 or 2) parameters per dispatch. Each parameter's moments are one [m; v] tensor (2 x size), so two
 * parameters bind p, mv, g twice plus the step record: 7 storage buffers, within WebGPU's default 8.
 */
function adamWKernel(k: 1 | 2): RawKernel {
  const tensors = Array.from({ length: k }, (_, j) =>
    [
      `@group(0) @binding(${3 * j}) var<storage, read_write> p${j}: array<f32>;`,
      `@group(0) @binding(${3 * j + 1}) var<storage, read_write> mv${j}: array<f32>;`,
      `@group(0) @binding(${3 * j + 2}) var<storage, read> g${j}: array<f32>;`,
    ].join('\n'),
  );
  const updates = Array.from(
    { length: k },
    (_, j) => `
  for (var i = id.x; i < u.n${j}; i += nw.x * 256u) {
    let gi = g${j}[i] * scale;
    let mi = mv${j}[i] * u.beta1 + gi * u.oneMinusBeta1;
    let vi = mv${j}[u.n${j} + i] * u.beta2 + (gi * gi) * u.oneMinusBeta2;
    mv${j}[i] = mi;
    mv${j}[u.n${j} + i] = vi;
    p${j}[i] = p${j}[i] * u.decay${j} - (mi * u.stepSize) / (sqrt(vi) / u.sqrtBc2 + u.eps);
  }`,
  );
  return {
    label: `rmw-adamw-${k}`,
    code: `
${tensors.join('\n')}
@group(0) @binding(${3 * k}) var<storage, read> record: array<f32>;
struct U {
  n0: u32, n1: u32, decay0: f32, decay1: f32, stepSize: f32, beta1: f32, oneMinusBeta1: f32, beta2: f32,
  oneMinusBeta2: f32, eps: f32, sqrtBc2: f32, clipNorm: f32,
};
@group(0) @binding(${3 * k + 1}) var<uniform> u: U;
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>) {
  let scale = select(1.0, u.clipNorm / (record[2] + 1e-6), record[3] > 0.5);${updates.join('')}
}`,
  };
}

const ADAMW = [adamWKernel(1), adamWKernel(2)] as const;

export interface FusedUpdate {
  params: readonly tf.Variable[];
  /** Per parameter, its AdamW moments packed as [m; v] (2 x size). */
  mv: readonly tf.Variable[];
  grads: readonly tf.Tensor[];
  /** Per parameter: decoupled weight decay applies. */
  decay: readonly boolean[];
  loss: tf.Tensor;
  /** Number of pairs ranked right in the batch (a scalar). */
  correct: tf.Tensor;
  batchSize: number;
  clipNorm: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** From adamWConstants: lr/(1 − β1^t), √(1 − β2^t), 1 − lr·wd. */
  stepSize: number;
  sqrtBc2: number;
  weightDecayFactor: number;
  /** Dispatches between submits (tfjs's setting). */
  submitBatch: number;
}

/**
 * Queues the fused optimizer step; returns the step's [loss, accuracy, ‖g‖, clipped] record (a new tensor the
 * caller owns). `partials` is scratch of at least params.length·MAX_PARTS floats, reused across steps.
 */
export function fusedOptimizerStep(u: FusedUpdate, partials: tf.Tensor): tf.Tensor {
  const n = u.params.length;
  const sizes = u.grads.map((g) => g.size);
  const parts = partsFor(Math.max(...sizes));
  for (let base = 0; base < n; base += GROUP) {
    const k = Math.min(GROUP, n - base);
    const counts = Array.from({ length: GROUP }, (_, i) => ({ u: i < k ? sizes[base + i] : 0 }));
    runRawKernel(
      sumSquaresKernel(k, parts),
      [{ tensor: partials, write: true }, ...u.grads.slice(base, base + k).map((tensor) => ({ tensor }))],
      [{ u: base }, ...counts],
      [parts, k],
      u.submitBatch,
    );
  }
  const record = uninitialisedTensor([4]);
  runRawKernel(
    FINISH,
    [{ tensor: record, write: true }, { tensor: partials }, { tensor: u.loss }, { tensor: u.correct }],
    [{ u: n * parts }, u.clipNorm, 1 / u.batchSize],
    [1],
    u.submitBatch,
  );
  for (let i = 0; i < n; i += 2) {
    const pair = i + 1 < n ? [i, i + 1] : [i];
    const at = (j: number) => pair[Math.min(j, pair.length - 1)];
    runRawKernel(
      ADAMW[pair.length - 1],
      pair
        .flatMap((j) => [
          { tensor: u.params[j], write: true },
          { tensor: u.mv[j], write: true },
          { tensor: u.grads[j] },
        ])
        .concat([{ tensor: record }]),
      [
        { u: sizes[at(0)] },
        { u: pair.length > 1 ? sizes[at(1)] : 0 },
        u.decay[at(0)] ? u.weightDecayFactor : 1,
        u.decay[at(1)] ? u.weightDecayFactor : 1,
        u.stepSize,
        u.beta1,
        1 - u.beta1,
        u.beta2,
        1 - u.beta2,
        u.eps,
        u.sqrtBc2,
        u.clipNorm,
      ],
      [Math.min(Math.ceil(Math.max(...pair.map((j) => sizes[j])) / 256), 4096)],
      u.submitBatch,
    );
  }
  return record;
}

/** Floats of scratch `fusedOptimizerStep` needs for `count` parameter tensors. */
export function partialsSize(count: number): number {
  return count * MAX_PARTS;
}
