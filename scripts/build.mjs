// Builds what the notebooks (tslab, CommonJS) load: dist/index.cjs, one bundle of src/index.ts, and its type
// declarations in dist/types; and the browser lab, dist/lab.js (scripts/labBundle.mjs). The CLI and tests run the
// TypeScript sources directly through tsx.
//
// tslab type-checks every cell, and the first `import 'reward-workbench'` used to parse ~750 declaration files,
// ~300 of them tfjs-core's and ~100 apache-arrow's, for the handful of their types our API names. So the build also
// writes dist/light-types: the same declarations with those two packages replaced by opaque aliases. package.json's
// top-level "types" (read by tslab's classic node resolution) points there; "exports" keeps the full types for
// every modern resolver (node16, bundler), so TypeScript users of the package lose nothing.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { buildLab, nodeImports } from './labBundle.mjs';

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

// Heavy type packages -> a small module of opaque aliases, one per name our declarations import from them.
const LIGHT = {
  '@tensorflow/tfjs-core': '_tfjs-core',
  'apache-arrow': '_apache-arrow',
};
function files(dir) {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
}
cpSync('dist/types', 'dist/light-types', { recursive: true });
const names = Object.fromEntries(Object.keys(LIGHT).map((pkg) => [pkg, new Set()]));
for (const file of files('dist/light-types').filter((f) => f.endsWith('.d.ts'))) {
  let text = readFileSync(file, 'utf8');
  for (const [pkg, stub] of Object.entries(LIGHT)) {
    const quoted = `'${pkg}'`;
    if (!text.includes(quoted)) continue;
    // `import * as tf from ...` uses tf.Name; `import { A, B } from ...` uses the names themselves.
    for (const m of text.matchAll(/\btf\.([A-Z][A-Za-z0-9]*)/g)) names[pkg].add(m[1]);
    for (const m of text.matchAll(new RegExp(`import (?:type )?\\{([^}]*)\\} from ${quoted}`, 'g')))
      for (const n of m[1].split(',')) if (n.trim()) names[pkg].add(n.trim().split(/\s+as\s+/)[0]);
    let rel = relative(dirname(file), join('dist/light-types', stub)).replaceAll('\\', '/');
    if (!rel.startsWith('.')) rel = `./${rel}`;
    text = text.replaceAll(quoted, `'${rel}.js'`);
  }
  writeFileSync(file, text);
}
for (const [pkg, stub] of Object.entries(LIGHT)) {
  const lines = [...names[pkg]].sort().map((n) => `export type ${n}<T = any> = any;`);
  writeFileSync(
    join('dist/light-types', `${stub}.d.ts`),
    `// Opaque stand-ins for the ${pkg} types named by the workbench API (notebook type-checking only).\n` +
      `${lines.join('\n')}\n`,
  );
}
// The browser lab (dist/lab.js and its wasm): refused if a Node module reached it.
const labNode = nodeImports(await buildLab('dist'));
if (labNode.length) throw new Error(`the browser lab imports Node modules:\n${labNode.join('\n')}`);
console.error('built dist/index.cjs, dist/types, dist/light-types and dist/lab.js');
