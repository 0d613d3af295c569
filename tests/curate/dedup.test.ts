import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimatedJaccard, exactDedup, minHashSeeds, minHashSignature, nearDedup } from '../../src/curate/dedup.js';
import { pair } from './helpers.js';

test('exactDedup: first occurrence kept; key normalises case and punctuation', () => {
  const pairs = [
    pair('a', 's', 'Hello, world!', { chosen: 'Yes.', rejected: 'No.' }),
    pair('b', 's', 'hello world', { chosen: 'yes', rejected: 'no' }),
    pair('c', 's', 'hello world', { chosen: 'yes', rejected: 'maybe' }),
  ];
  assert.deepEqual(
    exactDedup(pairs).items.map((p) => p.id),
    ['a', 'c'],
  );
  const byPrompt = exactDedup(pairs, { key: 'prompt' });
  assert.deepEqual(
    byPrompt.items.map((p) => p.id),
    ['a'],
  );
  assert.deepEqual(byPrompt.report.dropped, { 'exact duplicate': 2 });
});

test('MinHash: identical texts give identical signatures; the estimate tracks Jaccard', () => {
  const seeds = minHashSeeds(256, 1);
  const a = minHashSignature('the quick brown fox jumps over the lazy dog', seeds, 1);
  const b = minHashSignature('The quick brown fox jumps over the lazy dog!', seeds, 1);
  assert.deepEqual(a, b);
  // word sets {a,b,c,d} vs {a,b,c,e}: Jaccard 3/5 = 0.6
  const x = minHashSignature('alpha beta gamma delta', seeds, 1);
  const y = minHashSignature('alpha beta gamma epsilon', seeds, 1);
  assert.ok(Math.abs(estimatedJaccard(x, y) - 0.6) < 0.1);
  assert.notDeepEqual(minHashSeeds(4, 1), minHashSeeds(4, 2));
});

test('nearDedup drops a one-word variant of a long prompt and keeps a different prompt', () => {
  const long =
    'Write a detailed essay about the history of the printing press in Europe and its effects on literacy, ' +
    'religion and science during the fifteenth and sixteenth centuries';
  const pairs = [
    pair('orig', 's', long),
    pair('variant', 's', `${long} please`),
    pair('other', 's', 'Give me three tips for growing tomatoes on a balcony in a cold climate with little sun'),
  ];
  const r = nearDedup(pairs, { seed: 3 });
  assert.deepEqual(
    r.items.map((p) => p.id),
    ['orig', 'other'],
  );
  assert.deepEqual(r.report.dropped, { 'near duplicate': 1 });
  // a strict threshold of 1.0 keeps the variant (its 3-shingle set has one extra member: Jaccard 25/26 < 1); with
  // 256 hash functions all slots agree by chance with probability (25/26)^256 < 1e-4
  assert.deepEqual(
    nearDedup(pairs, { seed: 3, threshold: 1, bands: 32, rows: 8 }).items.map((p) => p.id),
    ['orig', 'variant', 'other'],
  );
});
