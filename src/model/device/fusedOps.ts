// LayerNorm and GELU as fused WGSL kernels for the tfjs webgpu backend, with their gradients (tf.customGrad), so the
// transformer's step spends one dispatch where tfjs's composition of elementwise ops spends ten or twenty:
//   LayerNorm forward 1 (tfjs: 9), backward 3 (tfjs: about 25); GELU forward 1 (tfjs: 9), backward 1 (tfjs: about 15).
// The formulas are ../transformer/graph.ts's, in the same order; the tests hold both within float32 rounding.
// Kernels follow tfjs-backend-webgpu 4.22's program interface (pinned): `result` is the output array, inputs are
// arrays named by `variableNames`, `uniforms` holds the sizes, `main(index)` runs once per invocation. Barriers sit
// only in control flow that is uniform across the workgroup (loop bounds from uniforms), as WGSL requires.
import * as tf from '@tensorflow/tfjs-core';
import { runRawKernel, uninitialisedTensor, type RawKernel } from './rawKernel.js';
import { SUBMIT_BATCH } from './tfjsWebgpu.js';

interface Program {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  variableNames: string[];
  workgroupSize: [number, number, number];
  uniforms: string;
  getUserCode(): string;
}

export type Uniform = { type: 'int32' | 'float32'; data: number[] };

interface WebgpuRunner {
  runWebGPUProgram(program: Program, inputs: tf.TensorInfo[], dtype: 'float32', uniforms: Uniform[]): tf.TensorInfo;
}

export const WG = 64;
/** Widest row the LayerNorm parameter-gradient kernel accumulates in workgroup memory. */
export const MAX_FUSED_WIDTH = 1024;
/** At most this many row chunks for the LayerNorm parameter gradients (summed by a final column sum). */
const MAX_CHUNKS = 64;

/** Chunks of at least 8 rows each, at most MAX_CHUNKS. */
function chunksFor(rows: number): number {
  return Math.max(1, Math.min(MAX_CHUNKS, Math.ceil(rows / 8)));
}

export function run(program: Program, inputs: tf.Tensor[], uniforms: Uniform[]): tf.Tensor {
  const backend = tf.backend() as unknown as WebgpuRunner;
  return tf.engine().makeTensorFromTensorInfo(backend.runWebGPUProgram(program, inputs, 'float32', uniforms));
}

export const int = (v: number): Uniform => ({ type: 'int32', data: [v] });
export const float = (v: number): Uniform => ({ type: 'float32', data: [v] });

export function program(
  key: string,
  names: string[],
  outShape: number[],
  workgroups: number,
  uniforms: string,
  code: string,
): Program {
  return {
    outputShape: outShape,
    shaderKey: key,
    dispatchLayout: { x: outShape.map((_, i) => i) },
    dispatch: [workgroups, 1, 1],
    variableNames: names,
    workgroupSize: [WG, 1, 1],
    uniforms,
    getUserCode: () => code,
  };
}

/** This workgroup's index in a grid tfjs may have folded into 2 or 3 dimensions. */
export const WORKGROUP =
  'i32(workgroupId.z * numWorkgroups.x * numWorkgroups.y + workgroupId.y * numWorkgroups.x + workgroupId.x)';

/** Workgroup-wide sum (every invocation gets the total), and a row's mean and 1/√(var + eps). */
const ROW_STATS = `
var<workgroup> red: array<f32, ${WG}>;
fn rowSum(v: f32) -> f32 {
  red[localIndex] = v;
  workgroupBarrier();
  for (var h = ${WG / 2}u; h > 0u; h = h >> 1u) {
    if (localIndex < h) { red[localIndex] = red[localIndex] + red[localIndex + h]; }
    workgroupBarrier();
  }
  let s = red[0];
  workgroupBarrier();
  return s;
}
fn rowStats(base: i32, width: i32) -> vec2<f32> {
  var s = 0.0;
  for (var c = i32(localIndex); c < width; c += ${WG}) { s += x[base + c]; }
  let mean = rowSum(s) / f32(width);
  var q = 0.0;
  for (var c = i32(localIndex); c < width; c += ${WG}) { let d = x[base + c] - mean; q += d * d; }
  let variance = rowSum(q) / f32(width);
  return vec2<f32>(mean, inverseSqrt(variance + uniforms.eps));
}`;

const ROW_UNIFORMS = 'rows : i32, width : i32, eps : f32, rowsPerChunk : i32,';

/** One workgroup per row: `body` sees base, width and st = (mean, 1/σ). */
function rowKernel(key: string, names: string[], rows: number, width: number, body: string): Program {
  return program(
    key,
    names,
    [rows, width],
    rows,
    ROW_UNIFORMS,
    `${ROW_STATS}
fn main(index: i32) {
  let row = min(${WORKGROUP}, uniforms.rows - 1);
  let width = uniforms.width;
  let base = row * width;
  let st = rowStats(base, width);
  ${body}
}`,
  );
}

