// writeFileAtomic: the target holds the old bytes or the new ones, never a mix, and no temporary file outlives a call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/util/atomicWrite.js';

const dir = mkdtempSync(join(tmpdir(), 'rmw-atomic-'));

test('writes text and bytes, creating parent folders, and leaves only the target behind', () => {
  const sub = join(dir, 'ok', 'deeper');
  writeFileAtomic(join(sub, 'a.txt'), 'héllo\n');
  writeFileAtomic(join(sub, 'b.bin'), new Uint8Array([0, 1, 255]));
  assert.equal(readFileSync(join(sub, 'a.txt'), 'utf8'), 'héllo\n');
  assert.deepEqual([...readFileSync(join(sub, 'b.bin'))], [0, 1, 255]);
  assert.deepEqual(readdirSync(sub).sort(), ['a.txt', 'b.bin']);
});

test('replacing a file swaps its whole content', () => {
  const path = join(dir, 'swap.txt');
  writeFileAtomic(path, 'old old old\n');
  writeFileAtomic(path, 'new\n');
  assert.equal(readFileSync(path, 'utf8'), 'new\n');
});

test('a failed write leaves the old file intact and no temporary file', () => {
  const sub = join(dir, 'fail-write');
  mkdirSync(sub);
  const path = join(sub, 'kept.txt');
  writeFileSync(path, 'the old content\n');
  // Not a real byte array: writing it throws after the temporary file was opened.
  const broken = new Proxy(new Uint8Array(8), {}) as Uint8Array;
  assert.throws(() => writeFileAtomic(path, broken));
  assert.equal(readFileSync(path, 'utf8'), 'the old content\n');
  assert.deepEqual(readdirSync(sub), ['kept.txt']);
});

test('a failed rename (the target is a folder) leaves the folder as it was and no temporary file', () => {
  const sub = join(dir, 'fail-rename');
  mkdirSync(join(sub, 'target'), { recursive: true });
  writeFileSync(join(sub, 'target', 'inside.txt'), 'x');
  assert.throws(() => writeFileAtomic(join(sub, 'target'), 'would replace a folder'));
  assert.deepEqual(readdirSync(sub), ['target']);
  assert.deepEqual(readdirSync(join(sub, 'target')), ['inside.txt']);
});
