// Registers every tfjs gradient with tfjs-core. The published tfjs-core ships its gradients only as ES module files
// with directory imports (dist/register_all_gradients.js), which Node cannot load, and its CommonJS bundle has none
// (the @tensorflow/tfjs union package normally bundles them). So we bundle those files once with esbuild into a
// CommonJS file in the cache folder and require it. The gradient and kernel registries live on tfjs's global object,
// so the bundled copy registers into the same engine as @tensorflow/tfjs-core.
// Two of them are then replaced by equal ones that keep tensors on the device: tfjs's Sum and Mean gradients multiply
// by ones(x.shape), a tensor built on the CPU and uploaded at every backward pass (16 MB per LayerNorm of a
// 64 x 256 x 256 batch on WebGPU); broadcasting dy gives the same values without the upload.
import * as tf from '@tensorflow/tfjs-core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { cacheDir, repoRoot } from '../util/paths.js';

const ENTRY = [
  "import '@tensorflow/tfjs-core/dist/register_all_gradients';",
  // Chained ops (x.add(y), x.sum()) are used inside some gradient functions and by readers in notebooks.
  "import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';",
].join('\n');

let done = false;

/** Path of the bundled gradient registrations for the installed tfjs-core version (built on first use). */
export function gradientBundlePath(): string {
  return join(cacheDir(), `tfjs-gradients-${tf.version_core}.cjs`);
}

export function registerAllGradients(): void {
  if (done) return;
  const req = createRequire(join(repoRoot(), 'package.json'));
  // Already there when the full @tensorflow/tfjs package (or an earlier copy of this file) registered them.
  if (tf.getGradient('BatchMatMul') && tf.getGradient('Softplus')) {
    done = true;
    return;
  }
  const file = gradientBundlePath();
  if (!existsSync(file)) {
    const esbuild = req('esbuild') as typeof import('esbuild');
    const out = esbuild.buildSync({
      stdin: { contents: ENTRY, resolveDir: repoRoot(), sourcefile: 'rmw-register-gradients.js' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      logLevel: 'error',
    });
    // Atomic: parallel test processes may build it at the same moment.
    writeFileAtomic(file, out.outputFiles[0].contents);
  }
  req(file);
  if (!tf.getGradient('BatchMatMul')) throw new Error(`${file} did not register tfjs gradients: delete it and retry`);
  registerReductionGradients();
  done = true;
}

/** dy of a reduction over `axis`, reshaped to keep the reduced axes and broadcast back to x's shape. */
function broadcastBack(dy: tf.Tensor, x: tf.Tensor, axis: number | number[]): tf.Tensor {
  const axes = tf.util.parseAxisParam(axis, x.shape);
  const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  return tf.broadcastTo(tf.reshape(dy, kept), x.shape);
}

function registerReductionGradients(): void {
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
