// The environment-variable table: one reader (src/config/env.ts), every variable in it, environment.md generated
// from it, and values read strictly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ENV_VARS, setting } from '../../src/config/env.js';
import { fromRoot } from '../../src/util/paths.js';
import { withEnvTable } from '../../scripts/docs.js';

const ROOT = fromRoot();
const NAMES = new Set(Object.values(ENV_VARS).map((v) => v.name));

function files(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, ext));
    else if (ext.test(name)) out.push(p);
  }
  return out;
}

/** Every file the workbench runs or documents (tests set variables, so they are not searched for reads). */
function projectFiles(): string[] {
  const code = ['src', 'bench', 'scripts', 'bin'].flatMap((d) => files(join(ROOT, d), /\.(ts|mjs|js|sh)$/));
  const notebooks = files(join(ROOT, 'notebooks'), /\.ipynb$/);
  const docs = ['README.md', 'environment.md', join('.ci', 'run')].map((f) => join(ROOT, f));
  return [...code, ...notebooks, ...docs];
}

test('environment.md shows exactly the table in src/config/env.ts (run `npm run docs` after changing it)', () => {
  const md = readFileSync(join(ROOT, 'environment.md'), 'utf8');
  assert.equal(md, withEnvTable(md), 'environment.md is out of date: run `npm run docs`');
});

test('no file but src/config/env.ts reads an RMW_* variable from process.env', () => {
  const read = /process\.env(\.RMW_[A-Z_]+|\[['"`]RMW_[A-Z_]+['"`]\])|process\.env\.HF_TOKEN/;
  const readers = projectFiles()
    .filter((f) => !f.endsWith(join('src', 'config', 'env.ts')) && !f.endsWith('.md') && !f.endsWith('.sh'))
    .filter((f) => read.test(readFileSync(f, 'utf8')))
    .map((f) => relative(ROOT, f));
  assert.deepEqual(readers, []);
});

test('every RMW_* variable named anywhere in the code, notebooks or docs is in the table', () => {
  const named = new Map<string, string>();
  for (const f of projectFiles()) {
    for (const m of readFileSync(f, 'utf8').matchAll(/\bRMW_[A-Z][A-Z0-9_]*/g)) {
      if (!named.has(m[0])) named.set(m[0], relative(ROOT, f));
    }
  }
  const missing = [...named].filter(([name]) => !NAMES.has(name)).map(([name, file]) => `${name} (${file})`);
  assert.deepEqual(missing, []);
});

function withEnv<T>(vars: Record<string, string | undefined>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const put = (k: string, v: string | undefined) => (v === undefined ? delete process.env[k] : (process.env[k] = v));
  for (const [k, v] of Object.entries(vars)) put(k, v);
  try {
    return fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) put(k, v);
  }
}

test('switches take 1 or 0 and name the variable otherwise; unset or empty gives the default', () => {
  assert.equal(
    withEnv({ RMW_OFFLINE: '1' }, () => setting('offline')),
    true,
  );
  assert.equal(
    withEnv({ RMW_OFFLINE: '0' }, () => setting('offline')),
    false,
  );
  assert.equal(
    withEnv({ RMW_OFFLINE: undefined }, () => setting('offline')),
    false,
  );
  assert.equal(
    withEnv({ RMW_OFFLINE: '' }, () => setting('offline')),
    false,
  );
  assert.throws(
    () => withEnv({ RMW_OFFLINE: 'yes' }, () => setting('offline')),
    /environment variable RMW_OFFLINE must be 1 or 0, got "yes"/,
  );
  assert.equal(
    withEnv({ RMW_PROGRESS: undefined }, () => setting('progress')),
    undefined,
  );
});

test('a variable is read when asked, so setting it later takes effect', () => {
  assert.equal(
    withEnv({ RMW_BACKEND: undefined }, () => setting('backend')),
    'auto',
  );
  assert.equal(
    withEnv({ RMW_BACKEND: 'cpu' }, () => setting('backend')),
    'cpu',
  );
  assert.equal(
    withEnv({ RMW_DATA_DIR: '/tmp/mirror' }, () => setting('dataDir')),
    '/tmp/mirror',
  );
  assert.equal(
    withEnv({ RMW_DATA_DIR: '' }, () => setting('dataDir')),
    undefined,
  );
});
