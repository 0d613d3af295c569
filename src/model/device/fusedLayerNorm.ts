// LayerNorm, and a residual add followed by LayerNorm, as fused WGSL kernels for the tfjs webgpu backend, with
// their gradients:
//   LayerNorm             y = LN(x)                forward 1 dispatch (tfjs: 9), backward 3 (tfjs: about 25)
//   add, then LayerNorm   s = a + r,  y = LN(s)    forward 1 (two outputs), backward 3: the gradient reaching the
//                                                  residual stream (ds) is added inside LayerNorm's dx kernel
// A pre-LayerNorm block adds each branch's output to the residual stream and normalises the sum for the next branch,
// so every add is followed by a LayerNorm: fusing the two removes the add forward and, since s then has one consumer,
// the accumulating add backward. The formulas are ../transformer/graph.ts's, in the same order; the tests hold both
// within float32 rounding.
import * as tf from '@tensorflow/tfjs-core';
import { float, int, program, run, WG, withGradient, WORKGROUP, type Uniform } from './fusedOps.js';
import { runRawKernel, uninitialisedTensor, uninitialisedTensorInfo, type RawKernel } from './rawKernel.js';
import { SUBMIT_BATCH } from './tfjsWebgpu.js';

/** Widest row the LayerNorm parameter-gradient kernel accumulates in workgroup memory. */
export const MAX_FUSED_WIDTH = 1024;
/** At most this many row chunks for the LayerNorm parameter gradients (summed by a final column sum). */
const MAX_CHUNKS = 64;

