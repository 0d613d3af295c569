import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MetricSummary } from '../../src/experiments/aggregate.js';
import { bestTrivialBaseline, metricSignal } from '../../src/experiments/signal.js';
import { fmtDiff } from '../../src/experiments/format.js';
import { differenceFigure, NO_SIGNAL_COLOR, NO_SIGNAL_NAME } from '../../src/report/differenceFigure.js';
import { OURS_COLORS } from '../../src/report/theme.js';

const m = (mean: number, lo: number, hi: number): MetricSummary => ({
  mean,
  std: 1,
  n: 5,
  ci95: [lo, hi],
  perSeed: [],
  bootstrap: [],
});
const baselines = [
  {
    name: 'longer-response-wins',
    label: 'baseline: longer response wins',
    metrics: { a: m(54.9, 54.9, 54.9), b: m(30.8, 30.8, 30.8) },
  },
  {
    name: 'shorter-response-wins',
    label: 'baseline: shorter response wins',
    metrics: { a: m(44.1, 44.1, 44.1), b: m(64.3, 64.3, 64.3) },
  },
  // The random reward is chance itself, never the bar to clear.
  { name: 'random', label: 'baseline: random', metrics: { a: m(70, 69, 71), b: m(70, 69, 71) } },
];

test('the best trivial baseline is the better length rule, never the random reward', () => {
  assert.deepEqual(bestTrivialBaseline(baselines, 'a'), {
    name: 'longer-response-wins',
    label: 'longer response wins',
    mean: 54.9,
  });
  assert.equal(bestTrivialBaseline(baselines, 'b')?.name, 'shorter-response-wins');
  assert.equal(bestTrivialBaseline(baselines, 'missing'), undefined);
});

test('signal: above chance and above the best length rule, both beyond the seed CI', () => {
  const ref = (x: MetricSummary) => ({ label: 'BT', metrics: { a: x, b: x } });
  // Held-out-like: CI [56.0, 57.2] clears 50 and longer-wins 54.9.
  assert.equal(metricSignal(ref(m(56.6, 56.0, 57.2)), baselines, 'a').signal, true);
  // Above chance but the CI's low end does not clear the length rule.
  const close = metricSignal(ref(m(55.5, 54.5, 56.5)), baselines, 'a');
  assert.equal(close.signal, false);
  assert.equal(close.note, 'no signal here: BT 55.5% does not beat longer response wins 54.9%');
  // RB-lite-like: below chance, and shorter-wins far above.
  const below = metricSignal(ref(m(42.7, 41.5, 43.8)), baselines, 'b');
  assert.equal(below.signal, false);
  assert.equal(below.chance, 'below');
  assert.equal(below.note, 'no signal here: BT 42.7% is below chance; shorter response wins 64.3%');
  // Far above chance but a length rule is better still.
  assert.equal(metricSignal(ref(m(60, 59, 61)), baselines, 'b').signal, false);
  // A CI touching 50 is at chance.
  assert.equal(metricSignal(ref(m(51, 49.5, 52.5)), [], 'a').chance, 'at chance');
  assert.equal(metricSignal(ref(m(51, 49.5, 52.5)), [], 'a').signal, false);
  // No CI (one seed): no signal.
  assert.equal(
    metricSignal({ label: 'BT', metrics: { a: { ...m(60, 0, 0), ci95: undefined } } }, [], 'a').signal,
    false,
  );
});

test('a difference on a metric without signal is never starred', () => {
  const d = { metric: 'b', mean: 3.9, ci95: [2.8, 5.1] as [number, number], exceeds: true, n: 5 };
  assert.equal(fmtDiff(d), '+3.9 [+2.8, +5.1] *');
  assert.equal(fmtDiff(d, false), '+3.9 [+2.8, +5.1] (no signal)');
});

test('a difference panel without signal draws ours hollow grey with the reason in the panel', () => {
  const rows = [
    {
      label: 'CE',
      heldOut: { mean: -1, ci95: [-2, -0.5] as [number, number] },
      score: { mean: 3.9, ci95: [2.8, 5.1] as [number, number] },
      paper: [],
    },
  ];
  const f = differenceFigure(rows, {
    id: 'x',
    title: 't',
    reference: 'BT',
    captionText: 'c',
    provenance: 'p',
    noSignal: { score: 'no signal here: why' },
  });
  const [held, score] = f.data as { name: string; marker: { color: string[]; line: { color: string } } }[];
  assert.deepEqual(held.marker.color, [OURS_COLORS[1]]);
  assert.deepEqual(score.marker.color, ['#ffffff']);
  assert.equal(score.marker.line.color, NO_SIGNAL_COLOR);
  assert.equal(score.name, NO_SIGNAL_NAME);
  const notes = (f.layout.annotations as { text: string; xref: string }[]).filter((a) =>
    a.text.startsWith('no signal'),
  );
  assert.deepEqual(
    notes.map((a) => a.xref),
    ['x2 domain'],
  );
});
