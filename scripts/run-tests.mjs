// Runs the tests with node's test runner (Node 20's --test takes no globs). `npm test` runs every tests/**/*.test.ts
// except the slow WebGPU-on-SwiftShader files (*.gpu.test.ts, each case tens of seconds to minutes on a CPU), which
// `npm run test:gpu` (this script with --gpu) runs; CI runs both, so every code path stays covered.
// Extra arguments filter by path substring: `npm test -- losses` runs only tests whose path contains "losses".
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const GPU_SUFFIX = '.gpu.test.ts';

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
const gpu = args.includes('--gpu');
const filters = args.filter((a) => a !== '--gpu');
const files = collect('tests')
  .filter((f) => f.endsWith(GPU_SUFFIX) === gpu)
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
if (files.length === 0) {
  const which = gpu ? `${GPU_SUFFIX} files` : `test files (other than ${GPU_SUFFIX}: npm run test:gpu)`;
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
