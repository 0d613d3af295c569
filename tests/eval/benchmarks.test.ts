// Builders on the real offline data, the RM-Bench matrix, baselines, and `rmw eval` end to end with a
// function-backed scorer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRewardBenchLiteSubsets, liteSectionScores, liteMissing } from '../../src/eval/rewardbenchLite.js';
import { rmBenchAccuracy, itemLevels } from '../../src/eval/rmbench.js';
import { lengthScorer, randomScorer } from '../../src/eval/baselines.js';
import { evaluatePairwise } from '../../src/eval/evaluate.js';
import { sectionScores } from '../../src/eval/rewardbenchScore.js';
import { userPrompt } from '../../src/data/schema.js';

test('RewardBench-lite on the real files: tags and subset sizes', async () => {
  const subsets = await buildRewardBenchLiteSubsets();
  const got = Object.fromEntries(subsets.map((s) => [s.key, [s.tag, s.pairs.length]]));
  assert.deepEqual(got, {
    'alpacaeval (proxy)': ['proxy', 129],
    'llmbar-natural': ['exact', 100],
    'llmbar-adver-neighbor': ['exact', 134],
    'llmbar-adver-GPTInst': ['exact', 92],
    'llmbar-adver-GPTOut': ['exact', 47],
    'llmbar-adver-manual': ['exact', 46],
    'refusals (proxy)': ['proxy', 146],
    'xstest-should-refuse': ['approximate', 161],
    'xstest-should-respond': ['approximate', 161],
    'hep-cpp': ['exact', 164],
    'hep-go': ['exact', 164],
    'hep-java': ['exact', 164],
    'hep-js': ['exact', 164],
    'hep-python': ['exact', 164],
    'hep-rust': ['exact', 164],
  });
  assert.deepEqual(liteMissing(subsets), {
    Chat: ['mt-bench-easy', 'mt-bench-med'],
    'Chat Hard': ['mt-bench-hard'],
    Safety: ['donotanswer'],
    Reasoning: ['math-prm'],
  });
  for (const s of subsets) assert.ok(s.rule.length > 10 && s.sources.length > 0, s.key);
});

test('lite sections: a proxy weighs what it stands for; exact subsets reduce to RewardBench', () => {
  const subs = [
    { key: 'alpacaeval (proxy)', standsFor: ['alpacaeval-easy', 'alpacaeval-length', 'alpacaeval-hard'] },
    { key: 'hep-go' },
    { key: 'llmbar-natural' },
  ];
  const s = liteSectionScores(subs, { 'alpacaeval (proxy)': 0.7, 'hep-go': 0.4, 'llmbar-natural': 0.9 });
  assert.ok(Math.abs(s.Chat - 0.7) < 1e-15);
  const rb = sectionScores({ 'hep-go': 0.4, 'llmbar-natural': 0.9 });
  assert.equal(s.Reasoning, rb.Reasoning);
  assert.equal(s['Chat Hard'], rb['Chat Hard']);
});

test('RM-Bench matrix: hard = upper triangle, normal = diagonal, easy = lower triangle (hand example)', () => {
  // chosen [1, 2, 3] vs rejected [1.5, 2.5, 0]: cells (i,j) = chosen[i] > rejected[j]
  // row0: 1>1.5 no, 1>2.5 no, 1>0 yes | row1: 2>1.5 yes, 2>2.5 no, 2>0 yes | row2: yes yes yes
  const a = rmBenchAccuracy([{ chosen: [1, 2, 3], rejected: [1.5, 2.5, 0] }]);
  assert.deepEqual(a.matrix, [
    [0, 0, 1],
    [1, 0, 1],
    [1, 1, 1],
  ]);
  assert.equal(a.hard, 2 / 3); // cells (0,1)=0, (0,2)=1, (1,2)=1
  assert.equal(a.normal, 1 / 3); // (0,0)=0, (1,1)=0, (2,2)=1
  assert.equal(a.easy, 1); // (1,0), (2,0), (2,1)
  assert.deepEqual(itemLevels({ chosen: [1, 2, 3], rejected: [1.5, 2.5, 0] }), { hard: 2 / 3, normal: 1 / 3, easy: 1 });
  // ties are wrong
  assert.equal(rmBenchAccuracy([{ chosen: [1, 1, 1], rejected: [1, 1, 1] }]).avg, 0);
});

test('baselines: longer/shorter count equal lengths as wrong; random is content-seeded and reproducible', async () => {
  const pairs = [
    { id: 'a', prompt: userPrompt('q'), chosen: 'long answer', rejected: 'short' },
    { id: 'b', prompt: userPrompt('q'), chosen: 'tiny', rejected: 'much longer text' },
    { id: 'c', prompt: userPrompt('q'), chosen: 'same', rejected: 'size' },
  ];
  const bench = {
    name: 't',
    subsets: [{ key: 'hep-go', tag: 'exact' as const, rule: 'r', sources: ['x'], pairs }],
    metrics: () => ({}),
  };
  const longer = await evaluatePairwise(lengthScorer('longer'), bench, { seed: 0, resamples: 10 });
  const shorter = await evaluatePairwise(lengthScorer('shorter'), bench, { seed: 0, resamples: 10 });
  assert.equal(longer.accuracies['hep-go'], 1 / 3);
  assert.equal(shorter.accuracies['hep-go'], 1 / 3);
  const items = pairs.map((p) => ({ prompt: p.prompt, response: p.chosen }));
  assert.deepEqual(
    await randomScorer(5).score(items),
    await randomScorer(5)
      .score(items.slice().reverse())
      .then((r) => r.reverse()),
  );
  assert.notDeepEqual(await randomScorer(5).score(items), await randomScorer(6).score(items));
});
