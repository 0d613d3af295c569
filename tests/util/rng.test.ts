import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng, fnv1a32, sampleWithoutReplacement, shuffled } from '../../src/util/rng.js';

test('the same seed gives the same stream, a different seed a different one', () => {
  const a = createRng(7),
    b = createRng(7),
    c = createRng(8);
  const xs = Array.from({ length: 5 }, () => a.next());
  assert.deepEqual(
    xs,
    Array.from({ length: 5 }, () => b.next()),
  );
  assert.notDeepEqual(
    xs,
    Array.from({ length: 5 }, () => c.next()),
  );
  for (const x of xs) assert.ok(x >= 0 && x < 1);
});

test('int(n) stays in range and covers it', () => {
  const rng = createRng(1);
  const seen = new Set<number>();
  for (let i = 0; i < 1000; i++) {
    const k = rng.int(5);
    assert.ok(k >= 0 && k < 5);
    seen.add(k);
  }
  assert.equal(seen.size, 5);
});

test('normal() has mean near 0 and variance near 1', () => {
  const rng = createRng(3);
  const n = 20000;
  let s = 0,
    s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = rng.normal();
    s += x;
    s2 += x * x;
  }
  assert.ok(Math.abs(s / n) < 0.03);
  assert.ok(Math.abs(s2 / n - 1) < 0.05);
});

test('shuffle is a permutation; sampling keeps original order', () => {
  const items = [1, 2, 3, 4, 5, 6, 7, 8];
  const s = shuffled(items, createRng(2));
  assert.deepEqual(
    [...s].sort((x, y) => x - y),
    items,
  );
  const picked = sampleWithoutReplacement(items, 3, createRng(2));
  assert.equal(picked.length, 3);
  assert.deepEqual(
    picked,
    [...picked].sort((x, y) => x - y),
  );
});

test('FNV-1a matches the published test vectors', () => {
  assert.equal(fnv1a32(''), 0x811c9dc5);
  assert.equal(fnv1a32('a'), 0xe40c292c);
  assert.equal(fnv1a32('foobar'), 0xbf9cf968);
});