function rowUniforms(rows: number, width: number, eps: number): Uniform[] {
  return [int(rows), int(width), float(eps), int(Math.ceil(rows / chunksFor(rows)))];
}

function lnForward(x: tf.Tensor2D, g: tf.Tensor, b: tf.Tensor | null, eps: number): tf.Tensor {
  const [rows, width] = x.shape;
  const p = rowKernel(
    b ? 'rmwLayerNormBias' : 'rmwLayerNorm',
    b ? ['x', 'g', 'b'] : ['x', 'g'],
    rows,
    width,
    `for (var c = i32(localIndex); c < width; c += ${WG}) {
    result[base + c] = ((x[base + c] - st.x) * st.y) * g[c]${b ? ' + b[c]' : ''};
  }`,
  );
  return run(p, b ? [x, g, b] : [x, g], rowUniforms(rows, width, eps));
}

/** dx = r·(dŷ − mean(dŷ) − x̂·mean(dŷ·x̂)) per row, with x̂ = (x − μ)·r and dŷ = dy·g. */
function lnGradX(x: tf.Tensor2D, dy: tf.Tensor, g: tf.Tensor, eps: number): tf.Tensor {
  const [rows, width] = x.shape;
  const p = rowKernel(
    'rmwLayerNormGradX',
    ['x', 'dy', 'g'],
    rows,
    width,
    `var s1 = 0.0;
  var s2 = 0.0;
  for (var c = i32(localIndex); c < width; c += ${WG}) {
    let dh = dy[base + c] * g[c];
    s1 += dh;
    s2 += dh * ((x[base + c] - st.x) * st.y);
  }
  let m1 = rowSum(s1) / f32(width);
  let m2 = rowSum(s2) / f32(width);
  for (var c = i32(localIndex); c < width; c += ${WG}) {
    let xh = (x[base + c] - st.x) * st.y;
    result[base + c] = st.y * (dy[base + c] * g[c] - m1 - xh * m2);
  }`,
  );
  return run(p, [x, dy, g], rowUniforms(rows, width, eps));
}

/**
 * Per chunk of rows, the column sums of dy·x̂ (the gain's gradient) and of dy (the bias's): [chunks, 2·width].
 * Each invocation owns the columns ≡ its index (mod 64), so the workgroup accumulators need no barrier.
 */
function lnGradParamsPartial(x: tf.Tensor2D, dy: tf.Tensor, eps: number): tf.Tensor {
  const [rows, width] = x.shape;
  const chunks = chunksFor(rows);
  const p = program(
    'rmwLayerNormGradParams',
    ['x', 'dy'],
    [chunks, 2 * width],
    chunks,
    ROW_UNIFORMS,
    `${ROW_STATS}
var<workgroup> accG: array<f32, ${MAX_FUSED_WIDTH}>;
var<workgroup> accB: array<f32, ${MAX_FUSED_WIDTH}>;
fn main(index: i32) {
  let chunk = ${WORKGROUP};
  let width = uniforms.width;
  for (var c = i32(localIndex); c < width; c += ${WG}) { accG[c] = 0.0; accB[c] = 0.0; }
  for (var k = 0; k < uniforms.rowsPerChunk; k++) {
    let r = chunk * uniforms.rowsPerChunk + k;
    let valid = select(0.0, 1.0, r < uniforms.rows);
    let base = min(r, uniforms.rows - 1) * width;
    let st = rowStats(base, width);
    for (var c = i32(localIndex); c < width; c += ${WG}) {
      let d = dy[base + c] * valid;
      accG[c] += d * ((x[base + c] - st.x) * st.y);
      accB[c] += d;
    }
  }
  for (var c = i32(localIndex); c < width; c += ${WG}) {
    result[chunk * 2 * width + c] = accG[c];
    result[chunk * 2 * width + width + c] = accB[c];
  }
}`,
  );
  return run(p, [x, dy], rowUniforms(rows, width, eps));
}

/** Σ over the rows of `partials` [chunks, 2·width]: the gain's gradient (its first `width` columns), no bias. */
function gainColumnSum(partials: tf.Tensor, width: number): tf.Tensor {
  const p = program(
    'rmwColumnSum',
    ['P'],
    [width],
    Math.ceil(width / WG),
    'width : i32, chunks : i32,',
    `fn main(index: i32) {
  if (index < uniforms.width) {
    var s = 0.0;
    for (var k = 0; k < uniforms.chunks; k++) { s += P[k * 2 * uniforms.width + index]; }
    result[index] = s;
  }
}`,
  );
  return run(p, [partials], [int(width), int(partials.shape[0])]);
}

