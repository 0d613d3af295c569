import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adjustArmoScores, MAGPIE_SOURCES, quotaSize, selectTopKPerCategory } from '../../src/curate/select.js';
import { guessTaskCategory, taskGroup } from '../../src/curate/categories.js';
import { pair } from './helpers.js';

test('adjustArmoScores subtracts the paper offsets: Air 0.1, Pro (Llama 3) 0.05, others 0', () => {
  const pairs = [
    pair('u', MAGPIE_SOURCES.ultra, 'q', { meta: { meanScore: 0.2 } }),
    pair('a', MAGPIE_SOURCES.air, 'q', { meta: { meanScore: 0.25 } }),
    pair('p3', MAGPIE_SOURCES.proLlama3, 'q', { meta: { meanScore: 0.25 } }),
    pair('p31', MAGPIE_SOURCES.proLlama31, 'q', { chosenScore: 0.19 }),
    pair('none', MAGPIE_SOURCES.air, 'q'),
  ];
  const { items, report } = adjustArmoScores(pairs);
  assert.deepEqual(
    items.map((p) => [p.id, p.meta?.adjustedScore]),
    [
      ['u', 0.2],
      ['a', 0.25 - 0.1],
      ['p3', 0.25 - 0.05],
      ['p31', 0.19],
    ],
  );
  assert.deepEqual(report.dropped, { 'no selection score': 1 });
  // Air (0.25) outranked Ultra (0.2) before the offset; after it Air (0.15) ranks below
  assert.ok((items[1].meta!.adjustedScore as number) < (items[0].meta!.adjustedScore as number));
});

test('quota sizes: ratio rounds half up, count caps at the pool', () => {
  assert.equal(quotaSize({ ratio: 0.3 }, 10), 3);
  assert.equal(quotaSize({ ratio: 0.1 }, 15), 2); // 1.5 -> 2
  assert.equal(quotaSize({ ratio: 0.1 }, 14), 1); // 1.4 -> 1
  assert.equal(quotaSize({ count: 5 }, 3), 3);
  assert.throws(() => quotaSize({ ratio: 1.5 }, 3));
});

test('selectTopKPerCategory ranks math, code and other independently', () => {
  // math scores 9..0 (10 pairs), code 5 pairs, other 10 pairs; defaults 30% / 30% / 10%
  const pairs = [
    ...Array.from({ length: 10 }, (_, i) => pair(`m${i}`, 's', 'q', { category: 'Math', meta: { adjustedScore: i } })),
    ...Array.from({ length: 5 }, (_, i) =>
      pair(`c${i}`, 's', 'q', { category: 'Coding & Debugging', meta: { adjustedScore: 100 - i } }),
    ),
    ...Array.from({ length: 10 }, (_, i) =>
      pair(`o${i}`, 's', 'q', { category: 'Information seeking', meta: { adjustedScore: -i } }),
    ),
  ];
  const { items, report } = selectTopKPerCategory(pairs);
  // math: round(3) = top 3 -> m9, m8, m7; code: round(1.5) = 2 -> c0, c1; other: round(1) -> o0. Input order kept.
  assert.deepEqual(
    items.map((p) => p.id),
    ['m7', 'm8', 'm9', 'c0', 'c1', 'o0'],
  );
  assert.deepEqual(report.dropped, { 'below top-k in code': 3, 'below top-k in math': 7, 'below top-k in other': 9 });
  assert.deepEqual(report.params.perGroup, {
    code: { pool: 5, kept: 2 },
    math: { pool: 10, kept: 3 },
    other: { pool: 10, kept: 1 },
  });
});

test('selectTopKPerCategory: counts, ties broken by id, unquoted groups kept whole', () => {
  const pairs = [
    pair('b', 's', 'q', { category: 'math', meta: { adjustedScore: 1 } }),
    pair('a', 's', 'q', { category: 'math', meta: { adjustedScore: 1 } }),
    pair('c', 's', 'q', { category: 'code', meta: { adjustedScore: 0 } }),
  ];
  const { items, report } = selectTopKPerCategory(pairs, { quotas: { math: { count: 1 } } });
  assert.deepEqual(
    items.map((p) => p.id),
    ['a', 'c'],
  );
  assert.deepEqual(report.notes, ['group "code" has no quota: kept whole']);
});

test('task groups: Magpie labels map to math / code / other; unlabelled prompts get a keyword guess', () => {
  assert.equal(taskGroup('Math'), 'math');
  assert.equal(taskGroup('Coding & Debugging'), 'code');
  assert.equal(taskGroup('Reasoning'), 'other');
  assert.equal(taskGroup(undefined), 'other');
  assert.equal(guessTaskCategory('Write a Python function that reverses a list.'), 'code');
  assert.equal(
    guessTaskCategory('Natalia sold clips to 48 of her friends in April. How many clips did she sell?'),
    'math',
  );
  assert.equal(guessTaskCategory('What is 12 * 7?'), 'math');
  assert.equal(guessTaskCategory('Suggest a name for a bakery.'), 'other');
});
