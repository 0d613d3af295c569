// The fused WGSL kernels' common parts for the tfjs webgpu backend (a program, running it, a custom gradient), and
// GELU with its gradient: one dispatch each way where tfjs's composition of elementwise ops spends 9 forward and
// about 15 backward. The formula is ../transformer/graph.ts's, in the same order; the tests hold both within float32
// rounding. Kernels follow tfjs-backend-webgpu 4.22's program interface (pinned): `result` is the output array,
// inputs are arrays named by `variableNames`, `uniforms` holds the sizes, `main(index)` runs once per invocation.
// Barriers sit only in control flow that is uniform across the workgroup (loop bounds from uniforms), as WGSL
// requires.
import * as tf from '@tensorflow/tfjs-core';

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
