// Runs every tests/**/*.test.ts with node's test runner (Node 20's --test takes no globs).
// Extra arguments filter by path substring: `npm test -- losses` runs only tests whose path contains "losses".
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function collect(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...collect(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = collect('tests').filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
if (files.length === 0) {
  console.error(`no test files match ${filters.join(', ')}`);
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
  // Progress lines are off in tests unless the caller's environment sets RMW_PROGRESS.
  { stdio: 'inherit', env: { RMW_PROGRESS: '0', ...process.env } },
);
process.exit(result.status ?? 1);
