// What a reader sees of the provenance: tags spelled out, fact-sheet references gone, figure metadata untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { figureForReaders, forReaders, tableForReaders } from '../../src/workbook/readerText.js';

test('forReaders spells out each source tag', () => {
  assert.equal(
    forReaders('[T] paper Table 1; total also [A] HF card; counts [C] derived; [S] rows; [R] files'),
    '[paper table] paper Table 1; total also [authors] HF card; counts [computed] derived; ' +
      '[secondary summary] rows; [RewardBench results] files',
  );
  assert.equal(forReaders('v0.2 models [A model cards]'), 'v0.2 models [authors: model cards]');
});

test('forReaders drops fact-sheet references, in parentheses or as a sentence', () => {
  assert.equal(forReaders('and the 700K mixture by more (paper-facts §4.1).'), 'and the 700K mixture by more.');
  assert.equal(forReaders('Magpie Ultra changes). paper-facts §1.1-§1.2.'), 'Magpie Ultra changes).');
  assert.equal(forReaders('agree cell for cell). paper-facts §5.1 and §4.1. Next'), 'agree cell for cell). Next');
  assert.equal(
    forReaders('constants.py [R]. paper-facts §5.4, §7.1. The v0.1'),
    'constants.py [RewardBench results]. The v0.1',
  );
  assert.equal(
    forReaders('Mixed; each row carries its own tag. paper-facts §6. [S] rows come from two summaries'),
    'Mixed; each row carries its own tag. [secondary summary] rows come from two summaries',
  );
});

test('forReaders leaves intervals, section signs of the paper and plain text alone', () => {
  const plain = '56.0 [53.3, 58.7] (n=1294); paper §4.3; [lo, hi] = 95% CI; A [T]est';
  assert.equal(forReaders(plain), plain);
});

test('tableForReaders rewrites title, labels, cells and notes; the rest is kept', () => {
  const t = tableForReaders({
    id: 'x',
    title: 'T [T]',
    columns: [{ label: 'a [S]', align: 'left' }],
    rows: [['b [C]']],
    breaks: [1],
    notes: ['Paper rows: [T] Table 3 (paper-facts §3).'],
  });
  assert.deepEqual(t, {
    id: 'x',
    title: 'T [paper table]',
    columns: [{ label: 'a [secondary summary]', align: 'left' }],
    rows: [['b [computed]']],
    breaks: [1],
    notes: ['Paper rows: [paper table] Table 3.'],
  });
});

test('figureForReaders rewrites the title, annotations and trace names, not the metadata', () => {
  const f = figureForReaders({
    id: 'f',
    width: 800,
    height: 400,
    data: [{ name: 'before, 378K [S]', x: [1] }, { x: [2] }],
    layout: {
      title: { text: 'Figure 1 [T]', font: { size: 17 } },
      annotations: [{ text: 'Paper: [S] (paper-facts §1.3)', x: 0 }],
      meta: { provenance: '[T] paper Table 1. paper-facts §1.1.' },
    },
  });
  assert.deepEqual(f.data, [{ name: 'before, 378K [secondary summary]', x: [1] }, { x: [2] }]);
  assert.deepEqual(f.layout.title, { text: 'Figure 1 [paper table]', font: { size: 17 } });
  assert.deepEqual(f.layout.annotations, [{ text: 'Paper: [secondary summary]', x: 0 }]);
  assert.deepEqual(f.layout.meta, { provenance: '[T] paper Table 1. paper-facts §1.1.' });
});
