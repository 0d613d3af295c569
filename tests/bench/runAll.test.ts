// `npm run bench` runs the benchmarks that exist: every file in bench/ is either a listed benchmark or listed as
// something else, and an unlisted file is reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCHMARKS, NOT_BENCHMARKS, unlistedFiles } from '../../bench/run-all.js';
import { fromRoot } from '../../src/util/paths.js';

test('every file in bench/ is accounted for, and every listed benchmark exists', () => {
  assert.deepEqual(unlistedFiles(readdirSync(fromRoot('bench'))), []);
  for (const b of BENCHMARKS) assert.ok(existsSync(fromRoot('bench', `${b.name}.ts`)), b.name);
  for (const f of Object.keys(NOT_BENCHMARKS)) assert.ok(existsSync(fromRoot('bench', f)), f);
  assert.deepEqual(unlistedFiles(['load-all-sources.ts', 'new-bench.ts']), ['new-bench.ts']);
});

test('npm run bench points at the runner', () => {
  const pkg = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8'));
  assert.equal(pkg.scripts.bench, 'node --import tsx bench/run-all.ts');
  assert.ok(existsSync(join(fromRoot(), 'bench', 'run-all.ts')));
});