/** The gain's and the bias's gradients from `partials` [chunks, 2·width] in one dispatch (two outputs). */
const GAIN_AND_BIAS_SUMS: RawKernel = {
  label: 'rmw-layer-norm-gain-bias-sums',
  code: `
@group(0) @binding(0) var<storage, read_write> dg: array<f32>;
@group(0) @binding(1) var<storage, read_write> db: array<f32>;
@group(0) @binding(2) var<storage, read> partials: array<f32>;
struct U { width: u32, chunks: u32 };
@group(0) @binding(3) var<uniform> u: U;
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let c = id.x;
  if (c >= u.width) { return; }
  var sg = 0.0;
  var sb = 0.0;
  for (var k = 0u; k < u.chunks; k++) {
    sg += partials[k * 2u * u.width + c];
    sb += partials[k * 2u * u.width + u.width + c];
  }
  dg[c] = sg;
  db[c] = sb;
}`,
};

function gainAndBiasSums(partials: tf.Tensor, width: number): tf.Tensor[] {
  const dg = uninitialisedTensor([width]),
    db = uninitialisedTensor([width]);
  runRawKernel(
    GAIN_AND_BIAS_SUMS,
    [{ tensor: dg, write: true }, { tensor: db, write: true }, { tensor: partials }],
    [{ u: width }, { u: partials.shape[0] }],
    [Math.ceil(width / WG)],
    SUBMIT_BATCH,
  );
  return [dg, db];
}

/**
 * LayerNorm over the last axis of x [rows, width]: (x − μ)/√(σ² + eps)·g (+ b), differentiable in x, g and b.
 * WebGPU only; width ≤ MAX_FUSED_WIDTH.
 */
export function fusedLayerNorm(x: tf.Tensor2D, g: tf.Tensor1D, b: tf.Tensor1D | null, eps: number): tf.Tensor2D {
  const width = x.shape[1];
  if (width > MAX_FUSED_WIDTH) throw new Error(`fused LayerNorm: width ${width} > ${MAX_FUSED_WIDTH}`);
  const inputs = b ? [x, g, b] : [x, g];
  return withGradient(inputs, (save) => {
    save([x, g]);
    return {
      value: lnForward(x, g, b, eps),
      gradFunc: (dy, [xs, gs]) => {
        const partials = lnGradParamsPartial(xs as tf.Tensor2D, dy, eps);
        const dx = lnGradX(xs as tf.Tensor2D, dy, gs, eps);
        const out = b ? [dx, ...gainAndBiasSums(partials, width)] : [dx, gainColumnSum(partials, width)];
        partials.dispose();
        return out;
      },
    };
  }) as tf.Tensor2D;
}

export type GradResult = { value: tf.Tensor; gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[] };

/** tf.customGrad over `inputs`: `f` computes the value (and saves what the gradient needs) from the inputs. */
export function withGradient(inputs: tf.Tensor[], f: (save: tf.GradSaveFunc) => GradResult): tf.Tensor {
  const g = tf.customGrad(((...args: (tf.Tensor | tf.GradSaveFunc)[]) =>
    f(args[args.length - 1] as tf.GradSaveFunc)) as unknown as Parameters<typeof tf.customGrad>[0]);
  return g(...inputs);
}

const GELU_K = Math.sqrt(2 / Math.PI);
/** tanh as tfjs-backend-webgpu computes it (no overflow for large |a|). */
const TANH = `fn tanhSafe(a: f32) -> f32 { let e2x = exp(-2.0 * abs(a)); return sign(a) * (1.0 - e2x) / (1.0 + e2x); }`;

function elementwise(key: string, names: string[], inputs: tf.Tensor[], expr: string): tf.Tensor {
  const n = inputs[0].size;
  const p = program(
    key,
    names,
    inputs[0].shape,
    Math.ceil(n / WG),
    'n : i32, k : f32,',
    `${TANH}
fn main(index: i32) {
  if (index < uniforms.n) {
    let v = x[index];
    let t = tanhSafe(uniforms.k * (v + 0.044715 * (v * (v * v))));
    result[index] = ${expr};
  }
}`,
  );
  return run(p, inputs, [int(n), float(GELU_K)]);
}

/** GELU, tanh approximation: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). WebGPU only. */
export function fusedGelu(x: tf.Tensor): tf.Tensor {
  return withGradient([x], (save) => {
    save([x]);
    return {
      value: elementwise('rmwGelu', ['x'], [x], '(0.5 * v) * (1.0 + t)'),
      gradFunc: (dy, [xs]) =>
        elementwise(
          'rmwGeluGrad',
          ['x', 'dy'],
          [xs, dy],
          'dy[index] * (0.5 * (1.0 + t) + (0.5 * v) * (1.0 - t * t) * uniforms.k * (1.0 + 3.0 * 0.044715 * v * v))',
        ),
    };
  });
}
