import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mixToTargets } from '../../src/curate/mix.js';
import { createRng, fnv1a32, sampleWithoutReplacement } from '../../src/util/rng.js';
import { pair } from './helpers.js';

const pool = [
  ...Array.from({ length: 6 }, (_, i) => pair(`a${i}`, 'A', `qa${i}`)),
  ...Array.from({ length: 2 }, (_, i) => pair(`b${i}`, 'B', `qb${i}`)),
  pair('c0', 'C', 'qc'),
];

test('mixToTargets samples each source without replacement from its own seeded stream and reports shortfalls', () => {
  const r = mixToTargets(pool, { A: 3, B: 5 }, { seed: 11 });
  const expectA = sampleWithoutReplacement(pool.slice(0, 6), 3, createRng((11 ^ fnv1a32('A')) >>> 0));
  assert.deepEqual(
    r.items.map((p) => p.id),
    [...expectA.map((p) => p.id), 'b0', 'b1'],
  );
  assert.equal(new Set(r.items.map((p) => p.id)).size, 5);
  assert.deepEqual(r.shortfalls, { B: { target: 5, available: 2, short: 3 } });
  assert.deepEqual(r.report.dropped, { 'over target': 3, 'source without a target': 1 });
  assert.deepEqual(r.report.notes, ['B: target 5, only 2 available (short 3)']);
});

test('same seed, same mix; other sources can be kept whole', () => {
  const ids = (s: number) => mixToTargets(pool, { A: 3 }, { seed: s, others: 'keep' }).items.map((p) => p.id);
  assert.deepEqual(ids(5), ids(5));
  assert.equal(ids(5).length, 3 + 2 + 1);
  const seen = new Set<string>();
  for (let s = 0; s < 20; s++) seen.add(ids(s).join());
  assert.ok(seen.size > 1, 'different seeds pick different subsets');
  assert.throws(() => mixToTargets(pool, { A: 1.5 }), /non-negative integer/);
});
