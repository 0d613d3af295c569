// JudgeBench's rule for reward models and the five reference models' accuracies on the 350 gpt-4o pairs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { judgeBenchPairCorrect, rewardModelDecision } from '../../src/eval/judgebenchRule.js';
import { JUDGEBENCH_PAPER_TABLE3 } from '../../src/data/judgebenchPaper.js';
import { judgeBenchReferenceLeaderboard } from '../../src/eval/judgebench.js';
import { locateSource } from '../../src/data/sources.js';

test('a reward-model judge gives a tie to the response shown second', () => {
  assert.equal(rewardModelDecision(1, 0), 'A>B');
  assert.equal(rewardModelDecision(1, 1), 'B>A');
});

test('two-order rule: correct iff both orders pick the labelled response; exact ties are wrong', () => {
  assert.equal(judgeBenchPairCorrect('A>B', [2, 1]), true);
  assert.equal(judgeBenchPairCorrect('B>A', [2, 1]), false);
  assert.equal(judgeBenchPairCorrect('A>B', [1, 1]), false);
  assert.equal(judgeBenchPairCorrect('B>A', [1, 1]), false); // order 1 says B (right), order 2 says A (wrong): 0 votes
  // scores that moved between orders: one vote each way -> wrong
  assert.equal(judgeBenchPairCorrect('A>B', [2, 1], [3, 1]), false);
  assert.equal(judgeBenchPairCorrect('A>B', [2, 1], [1, 2.5]), true);
});

test('for an order-independent scorer the rule equals strict chosen > rejected', () => {
  for (const [c, r] of [
    [1, 0],
    [0, 1],
    [0.5, 0.5],
    [-2, -3],
  ]) {
    assert.equal(judgeBenchPairCorrect('A>B', [c, r]), c > r);
    assert.equal(judgeBenchPairCorrect('B>A', [r, c]), c > r);
  }
});

// The paper's Table 3, percent: each row as correct counts over (knowledge 154, reasoning 98, math 56, coding 42).
test('five reference reward models reproduce JudgeBench Table 3 exactly (overall and per category)', async () => {
  const rows = await judgeBenchReferenceLeaderboard();
  assert.equal(rows.length, 5);
  for (const r of rows) {
    assert.equal(r.n.overall, 350);
    assert.deepEqual([r.n.knowledge, r.n.reasoning, r.n.math, r.n.coding], [154, 98, 56, 42]);
    const paper = JUDGEBENCH_PAPER_TABLE3[r.id];
    for (const k of ['knowledge', 'reasoning', 'math', 'coding', 'overall'] as const) {
      assert.equal(Number((100 * r.accuracy[k]).toFixed(2)), paper[k], `${r.id} ${k}`);
    }
  }
  const gemma = rows.find((r) => r.id === 'judgebench-rm-skywork-gemma-2-27b')!;
  assert.equal(gemma.correct.overall, 225); // 64.29% of 350
});

test('independent recompute from the raw JSONL on the first rows agrees with the leaderboard code path', async () => {
  // Read the raw file directly (not through the loader), apply the rule by hand on 20 rows.
  const found = locateSource('judgebench-rm-skywork-llama-3.1-8b');
  assert.ok(found, 'the JudgeBench outputs file is in the offline mirror');
  const lines = readFileSync(found.path, 'utf8')
    .trim()
    .split('\n')
    .slice(0, 20)
    .map((l) => JSON.parse(l));
  let byHand = 0;
  for (const row of lines) {
    const [a, b] = row.judgments[0].judgment.scores as number[];
    const [b2, a2] = row.judgments[1].judgment.scores as number[];
    const aWins1 = a > b;
    const aWins2 = !(b2 > a2);
    const labelA = row.label === 'A>B';
    if (aWins1 === labelA && aWins2 === labelA) byHand++;
  }
  let byRule = 0;
  for (const row of lines) {
    if (judgeBenchPairCorrect(row.label, row.judgments[0].judgment.scores, row.judgments[1].judgment.scores)) byRule++;
  }
  assert.equal(byRule, byHand);
  assert.ok(byHand > 0 && byHand < 20);
});
