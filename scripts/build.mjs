// Builds what the notebooks (tslab, CommonJS) load: dist/index.cjs, one bundle of src/index.ts, and its type
// declarations in dist/types. The CLI and tests run the TypeScript sources directly through tsx.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const external = [
  '@tensorflow/*',
  'webgpu',
  'playwright-core',
  'apache-arrow',
  'gpt-tokenizer',
  'plotly.js-dist-min',
  'tsx',
  'esbuild',
];
rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/index.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: 'dist/index.cjs',
  external,
  logLevel: 'warning',
  // import.meta.url is unavailable in CommonJS; src/util/paths.ts falls back to __dirname.
  define: { 'import.meta.url': 'undefined' },
});
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
console.error('built dist/index.cjs and dist/types');
