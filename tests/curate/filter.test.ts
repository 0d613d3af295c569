import { test } from 'node:test';
import assert from 'node:assert/strict';
import { twoStageRewardModelFilter } from '../../src/curate/filter.js';
import type { RewardScorer, ScoringItem } from '../../src/model/types.js';
import { pair } from './helpers.js';

// A function-backed scorer: the reward is the number of "!" in the response. Fixture responses are chosen to order.
const bangs: RewardScorer = {
  name: 'count of "!"',
  async score(items: ScoringItem[]) {
    return Float64Array.from(items, (it) => (it.response.match(/!/g) ?? []).length);
  },
};

const pairs = [
  pair('adv-right', 'wg', 'q1', { chosen: '!!', rejected: '!', meta: { adversarial: true } }),
  pair('adv-wrong', 'wg', 'q2', { chosen: '', rejected: '!!!', meta: { adversarial: true } }),
  pair('adv-tie', 'wg', 'q3', { chosen: '!', rejected: '!', meta: { adversarial: true } }),
  pair('plain-right', 'wg', 'q4', { chosen: '!!!!', rejected: '', meta: { adversarial: false } }),
  pair('adv-easy', 'wg', 'q5', { chosen: '!!!!!', rejected: '', meta: { adversarial: true } }),
];

test('two-stage filter, paper rule: drop non-adversarial, then keep pairs the model orders correctly', async () => {
  const r = await twoStageRewardModelFilter(pairs, bangs);
  assert.deepEqual(
    r.items.map((p) => p.id),
    ['adv-right', 'adv-easy'],
  );
  assert.deepEqual([r.stageOne.input, r.stageOne.kept, r.stageOne.dropped], [5, 4, { 'non-adversarial': 1 }]);
  assert.deepEqual(
    [r.stageTwo.input, r.stageTwo.kept, r.stageTwo.dropped],
    [4, 2, { 'model orders it wrongly': 1, 'tied by the model': 1 }],
  );
  assert.deepEqual([...r.chosenScores], [2, 0, 1, 4, 5]);
  assert.deepEqual([...r.rejectedScores], [1, 3, 1, 0, 0]);
  assert.equal(r.items[0].meta?.filterChosenScore, 2);
  assert.equal(r.stageTwo.params.scorer, 'count of "!"');
});

test('two-stage filter, drop-easy rule and a stage-two margin', async () => {
  const r = await twoStageRewardModelFilter(pairs, bangs, {
    stageOne: { kind: 'drop-easy', margin: 4 },
    minMargin: 0.5,
  });
  // margins: 1, -3, 0, 4, 5 -> stage one drops plain-right (4) and adv-easy (5); stage two keeps margin > 0.5
  assert.deepEqual(
    r.items.map((p) => p.id),
    ['adv-right'],
  );
  assert.deepEqual(r.stageOne.dropped, { 'already easy for the model': 2 });
  assert.deepEqual(r.stageTwo.dropped, { 'model orders it wrongly': 1, 'tied by the model': 1 });
});

test('two-stage filter rejects a scorer that returns the wrong number of scores', async () => {
  const broken: RewardScorer = { name: 'broken', score: async () => new Float64Array(1) };
  await assert.rejects(twoStageRewardModelFilter(pairs, broken), /returned 1 scores for 10 responses/);
});
