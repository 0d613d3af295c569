import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapSubsets, quantileSorted, summarizeSeeds, tQuantile975 } from '../../src/eval/stats.js';
import { aggregateSeeds, summarizeCorrectness, type PairwiseBenchmark } from '../../src/eval/evaluate.js';
import { sectionScores } from '../../src/eval/rewardbenchScore.js';
import { contaminationTable } from '../../src/eval/contamination.js';
import { isHeldOut } from '../../src/data/heldOut.js';
import { userPrompt } from '../../src/data/schema.js';

const ones = (n: number, k: number) => Uint8Array.from({ length: n }, (_, i) => (i < k ? 1 : 0));

test('quantiles interpolate like numpy', () => {
  assert.equal(quantileSorted([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(quantileSorted([1, 2, 3, 4], 0.025), 1.075);
});

test('t quantiles: closed forms for df 1 and 2, table, and the large-df expansion', () => {
  assert.ok(Math.abs(tQuantile975(1) - Math.tan(0.475 * Math.PI)) < 1e-8);
  assert.ok(Math.abs(tQuantile975(2) - 0.95 / Math.sqrt(2 * 0.975 * 0.025)) < 1e-8);
  assert.ok(Math.abs(tQuantile975(31) - 2.039513446) < 1e-4);
  assert.ok(Math.abs(tQuantile975(1000) - 1.962339) < 1e-5);
});

test('summarizeSeeds: mean, sample std, t interval (hand-computed)', () => {
  const s = summarizeSeeds([0.5, 0.6, 0.7]);
  assert.ok(Math.abs(s.mean - 0.6) < 1e-15);
  assert.ok(Math.abs(s.std - 0.1) < 1e-15);
  const half = (4.30265273 * 0.1) / Math.sqrt(3);
  assert.ok(Math.abs(s.ci95!.lo - (0.6 - half)) < 1e-12 && Math.abs(s.ci95!.hi - (0.6 + half)) < 1e-12);
  assert.equal(summarizeSeeds([0.4]).ci95, undefined);
});

test('bootstrap: same seed -> identical intervals; another seed differs; CI contains the estimate', () => {
  const correct = { 'llmbar-natural': ones(100, 61), 'hep-go': ones(164, 120), 'math-prm': ones(447, 300) };
  const metrics = (acc: Record<string, number>) => ({ ...sectionScores(acc) });
  const a = bootstrapSubsets(correct, metrics, { seed: 3, resamples: 300 });
  const b = bootstrapSubsets(correct, metrics, { seed: 3, resamples: 300 });
  const c = bootstrapSubsets(correct, metrics, { seed: 4, resamples: 300 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.ci, c.ci);
  const point = sectionScores({ 'llmbar-natural': 0.61, 'hep-go': 120 / 164, 'math-prm': 300 / 447 });
  for (const k of ['Chat Hard', 'Reasoning', 'score'] as const) {
    assert.ok(
      a.ci[k].lo <= point[k] && point[k] <= a.ci[k].hi,
      `${k}: ${point[k]} not in [${a.ci[k].lo}, ${a.ci[k].hi}]`,
    );
  }
  assert.ok(a.ci['llmbar-natural'].lo <= 0.61 && 0.61 <= a.ci['llmbar-natural'].hi);
  // a subset that is all correct cannot vary
  const d = bootstrapSubsets({ x: ones(10, 10) }, () => ({}), { seed: 1, resamples: 50 });
  assert.deepEqual(d.ci.x, { lo: 1, hi: 1 });
});

test('aggregateSeeds over three runs', () => {
  const bench: PairwiseBenchmark = {
    name: 'toy',
    subsets: [{ key: 'hep-go', tag: 'exact', rule: 'r', sources: [], pairs: [] }],
    metrics: (acc) => ({ score: acc['hep-go'] }),
  };
  const runs = [6, 7, 8].map((k, i) =>
    summarizeCorrectness(`run${i}`, bench, { 'hep-go': ones(10, k) }, { seed: i, resamples: 20 }),
  );
  const agg = aggregateSeeds(runs);
  assert.ok(Math.abs(agg.summary.score.mean - 0.7) < 1e-12);
  assert.ok(Math.abs(agg.summary.score.std - 0.1) < 1e-12);
  assert.deepEqual(agg.seeds, [0, 1, 2]);
});

test('contaminationTable counts contaminated training prompts and benchmark prompts hit (n = 3)', () => {
  const bench = [
    { id: 'b1', prompt: 'Write a short poem about the sea' },
    { id: 'b2', prompt: 'Explain quantum entanglement to a child' },
    { id: 'b3', prompt: 'Hi there' },
  ];
  const table = contaminationTable(
    {
      srcA: [
        { id: 'a1', prompt: userPrompt('please write a SHORT poem about autumn') },
        { id: 'a2', prompt: userPrompt('Explain quantum entanglement briefly') },
        { id: 'a3', prompt: userPrompt('nothing shared here at all') },
      ],
      srcB: [{ id: 'c1', prompt: userPrompt('unrelated') }],
    },
    bench,
    3,
  );
  assert.deepEqual(table.rows, [
    { source: 'srcA', n: 3, prompts: 3, contaminatedPrompts: 2, benchmarkPromptsHit: 2 },
    { source: 'srcB', n: 3, prompts: 1, contaminatedPrompts: 0, benchmarkPromptsHit: 0 },
  ]);
  assert.equal(table.benchmarkPromptsTooShort, 1);
});

test("held-out split (curation's isHeldOut) is a fixed function of the prompt", () => {
  const p = { prompt: userPrompt('How do I bake bread?') };
  assert.equal(isHeldOut(p, 0.1), isHeldOut({ prompt: userPrompt('how do I   bake bread') }, 0.1));
  assert.equal(isHeldOut(p, 0), false);
  assert.equal(isHeldOut(p, 1), true);
});
