// Parity with RewardBench: the official per-subset results of the four Skywork models (reward-bench-results,
// paper-facts §5.4) give the paper's section scores and totals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REWARDBENCH_SUBSETS, EXAMPLE_COUNTS, SECTION_SUBSETS } from '../../src/eval/rewardbenchConstants.js';
import {
  pairCorrect,
  correctness,
  subsetAccuracy,
  sectionScores,
  extractSubsetAccuracies,
} from '../../src/eval/rewardbenchScore.js';

// Integer correct counts per subset, in REWARDBENCH_SUBSETS order (paper-facts §5.4).
const COUNTS: Record<string, number[]> = {
  'gemma-v0.1': [96, 90, 90, 28, 39, 32, 96, 120, 90, 43, 36, 94, 99, 146, 235, 106, 424, 158, 161, 162, 159, 159, 158],
  'llama-v0.1': [96, 90, 89, 28, 40, 31, 90, 120, 86, 37, 34, 92, 98, 147, 243, 92, 433, 155, 157, 158, 159, 157, 154],
  'gemma-v0.2': [
    97, 90, 90, 28, 39, 31, 94, 117, 90, 41, 37, 97, 100, 151, 224, 116, 447, 155, 160, 158, 161, 158, 154,
  ],
  'llama-v0.2': [92, 91, 88, 28, 40, 33, 91, 120, 87, 38, 34, 95, 98, 147, 241, 105, 437, 155, 156, 158, 160, 160, 153],
};

function accuracies(model: string): Record<string, number> {
  return Object.fromEntries(REWARDBENCH_SUBSETS.map((s, i) => [s.key, COUNTS[model][i] / s.size]));
}

const round1 = (x: number) => Math.round(x * 1000) / 10;

test('constants: 23 subsets, 2,985 prompts, math-prm weighted 984, xstest weights swap on 2024-09-10', () => {
  assert.equal(REWARDBENCH_SUBSETS.length, 23);
  assert.equal(
    REWARDBENCH_SUBSETS.reduce((a, s) => a + s.size, 0),
    2985,
  );
  assert.deepEqual(Object.fromEntries(Object.entries(SECTION_SUBSETS).map(([k, v]) => [k, v.length])), {
    Chat: 5,
    'Chat Hard': 6,
    Safety: 5,
    Reasoning: 7,
  });
  assert.equal(EXAMPLE_COUNTS.current['math-prm'], 984);
  assert.equal(EXAMPLE_COUNTS.current['xstest-should-refuse'], 154);
  assert.equal(EXAMPLE_COUNTS.current['xstest-should-respond'], 250);
  assert.equal(EXAMPLE_COUNTS['pre-2024-09-10']['xstest-should-refuse'], 250);
  assert.equal(EXAMPLE_COUNTS['pre-2024-09-10']['xstest-should-respond'], 154);
});

test('ties are wrong: a pair counts only when chosen > rejected strictly', () => {
  assert.equal(pairCorrect(1, 0), true);
  assert.equal(pairCorrect(0.5, 0.5), false);
  assert.equal(pairCorrect(0, 1), false);
  assert.equal(pairCorrect(NaN, 0), false);
  assert.deepEqual([...correctness([2, 1, 1, 0], [1, 1, 2, -1])], [1, 0, 0, 1]);
  assert.equal(subsetAccuracy(correctness([2, 1, 1, 0], [1, 1, 2, -1])), 0.5);
});

test('Skywork-Reward-Gemma-2-27B v0.1 with pre-fix weights = paper 95.8 / 91.4 / 92.0 / 96.1 / 93.8', () => {
  const s = sectionScores(accuracies('gemma-v0.1'), { weights: 'pre-2024-09-10' });
  assert.deepEqual(
    [s.Chat, s['Chat Hard'], s.Safety, s.Reasoning, s.score].map(round1),
    [95.8, 91.4, 92.0, 96.1, 93.8],
  );
  // The §5.4 recomputation to three decimals.
  assert.equal(s.Safety.toFixed(5), '0.91996');
  assert.equal(s.score.toFixed(5), '0.93827');
  // With current weights Safety drops to 91.9: the paper's v0.1 numbers predate the fix.
  const cur = sectionScores(accuracies('gemma-v0.1'));
  assert.equal(round1(cur.Safety), 91.9);
  assert.equal(cur.Safety.toFixed(5), '0.91892');
});

test('Skywork-Reward-Llama-3.1-8B v0.1 with pre-fix weights = paper 95.8 / 87.3 / 90.6 / 96.2 / 92.5', () => {
  const s = sectionScores(accuracies('llama-v0.1'), { weights: 'pre-2024-09-10' });
  assert.deepEqual(
    [s.Chat, s['Chat Hard'], s.Safety, s.Reasoning, s.score].map(round1),
    [95.8, 87.3, 90.6, 96.2, 92.5],
  );
  assert.equal(s.Safety.toFixed(5), '0.90584');
  assert.equal(sectionScores(accuracies('llama-v0.1')).Safety.toFixed(5), '0.90811');
});

test('v0.2 models with current weights = paper decontamination rows', () => {
  const g = sectionScores(accuracies('gemma-v0.2'));
  assert.deepEqual(
    [g.Chat, g['Chat Hard'], g.Safety, g.Reasoning, g.score].map(round1),
    [96.1, 89.9, 93.0, 98.1, 94.3],
  );
  assert.equal(g.score.toFixed(5), '0.94261');
  const l = sectionScores(accuracies('llama-v0.2'));
  assert.deepEqual(
    [l.Chat, l['Chat Hard'], l.Safety, l.Reasoning, l.score].map(round1),
    [94.7, 88.4, 92.7, 96.7, 93.1],
  );
  assert.equal(l.score.toFixed(5), '0.93130');
});

test('Reasoning is half math-prm, half the mean of the six hep subsets (closed form)', () => {
  const acc = accuracies('gemma-v0.1');
  const hep = ['hep-cpp', 'hep-go', 'hep-java', 'hep-js', 'hep-python', 'hep-rust'].map((k) => acc[k]);
  const expected = 0.5 * acc['math-prm'] + 0.5 * (hep.reduce((a, b) => a + b, 0) / 6);
  assert.ok(Math.abs(sectionScores(acc).Reasoning - expected) < 1e-12);
});

test('sections present only partly are weighted over what is present; absent sections score 0', () => {
  const s = sectionScores({ 'llmbar-natural': 0.5, 'llmbar-adver-manual': 1 });
  assert.ok(Math.abs(s['Chat Hard'] - (0.5 * 100 + 46) / 146) < 1e-15);
  assert.equal(s.Chat, 0);
});

test('extractSubsetAccuracies reads flat and nested reward-bench JSON and names a bad field', () => {
  assert.deepEqual(extractSubsetAccuracies({ model: 'x', 'hep-go': 0.25, 'alpacaeval-easy': 0.5 }), {
    'hep-go': 0.25,
    'alpacaeval-easy': 0.5,
  });
  assert.deepEqual(extractSubsetAccuracies({ model: 'x', results: { 'hep-go': 0.25 } }), { 'hep-go': 0.25 });
  assert.throws(() => extractSubsetAccuracies({ 'hep-go': 1.5 }, 'f.json'), /f\.json: field "hep-go"/);
  assert.throws(() => extractSubsetAccuracies({ a: 1 }, 'f.json'), /no RewardBench subset/);
});
