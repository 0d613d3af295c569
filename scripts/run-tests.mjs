// Runs the tests with node's test runner (Node 20's --test takes no globs). `npm test` runs every tests/**/*.test.ts
// except two kinds of slow file, so it stays within minutes on two cores: the WebGPU-on-SwiftShader files
// (*.gpu.test.ts, each case tens of seconds to minutes on a CPU), which `npm run test:gpu` (--gpu) runs, and the
// whole-pipeline files (*.slow.test.ts: reproduce, the workbench recipe on the real sources, every notebook
// executed), which `npm run test:slow` (--slow) runs. CI runs all three, so every code path stays covered.
// Extra arguments filter by path substring: `npm test -- losses` runs only tests whose path contains "losses".
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SUFFIXES = { gpu: '.gpu.test.ts', slow: '.slow.test.ts' };

function collect(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...collect(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const args = process.argv.slice(2);
const kind = args.includes('--gpu') ? 'gpu' : args.includes('--slow') ? 'slow' : 'default';
const filters = args.filter((a) => a !== '--gpu' && a !== '--slow');
const kindOf = (f) => Object.keys(SUFFIXES).find((k) => f.endsWith(SUFFIXES[k])) ?? 'default';
const files = collect('tests')
  .filter((f) => kindOf(f) === kind)
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
if (files.length === 0) {
  const which =
    kind === 'default'
      ? `test files (other than *${SUFFIXES.gpu}, *${SUFFIXES.slow}: npm run test:gpu, npm run test:slow)`
      : `*${SUFFIXES[kind]} files`;
  console.error(`no ${which} match ${filters.join(', ')}`);
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
  // Progress lines are off in tests unless the caller's environment sets RMW_PROGRESS.
  { stdio: 'inherit', env: { RMW_PROGRESS: '0', ...process.env } },
);
process.exit(result.status ?? 1);
