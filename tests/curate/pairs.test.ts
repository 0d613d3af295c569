import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allPairsOfN, bestVsWorstOfN, pairsFromRatings } from '../../src/curate/pairs.js';
import { pairsFromVotes, type VoteRecord } from '../../src/curate/votes.js';
import type { ResponseGroup } from '../../src/data/schema.js';
import { group } from './helpers.js';

const rated = (id: string, h: (number | undefined)[]): ResponseGroup => ({
  id,
  source: 'helpsteer2',
  prompt: [{ role: 'user', content: `q ${id}` }],
  responses: h.map((v, i) => ({
    text: `${id}-r${i}`,
    ratings: v === undefined ? ({} as Record<string, number>) : { helpfulness: v, correctness: 4 - i },
  })),
});

test('pairsFromRatings: higher helpfulness is chosen, ties and unrated groups dropped (HelpSteer2 rule)', () => {
  const { items, report } = pairsFromRatings([
    rated('a', [3, 4]),
    rated('b', [2, 2]),
    rated('c', [4, 1]),
    rated('d', [3, undefined]),
  ]);
  assert.deepEqual(
    items.map((p) => [p.id, p.chosen, p.rejected, p.margin]),
    [
      ['a', 'a-r1', 'a-r0', 1],
      ['c', 'c-r0', 'c-r1', 3],
    ],
  );
  assert.equal(items[0].chosenScore, 4);
  assert.equal(items[0].rejectedScore, 3);
  assert.deepEqual(report.dropped, { 'fewer than 2 responses rated on helpfulness': 1, 'tied helpfulness': 1 });
  assert.equal(report.input, 4);
  assert.equal(report.kept, 2);
  assert.match(String(report.params.ruleSource), /§2\.2/);
});

test('pairsFromRatings: N > 2 compares every two rated responses; other attributes can decide', () => {
  const { items, report } = pairsFromRatings([rated('g', [1, 3, 3])]);
  // comparisons (0,1) -> 1 beats 0; (0,2) -> 2 beats 0; (1,2) tie
  assert.deepEqual(
    items.map((p) => p.id),
    ['g:1>0', 'g:2>0'],
  );
  assert.deepEqual(report.dropped, { 'tied helpfulness': 1 });
  const byCorrectness = pairsFromRatings([rated('g', [1, 3, 3])], { attribute: 'correctness' });
  assert.deepEqual(
    byCorrectness.items.map((p) => p.id),
    ['g:0>1', 'g:0>2', 'g:1>2'],
  );
});

test('bestVsWorstOfN: highest vs lowest score, mean of all N kept, all-tied groups dropped', () => {
  const { items, report } = bestVsWorstOfN([
    group('x', [0.2, 0.9, 0.5, 0.1]),
    group('y', [0.4, 0.4]),
    group('z', [0.7, undefined]),
    group('w', [1, 3, 3, 1]),
  ]);
  assert.deepEqual(
    items.map((p) => [p.id, p.chosen, p.rejected]),
    [
      ['x', 'x response 1', 'x response 3'],
      ['w', 'w response 1', 'w response 0'], // ties: the earlier response takes the slot
    ],
  );
  assert.equal(items[0].margin, 0.9 - 0.1);
  assert.equal(items[0].meta?.meanScore, (0.2 + 0.9 + 0.5 + 0.1) / 4);
  assert.equal(items[1].meta?.meanScore, 2);
  assert.deepEqual(report.dropped, { 'all scores tied': 1, 'fewer than 2 scored responses': 1 });
});

test('allPairsOfN: N(N-1)/2 comparisons per group, ties dropped', () => {
  const { items, report } = allPairsOfN([group('x', [1, 2, 2])]);
  assert.deepEqual(
    items.map((p) => p.id),
    ['x:1>0', 'x:2>0'],
  );
  assert.equal(report.input, 3);
  assert.deepEqual(report.dropped, { 'tied scores': 1 });
});

test('pairsFromVotes: majority wins, margin = winner minus loser votes, tie votes abstain', () => {
  const rec = (id: string, votes: VoteRecord['votes']): VoteRecord => ({
    id,
    source: 'pandalm',
    prompt: [{ role: 'user', content: id }],
    a: `${id}-A`,
    b: `${id}-B`,
    votes,
    aModel: 'm1',
    bModel: 'm2',
  });
  const { items, report } = pairsFromVotes([
    rec('p1', ['a', 'a', 'b']),
    rec('p2', ['b', 'b', 'b']),
    rec('p3', ['a', 'b', 'tie']),
    rec('p4', ['tie', 'tie', 'tie']),
    rec('p5', ['tie', 'tie', 'b']),
  ]);
  assert.deepEqual(
    items.map((p) => [p.id, p.chosen, p.margin, p.chosenModel]),
    [
      ['p1', 'p1-A', 1, 'm1'],
      ['p2', 'p2-B', 3, 'm2'],
      ['p5', 'p5-B', 1, 'm2'],
    ],
  );
  assert.deepEqual(report.dropped, { 'all votes tie': 1, 'split vote': 1 });
  const strict = pairsFromVotes([rec('p1', ['a', 'a', 'b']), rec('p2', ['b', 'b', 'b'])], { minMargin: 2 });
  assert.deepEqual(
    strict.items.map((p) => p.id),
    ['p2'],
  );
  assert.deepEqual(strict.report.dropped, { 'margin below 2': 1 });
});
