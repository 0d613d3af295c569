// The two ends of the transformer's graph as fused WGSL kernels for the tfjs webgpu backend, with their gradients:
//   embedding   x[t] = E[ids[t]] + P[t mod L]          forward 1 dispatch (tfjs: gather, slice, add)
//               dE[v] = Σ_{t : ids[t] = v, t a token} dx[t],  dP[l] = Σ_n dx[n·L + l]
//                                                     backward 1 dispatch, two outputs (tfjs: 7, among them a fill
//                                                     and a scatter that adds every padding position onto row 0 with
//                                                     float atomics)
//   mean pool   pooled[n] = Σ_l w[n, l]·y[n·L + l]    forward 1, backward 1 (tfjs: about 8)
// The embedding gradient reads the batch's tokens grouped by embedding row (TokenRows, built on the CPU when the batch
// is packed): one invocation per (row, column) sums its tokens in position order, so it needs no atomics, skips the
// padding (whose gradient is exactly zero: padding keys are masked out and pooling weighs padding by 0) and gives the
// same bits on every run.
import * as tf from '@tensorflow/tfjs-core';
import { int, program, run, WG, withGradient } from './fusedOps.js';
import { runRawKernel, uninitialisedTensor, type RawKernel } from './rawKernel.js';
import { SUBMIT_BATCH } from './tfjsWebgpu.js';

/** A batch's real tokens grouped by embedding row: row v's tokens are tokens[start[v] .. start[v + 1]). */
export interface TokenRows {
  /** [vocabBuckets + 1] int32 offsets into `tokens`. */
  start: tf.Tensor1D;
  /** [real tokens] int32 flat positions n·L + l, ascending within each row. */
  tokens: tf.Tensor1D;
}

/** x [N·L, d] = E[ids] + P[position]; differentiable in E and P. */
export function fusedEmbedding(ids: tf.Tensor1D, E: tf.Tensor2D, P: tf.Tensor2D, L: number, rows: TokenRows) {
  const d = E.shape[1];
  const size = ids.size * d;
  return withGradient([E, P], () => ({
    value: run(
      program(
        'rmwEmbedding',
        ['ids', 'E', 'P'],
        [ids.size, d],
        Math.ceil(size / WG),
        'size : i32, width : i32, seqLen : i32,',
        `fn main(index: i32) {
  if (index < uniforms.size) {
    let t = index / uniforms.width;
    let c = index % uniforms.width;
    result[index] = E[ids[t] * uniforms.width + c] + P[(t % uniforms.seqLen) * uniforms.width + c];
  }
}`,
      ),
      [ids, E, P],
      [int(size), int(d), int(L)],
    ),
    gradFunc: (dx) => embeddingGradients(dx, E.shape[0], P.shape[0], L, rows),
  })) as tf.Tensor2D;
}

const EMBEDDING_GRADIENTS: RawKernel = {
  label: 'rmw-embedding-gradients',
  code: `
@group(0) @binding(0) var<storage, read_write> dE: array<f32>;
@group(0) @binding(1) var<storage, read_write> dP: array<f32>;
@group(0) @binding(2) var<storage, read> dx: array<f32>;
@group(0) @binding(3) var<storage, read> start: array<i32>;
@group(0) @binding(4) var<storage, read> tokens: array<i32>;
struct U { width: u32, vocab: u32, positions: u32, seqLen: u32, items: u32 };
@group(0) @binding(5) var<uniform> u: U;
@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let index = (wid.y * nwg.x + wid.x) * ${WG}u + lid;
  let c = index % u.width;
  let r = index / u.width;
  if (r < u.vocab) {
    var s = 0.0;
    for (var k = start[r]; k < start[r + 1u]; k++) { s += dx[u32(tokens[k]) * u.width + c]; }
    dE[index] = s;
  } else if (r < u.vocab + u.positions) {
    let l = r - u.vocab;
    var s = 0.0;
    if (l < u.seqLen) {
      for (var n = 0u; n < u.items; n++) { s += dx[(n * u.seqLen + l) * u.width + c]; }
    }
    dP[l * u.width + c] = s;
  }
}`,
};

/** At most this many workgroups along x (WebGPU's default maxComputeWorkgroupsPerDimension). */
const MAX_GROUPS_X = 65535;

function embeddingGradients(dx: tf.Tensor, vocab: number, positions: number, L: number, rows: TokenRows): tf.Tensor[] {
  const d = dx.shape[1]!;
  const dE = uninitialisedTensor([vocab, d]),
    dP = uninitialisedTensor([positions, d]);
  const groups = Math.ceil(((vocab + positions) * d) / WG);
  runRawKernel(
    EMBEDDING_GRADIENTS,
    [
      { tensor: dE, write: true },
      { tensor: dP, write: true },
      { tensor: dx },
      { tensor: rows.start },
      { tensor: rows.tokens },
    ],
    [{ u: d }, { u: vocab }, { u: positions }, { u: L }, { u: dx.shape[0] / L }],
    [Math.min(groups, MAX_GROUPS_X), Math.ceil(groups / MAX_GROUPS_X)],
    SUBMIT_BATCH,
  );
  return [dE, dP];
}

/** pooled [N, d] = Σ_l w[n, l]·y[n·L + l] for y [N·L, d] and constant weights w [N, L]; differentiable in y. */
export function fusedWeightedPool(y: tf.Tensor2D, w: tf.Tensor2D): tf.Tensor2D {
  const [N, L] = w.shape;
  const d = y.shape[1];
  const uniforms = 'size : i32, width : i32, seqLen : i32,';
  return withGradient([y], () => ({
    value: run(
      program(
        'rmwWeightedPool',
        ['y', 'w'],
        [N, d],
        Math.ceil((N * d) / WG),
        uniforms,
        `fn main(index: i32) {
  if (index < uniforms.size) {
    let n = index / uniforms.width;
    let c = index % uniforms.width;
    var s = 0.0;
    for (var l = 0; l < uniforms.seqLen; l++) {
      s += w[n * uniforms.seqLen + l] * y[(n * uniforms.seqLen + l) * uniforms.width + c];
    }
    result[index] = s;
  }
}`,
      ),
      [y, w],
      [int(N * d), int(d), int(L)],
    ),
    gradFunc: (dpooled) =>
      run(
        program(
          'rmwWeightedPoolGrad',
          ['dp', 'w'],
          [N * L, d],
          Math.ceil((N * L * d) / WG),
          uniforms,
          `fn main(index: i32) {
  if (index < uniforms.size) {
    let t = index / uniforms.width;
    result[index] = w[t] * dp[(t / uniforms.seqLen) * uniforms.width + index % uniforms.width];
  }
}`,
        ),
        [dpooled, w],
        [int(N * L * d), int(d), int(L)],
      ),
  })) as tf.Tensor2D;
}
