// Overlap between training and evaluation pairs: counted by whole prompt, and by whole pair.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeOverlap, overLimit, pairOverlap } from '../../src/train/overlap.js';
import type { PreferencePair } from '../../src/data/schema.js';

const pair = (id: string, prompt: string, chosen: string, rejected: string, turns: string[] = []): PreferencePair => ({
  id,
  source: 'fixture',
  prompt: [
    ...turns.map((t, i) => ({ role: i % 2 ? 'assistant' : 'user', content: t }) as const),
    { role: 'user', content: prompt },
  ],
  chosen,
  rejected,
});

const train = [pair('t1', 'Capital of France?', 'Paris', 'Lyon'), pair('t2', 'Two plus two?', '4', '5')];

test(
  'an evaluation pair counts when its whole prompt opens a training ' + 'pair; outright repeats are counted apart',
  () => {
    const evalPairs = [
      pair('e1', 'Capital of France?', 'Paris', 'Lyon'), // the training pair itself
      pair('e2', 'Capital of France?', 'Paris.', 'Nice'), // same prompt, other responses
      pair('e3', 'Two plus two?', '4', '5', ['Hi', 'Hello!']), // same last turn, but an earlier turn differs
      pair('e4', 'capital of france?', 'Paris', 'Lyon'), // different text (case): not the same prompt
    ];
    assert.deepEqual(pairOverlap(train, evalPairs), {
      trainPairs: 2,
      evalPairs: 4,
      samePrompt: 2,
      samePair: 1,
      samePromptFraction: 0.5,
      samePairFraction: 0.25,
      examples: ['e1', 'e2'],
    });
  },
);

test('the same file on both sides overlaps entirely; disjoint sets and an empty evaluation set do not', () => {
  const self = pairOverlap(train, train);
  assert.equal(self.samePromptFraction, 1);
  assert.equal(self.samePairFraction, 1);
  const other = pairOverlap(train, [pair('e', 'Colour of the sky?', 'Blue', 'Green')]);
  assert.equal(other.samePrompt, 0);
  assert.equal(other.samePromptFraction, 0);
  assert.equal(pairOverlap(train, []).samePromptFraction, 0);
});

test('examples are capped and the description reads as a sentence', () => {
  const many = Array.from({ length: 8 }, (_, i) => pair(`e${i}`, 'Two plus two?', String(i), 'x'));
  const o = pairOverlap(train, many, 3);
  assert.deepEqual(o.examples, ['e0', 'e1', 'e2']);
  assert.equal(
    describeOverlap(o),
    '8 of 8 evaluation pairs (100.0%) share their prompt with the 2 training pairs, 0 (0.0%) are training pairs ' +
      'outright (e.g. e0, e1, e2)',
  );
});

test('past the limit means more than 1% of the evaluation pairs: 1 in 100 passes, 2 in 100 do not', () => {
  const fresh = Array.from({ length: 98 }, (_, i) => pair(`f${i}`, `Question ${i}?`, 'a', 'b'));
  const one = [pair('o1', 'Two plus two?', '4', '5'), pair('f98', 'Question 98?', 'a', 'b'), ...fresh];
  const two = [pair('o1', 'Two plus two?', '4', '5'), pair('o2', 'Capital of France?', 'Paris', 'Nice'), ...fresh];
  assert.equal(pairOverlap(train, one).samePrompt, 1);
  assert.equal(overLimit(pairOverlap(train, one)), false);
  assert.equal(pairOverlap(train, two).samePrompt, 2);
  assert.equal(overLimit(pairOverlap(train, two)), true);
});
