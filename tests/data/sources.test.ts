import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { getSource, listSources, locateSource, mirrorPath, resolveSource } from '../../src/data/sources.js';

test('the manifest lists every shared source with a sha256 and a pinned URL', () => {
  const sources = listSources();
  assert.equal(sources.length, 52);
  for (const s of sources) {
    assert.match(s.sha256, /^[0-9a-f]{64}$/, s.id);
    assert.ok(s.url.includes(s.commit), `${s.id} URL pins its commit`);
  }
});

test('a source in the mirror resolves and verifies', () => {
  const found = locateSource('mtbench-questions');
  assert.ok(found);
  assert.equal(found.from, 'mirror');
});

test('a corrupted copy is refused with a message naming the source and the remedy', async () => {
  const entry = getSource('mtbench-questions');
  const dir = mkdtempSync(join(tmpdir(), 'rmw-mirror-'));
  const target = join(dir, entry.local);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(mirrorPath(entry), target);
  writeFileSync(target, 'corrupted\n', { flag: 'a' });
  const before = process.env.RMW_DATA_DIR;
  process.env.RMW_DATA_DIR = dir;
  try {
    assert.throws(() => locateSource('mtbench-questions'), /mtbench-questions.*sha256.*expected/s);
  } finally {
    if (before === undefined) delete process.env.RMW_DATA_DIR;
    else process.env.RMW_DATA_DIR = before;
  }
});

test('a missing file with downloads off is a clear error', async () => {
  const before = { d: process.env.RMW_DATA_DIR, c: process.env.RMW_CACHE_DIR };
  process.env.RMW_DATA_DIR = mkdtempSync(join(tmpdir(), 'rmw-empty-'));
  process.env.RMW_CACHE_DIR = mkdtempSync(join(tmpdir(), 'rmw-cache-'));
  try {
    await assert.rejects(resolveSource('mtbench-questions', { download: false }), /not in the mirror.*RMW_DATA_DIR/s);
  } finally {
    for (const [k, v] of [
      ['RMW_DATA_DIR', before.d],
      ['RMW_CACHE_DIR', before.c],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
});
