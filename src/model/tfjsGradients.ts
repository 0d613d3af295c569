// Registers every tfjs gradient with tfjs-core. The published tfjs-core ships its gradients only as ES module files
// with directory imports (dist/register_all_gradients.js), which Node cannot load, and its CommonJS bundle has none
// (the @tensorflow/tfjs union package normally bundles them). So we bundle those files once with esbuild into a
// CommonJS file in the cache folder and require it. The gradient and kernel registries live on tfjs's global object,
// so the bundled copy registers into the same engine as @tensorflow/tfjs-core.
// Two of them are then replaced (reductionGradients.ts). A browser bundle imports the same ES module files
// statically instead (src/lab/backend.ts).
import * as tf from '@tensorflow/tfjs-core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { cacheDir, repoRoot } from '../util/paths.js';
import { registerReductionGradients } from './reductionGradients.js';

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
