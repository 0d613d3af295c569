// The browser lab's bundle: src/lab/index.ts for platform 'browser' as one IIFE (global RmwLab) in dist/lab.js,
// and the tfjs-backend-wasm binary it loads in dist/lab-wasm/: the SIMD one only, which every browser with WebAssembly
// SIMD runs (Chrome/Edge 91+, Firefox 89+, Safari 16.4+) and Node's wasm backend uses too, so the page computes
// with the same kernels as `rmw train`; the threaded one needs cross-origin isolation, which a static folder cannot
// promise. Returns esbuild's metafile, so a test can check that no Node module reaches the browser.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const LAB_WASM_FILES = ['tfjs-backend-wasm-simd.wasm'];

export async function buildLab(outDir = 'dist', root = process.cwd()) {
  const result = await build({
    entryPoints: [join(root, 'src/lab/index.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'RmwLab',
    target: 'es2022',
    minify: true,
    metafile: true,
    outfile: join(outDir, 'lab.js'),
    logLevel: 'warning',
    absWorkingDir: root,
  });
  const req = createRequire(join(root, 'package.json'));
  const wasmDist = dirname(req.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  mkdirSync(join(outDir, 'lab-wasm'), { recursive: true });
  for (const f of LAB_WASM_FILES) cpSync(join(wasmDist, f), join(outDir, 'lab-wasm', f));
  return result.metafile;
}

/** Every import in the metafile that names a Node built-in module (`node:fs`, `fs`, ...), as "importer -> module". */
export function nodeImports(metafile) {
  const builtin = new Set(builtinModules);
  const found = [];
  for (const [file, input] of Object.entries(metafile.inputs))
    for (const imp of input.imports)
      if (imp.path.startsWith('node:') || builtin.has(imp.path.split('/')[0])) found.push(`${file} -> ${imp.path}`);
  return found;
}
