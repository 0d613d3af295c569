// x·W + b on the tfjs webgpu backend with a gradient whose bias part is one dispatch: tfjs sums dy over its rows by
// transposing it first and then reducing (two dispatches per dense layer, 2 x 26 per step of the stack config);
// here one workgroup per column sums its rows. The products are tfjs's own (its fused matMul adds the bias in the
// product's kernel), so x·W + b and its other two gradients are tfjs's numbers:
//   dx = dy·Wᵀ,  dW = xᵀ·dy,  db = Σ_rows dy.
import * as tf from '@tensorflow/tfjs-core';
import { int, program, run, WG, withGradient, WORKGROUP } from './fusedOps.js';

/** Σ over the rows of dy [rows, width]: [width], one workgroup per column. */
export function columnSums(dy: tf.Tensor2D): tf.Tensor1D {
  const [rows, width] = dy.shape;
  const p = program(
    'rmwColumnSums',
    ['dy'],
    [width],
    width,
    'rows : i32, width : i32,',
    `var<workgroup> red: array<f32, ${WG}>;
fn main(index: i32) {
  let col = min(${WORKGROUP}, uniforms.width - 1); // spare workgroups of a folded grid redo the last column
  var s = 0.0;
  for (var r = i32(localIndex); r < uniforms.rows; r += ${WG}) { s += dy[r * uniforms.width + col]; }
  red[localIndex] = s;
  workgroupBarrier();
  for (var h = ${WG / 2}u; h > 0u; h = h >> 1u) {
    if (localIndex < h) { red[localIndex] = red[localIndex] + red[localIndex + h]; }
    workgroupBarrier();
  }
  if (localIndex == 0u) { result[col] = red[0]; }
}`,
  );
  return run(p, [dy], [int(rows), int(width)]) as tf.Tensor1D;
}

/** x [rows, in] · w [in, out] + b [out], differentiable in all three. WebGPU only. */
export function fusedDense(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return withGradient([x, w, b], (save) => {
    save([x, w]);
    return {
      value: tf.fused.matMul({ a: x, b: w, bias: b }),
      gradFunc: (dy, [xs, ws]) => [
        tf.matMul(dy as tf.Tensor2D, ws as tf.Tensor2D, false, true),
        tf.matMul(xs as tf.Tensor2D, dy as tf.Tensor2D, true, false),
        columnSums(dy as tf.Tensor2D),
      ],
    };
  }) as tf.Tensor2D;
}
