// An interrupted publication is finished by the next writer, from every point a kill can stop it at: the reader
// then finds the new complete set (with what the old folder carried), never a mix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupPath, finishSwap, journalPath, stagingPath } from '../../../src/util/output/index.js';
import { writeFileAtomic } from '../../../src/util/atomicWrite.js';

/** An old set (with a carried entry) and a complete new set in staging, journal written: a swap about to start. */
function setUp(): string {
  const root = mkdtempSync(join(tmpdir(), 'rmw-swap-'));
  const target = join(root, 'out');
  mkdirSync(join(target, 'results'), { recursive: true });
  writeFileSync(join(target, 'a.md'), 'old');
  writeFileSync(join(target, 'results', 'r.json'), 'carried');
  mkdirSync(stagingPath(target));
  writeFileSync(join(stagingPath(target), 'a.md'), 'new');
  const journal = {
    format: 'rmw-swap/1',
    target: 'out',
    staging: '.out.partial',
    backup: '.out.replaced',
    carry: ['results'],
  };
  writeFileAtomic(journalPath(target), JSON.stringify(journal));
  return target;
}

function assertNewSet(target: string): void {
  assert.deepEqual(readdirSync(target).sort(), ['a.md', 'results']);
  assert.equal(readFileSync(join(target, 'a.md'), 'utf8'), 'new');
  assert.equal(readFileSync(join(target, 'results', 'r.json'), 'utf8'), 'carried');
  for (const p of [stagingPath(target), backupPath(target), journalPath(target)]) assert.ok(!existsSync(p), p);
}

test('killed after the journal, before any rename: finished', () => {
  const t = setUp();
  assert.equal(finishSwap(t), true);
  assertNewSet(t);
});

test('killed after the old set was moved aside (no folder at the name): finished', () => {
  const t = setUp();
  renameSync(t, backupPath(t));
  finishSwap(t);
  assertNewSet(t);
});

test('killed after the new set was put in place, before the carried entries moved: finished', () => {
  const t = setUp();
  renameSync(t, backupPath(t));
  renameSync(stagingPath(t), t);
  finishSwap(t);
  assertNewSet(t);
});

test('killed after everything but removing the journal: finished; no journal, nothing to do', () => {
  const t = setUp();
  finishSwap(t);
  writeFileAtomic(
    journalPath(t),
    JSON.stringify({
      format: 'rmw-swap/1',
      target: 'out',
      staging: '.out.partial',
      backup: '.out.replaced',
      carry: ['results'],
    }),
  );
  finishSwap(t);
  assertNewSet(t);
  assert.equal(finishSwap(t), false);
});