/** Chunks of at least 8 rows each, at most MAX_CHUNKS. */
function chunksFor(rows: number): number {
  return Math.max(1, Math.min(MAX_CHUNKS, Math.ceil(rows / 8)));
}

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
function rowKernel(key: string, names: string[], rows: number, width: number, body: string) {
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

/**
 * dx = r·(dŷ − mean(dŷ) − x̂·mean(dŷ·x̂)) per row, with x̂ = (x − μ)·r and dŷ = dy·g, plus `ds` (the gradient that
 * reached x by another path: the residual stream's) when given.
 */
function lnGradX(x: tf.Tensor2D, dy: tf.Tensor, g: tf.Tensor, eps: number, ds: tf.Tensor | null): tf.Tensor {
  const [rows, width] = x.shape;
  const p = rowKernel(
    ds ? 'rmwAddLayerNormGradX' : 'rmwLayerNormGradX',
    ds ? ['x', 'dy', 'g', 'ds'] : ['x', 'dy', 'g'],
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
    result[base + c] = st.y * (dy[base + c] * g[c] - m1 - xh * m2)${ds ? ' + ds[base + c]' : ''};
  }`,
  );
  return run(p, ds ? [x, dy, g, ds] : [x, dy, g], rowUniforms(rows, width, eps));
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

/** The gain's gradient, and the bias's when the LayerNorm has one. */
function lnGradParams(x: tf.Tensor2D, dy: tf.Tensor, eps: number, withBias: boolean): tf.Tensor[] {
  const partials = lnGradParamsPartial(x, dy, eps);
  const width = x.shape[1];
  const out = withBias ? gainAndBiasSums(partials, width) : [gainColumnSum(partials, width)];
  partials.dispose();
  return out;
}

function checkWidth(width: number): void {
  if (width > MAX_FUSED_WIDTH) throw new Error(`fused LayerNorm: width ${width} > ${MAX_FUSED_WIDTH}`);
}

/**
 * LayerNorm over the last axis of x [rows, width]: (x − μ)/√(σ² + eps)·g (+ b), differentiable in x, g and b.
 * WebGPU only; width ≤ MAX_FUSED_WIDTH.
 */
export function fusedLayerNorm(x: tf.Tensor2D, g: tf.Tensor1D, b: tf.Tensor1D | null, eps: number): tf.Tensor2D {
  checkWidth(x.shape[1]);
  return withGradient(b ? [x, g, b] : [x, g], (save) => {
    save([x, g]);
    return {
      value: lnForward(x, g, b, eps),
      gradFunc: (dy, [xs, gs]) => [
        lnGradX(xs as tf.Tensor2D, dy, gs, eps, null),
        ...lnGradParams(xs as tf.Tensor2D, dy, eps, !!b),
      ],
    };
  }) as tf.Tensor2D;
}

const ADD_LAYER_NORM = 'RmwAddLayerNorm';

function addLayerNormKernel(withBias: boolean): RawKernel {
  const inputs = withBias ? ['a', 'r', 'g', 'b'] : ['a', 'r', 'g'];
  return {
    label: withBias ? 'rmw-add-layer-norm-bias' : 'rmw-add-layer-norm',
    code: `
@group(0) @binding(0) var<storage, read_write> x: array<f32>; // s = a + r, the residual stream after the add
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
${inputs.map((name, i) => `@group(0) @binding(${i + 2}) var<storage, read> ${name}: array<f32>;`).join('\n')}
struct U { rows: i32, width: i32, eps: f32 };
@group(0) @binding(${inputs.length + 2}) var<uniform> uniforms: U;
var<private> localIndex: u32;
${ROW_STATS}
@compute @workgroup_size(${WG})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>,
        @builtin(num_workgroups) nwg: vec3<u32>) {
  localIndex = lid;
  // A grid folded into 2D has spare workgroups: they redo the last row, writing the same values.
  let row = min(i32(wid.y * nwg.x + wid.x), uniforms.rows - 1);
  let width = uniforms.width;
  let base = row * width;
  // Each invocation reads back only the elements it wrote, so no barrier is needed between the add and the stats.
  for (var c = i32(lid); c < width; c += ${WG}) { x[base + c] = a[base + c] + r[base + c]; }
  let st = rowStats(base, width);
  for (var c = i32(lid); c < width; c += ${WG}) {
    y[base + c] = ((x[base + c] - st.x) * st.y) * g[c]${withBias ? ' + b[c]' : ''};
  }
}`,
  };
}

/** At most this many workgroups along x (WebGPU's default maxComputeWorkgroupsPerDimension). */
const MAX_GROUPS_X = 65535;

let registered = false;

/** The add-then-LayerNorm kernel and its gradient, registered with tfjs once (a kernel with two outputs). */
function registerAddLayerNorm(): void {
  if (registered) return;
  tf.registerKernel({
    kernelName: ADD_LAYER_NORM,
    backendName: 'webgpu',
    kernelFunc: ({ inputs, attrs }) => {
      const { a, r, g, b } = inputs as Record<string, tf.TensorInfo>;
      const [rows, width] = a.shape;
      const s = uninitialisedTensorInfo([rows, width]),
        y = uninitialisedTensorInfo([rows, width]);
      runRawKernel(
        addLayerNormKernel(!!b),
        [
          { tensor: s, write: true },
          { tensor: y, write: true },
          ...[a, r, g, ...(b ? [b] : [])].map((tensor) => ({ tensor })),
        ],
        [rows, width, (attrs as { eps: number }).eps].map((v, i) => (i < 2 ? { u: v } : v)),
        [Math.min(rows, MAX_GROUPS_X), Math.ceil(rows / MAX_GROUPS_X)],
        SUBMIT_BATCH,
      );
      return [s, y];
    },
  });
  tf.registerGradient({
    kernelName: ADD_LAYER_NORM,
    inputsToSave: ['g'],
    outputsToSave: [true, false],
    gradFunc: (dys, saved, attrs) => {
      const [ds, dy] = dys as (tf.Tensor | null)[];
      const [g, s] = saved as [tf.Tensor, tf.Tensor2D];
      const eps = (attrs as unknown as { eps: number }).eps;
      if (!dy) throw new Error('fused add-then-LayerNorm: the normalised output has no gradient (it is always read)');
      const dx = lnGradX(s, dy, g, eps, ds ?? null);
      const [dg, db] = lnGradParams(s, dy, eps, !!(attrs as unknown as { withBias: boolean }).withBias);
      return { a: () => dx, r: () => tf.clone(dx), g: () => dg, ...(db ? { b: () => db } : {}) };
    },
  });
  registered = true;
}

/**
 * The residual add and the LayerNorm after it: s = a + r, y = (s − μ)/√(σ² + eps)·g (+ b), over the last axis of
 * [rows, width]; returns [s, y], differentiable in a, r, g and b. WebGPU only; width ≤ MAX_FUSED_WIDTH. For
 * callers that read both: tfjs fills an unread output's gradient with zeros made on the CPU (an upload per step).
 */
export function fusedAddLayerNorm(
  a: tf.Tensor2D,
  r: tf.Tensor2D,
  g: tf.Tensor1D,
  b: tf.Tensor1D | null,
  eps: number,
): [tf.Tensor2D, tf.Tensor2D] {
  checkWidth(a.shape[1]);
  registerAddLayerNorm();
  const inputs: tf.NamedTensorMap = b ? { a, r, g, b } : { a, r, g };
  const attrs = { eps, withBias: !!b };
  return tf.engine().runKernel(ADD_LAYER_NORM, inputs, attrs as unknown as tf.NamedAttrMap) as [
    tf.Tensor2D,
    tf.Tensor2D,
  ];
}
