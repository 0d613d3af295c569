// tfjs's Sum and Mean gradients multiply by ones(x.shape), a tensor built on the CPU and uploaded at every backward
// pass (16 MB per LayerNorm of a 64 x 256 x 256 batch on WebGPU); broadcasting dy gives the same values without the
// upload. Registered over tfjs's own after those (tfjsGradients.ts in Node, src/lab/backend.ts in a browser).
import * as tf from '@tensorflow/tfjs-core';

/** dy of a reduction over `axis`, reshaped to keep the reduced axes and broadcast back to x's shape. */
function broadcastBack(dy: tf.Tensor, x: tf.Tensor, axis: number | number[]): tf.Tensor {
  const axes = tf.util.parseAxisParam(axis, x.shape);
  const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  return tf.broadcastTo(tf.reshape(dy, kept), x.shape);
}

export function registerReductionGradients(): void {
  const saveX = ['x'] as const;
  tf.registerGradient({
    kernelName: 'Sum',
    inputsToSave: [...saveX],
    gradFunc: (dy, saved, attrs) => ({ x: () => broadcastBack(dy as tf.Tensor, saved[0], attrs.axis as number[]) }),
  });
  tf.registerGradient({
    kernelName: 'Mean',
    inputsToSave: [...saveX],
    gradFunc: (dy, saved, attrs) => {
      const x = saved[0];
      const axes = tf.util.parseAxisParam(attrs.axis as number[], x.shape);
      const count = axes.reduce((n, a) => n * x.shape[a], 1);
      return { x: () => tf.div(broadcastBack(dy as tf.Tensor, x, axes), count) };
    },
  });
}
