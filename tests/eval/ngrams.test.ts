import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wordTokens, ngramSet, buildNgramIndex } from '../../src/data/ngrams.js';

test('wordTokens lowercases, splits on punctuation and any whitespace, keeps inner apostrophes', () => {
  assert.deepEqual(wordTokens('Hello,  WORLD!\n\tDon’t stop-now 42x'), [
    'hello',
    'world',
    "don't",
    'stop',
    'now',
    '42x',
  ]);
});

test('ngramSet: distinct n-grams; texts shorter than n have none', () => {
  assert.deepEqual([...ngramSet('a b c a b c', 2)].sort(), ['a b', 'b c', 'c a']);
  assert.equal(ngramSet('one two', 3).size, 0);
  assert.throws(() => ngramSet('x', 0));
});

test('NgramIndex finds documents sharing an n-gram, whatever the case and spacing', () => {
  const idx = buildNgramIndex(
    [
      ['q1', 'Write a poem about the sea'],
      ['q2', 'Explain the theory of relativity simply'],
    ],
    3,
  );
  assert.deepEqual(idx.matches('please WRITE a   POEM about cats'), [0]);
  assert.equal(idx.idOf(0), 'q1');
  assert.equal(idx.hits('the theory of everything'), true);
  assert.equal(idx.hits('relativity simply explained'), false);
});
