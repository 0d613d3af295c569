import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Difference } from '../../src/experiments/aggregate.js';
import { headlineCase, headlineVerdict, type HeadlineRow } from '../../src/experiments/headline.js';
import { HEADLINE_VERDICT, beats, say } from '../../src/experiments/verdictText.js';

test('say fills every {field} of the chosen case, once, and adds nothing', () => {
  const s = { two: '{a} and {b}, then {a}', empty: '' } as const;
  assert.equal(say(s, 'two', { a: 'x', b: 2 }), 'x and 2, then x');
  assert.equal(say(s, 'empty'), '');
  // A field value is not read as a template.
  assert.equal(say(s, 'two', { a: '{b}', b: 'y' }), '{b} and y, then {b}');
});

test('say refuses a missing field or an unknown case instead of printing a placeholder', () => {
  assert.throws(() => say({ c: 'rank {rank}' }, 'c', {}), /case "c": field \{rank\} was not given/);
  assert.throws(() => say<string>({ c: 'x' }, 'd'), /no sentence for case "d"/);
});

test('beats agrees with its subject', () => {
  assert.equal(beats(1), 'beats');
  assert.equal(beats(2), 'beat');
  assert.equal(beats(0), 'beat');
});

const d = (mean: number, exceeds: boolean): Difference => ({
  metric: 'held-out/overall',
  mean,
  ci95: exceeds ? [mean - 0.5, mean + 0.5] : [mean - 2, mean + 2],
  exceeds,
  n: 3,
});
const row = (o: Partial<HeadlineRow>): HeadlineRow => ({
  experiment: 'E',
  comparison: 'v − r',
  modelBackend: 'bow / cpu',
  paper: null,
  signal: { heldOut: true, score: false },
  ...o,
});

test('headline verdict: one case per reading of the CIs, each with its sentence', () => {
  const both = { heldOut: true, score: true };
  const paperDown = [{ base: 'A', delta: -0.5 }];
  const cases: [HeadlineRow, string][] = [
    [row({ heldOut: d(1, false), score: d(1, false) }), 'within our seed noise: unresolved'],
    // RB-lite resolved but the reference has no signal there: not read.
    [row({ heldOut: d(1, false), score: d(1, true) }), HEADLINE_VERDICT['moved-without-signal']],
    [row({ heldOut: d(1, true), score: d(-1, true), signal: both }), 'held-out and RB-lite disagree in sign'],
    [row({ heldOut: d(-1, true) }), 'resolved (down); the paper has no number'],
    // Held-out alone is never set beside the paper's RewardBench difference: unlike things.
    [row({ heldOut: d(-1, true), paper: paperDown }), say(HEADLINE_VERDICT, 'held-out-only', { direction: 'down' })],
    [
      row({
        score: d(1, true),
        signal: both,
        paper: [
          { base: 'A', delta: 1 },
          { base: 'B', delta: -1 },
        ],
      }),
      "resolved; the paper's two models disagree in sign",
    ],
    [row({ score: d(-1, true), signal: both, paper: paperDown }), 'agrees with the paper in direction'],
    [row({ score: d(1, true), signal: both, paper: paperDown }), 'disagrees with the paper in direction'],
  ];
  for (const [r, want] of cases) assert.equal(headlineVerdict(r), want, JSON.stringify(headlineCase(r)));
  assert.deepEqual(new Set(cases.map(([r]) => headlineCase(r).case)), new Set(Object.keys(HEADLINE_VERDICT)));
});
