import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResponseGroup } from '../../src/data/schema.js';
import {
  OURS_COLORS,
  PAPER_COLORS,
  adjustedScoreSummary,
  compositionShares,
  figure1Composition,
  figure2ScoreDistributions,
  figureJson,
  lossShapesFigure,
  scoreDotsFigure,
  table3LossCurves,
  tableFigure,
  loadAlpacaEvalBonGroups,
  magpieCategoryTable,
  loadPaperTable,
} from '../../src/report/index.js';

const group = (source: string, scores: (number | undefined)[]): ResponseGroup => ({
  id: `${source}:${scores.join(',')}`,
  source,
  prompt: [{ role: 'user', content: 'q' }],
  responses: scores.map((score) => ({ text: 't', score })),
});

test('compositionShares: percent of the total per source', () => {
  assert.deepEqual(
    compositionShares([
      { source: 'a', pairs: 1 },
      { source: 'b', pairs: 3 },
    ]).map((r) => r.share),
    [25, 75],
  );
});

test('Figure 1: paper-only has two blue traces (before, after) with share labels; ours adds an orange panel', () => {
  const before = [
    { source: 'A', pairs: 30 },
    { source: 'B', pairs: 70 },
  ];
  const after = [
    { source: 'A', pairs: 10 },
    { source: 'B', pairs: 10 },
  ];
  const paperOnly = figure1Composition(before, after);
  assert.equal(paperOnly.data.length, 2);
  assert.deepEqual(
    paperOnly.data.map((t) => (t.marker as { color: string }).color),
    [PAPER_COLORS[0], PAPER_COLORS[3]],
  );
  assert.ok(paperOnly.data.every((t) => String(t.name).startsWith('paper (reported)')));
  assert.deepEqual(paperOnly.data[1].text, ['70.0% (70)', '30.0% (30)']);
  assert.equal(paperOnly.layout.xaxis2, undefined);
  const withOurs = figure1Composition(
    before,
    after,
    [{ source: 'x', pairs: 4 }],
    [
      { source: 'x', pairs: 1 },
      { source: 'y', pairs: 3 },
    ],
  );
  const ours = withOurs.data.filter((t) => String(t.name).startsWith('ours (measured)'));
  assert.equal(ours.length, 2);
  assert.ok(ours.every((t) => t.xaxis === 'x2' && OURS_COLORS.includes((t.marker as { color: string }).color)));
  assert.deepEqual(ours[0].x, [75, 25]);
});

test('Figure 2: per-prompt mean score minus the source offset; unscored responses and prompts are skipped', () => {
  const groups = {
    A: [group('A', [1, 3]), group('A', [5, undefined])],
    B: [group('B', [undefined])],
    C: [group('C', [0.5])],
  };
  const s = adjustedScoreSummary(groups, { A: 0.5 });
  assert.deepEqual(
    s.map((x) => [x.source, x.n, x.mean, x.adjustedMean]),
    [
      ['A', 2, 3.5, 3],
      ['B', 0, NaN, NaN],
      ['C', 1, 0.5, 0.5],
    ],
  );
  assert.deepEqual(s[0].values, [1.5, 4.5]);
  const fig = figure2ScoreDistributions(groups, { A: 0.5 }, { scoreLabel: 'score (units)', captionText: 'cap' });
  assert.equal(fig.data.length, 2, 'B has no scored prompt and gets no panel');
  const shapes = fig.layout.shapes as { x0: number; line: { dash: string } }[];
  assert.deepEqual(
    shapes.map((l) => [l.x0, l.line.dash]),
    [
      [3, 'dash'],
      [0.5, 'dash'],
    ],
  );
  assert.equal((fig.layout.xaxis2 as { title: { text: string } }).title.text, 'score (units)');
  assert.throws(
    () => figure2ScoreDistributions({ B: groups.B }, {}, { scoreLabel: 's', captionText: 'c' }),
    /no source has a scored response/,
  );
});

test(
  'Figure 2 data comes from the loaders: AlpacaEval groups keyed ' + 'by origin subset, 11 judged samples each',
  async () => {
    const groups = await loadAlpacaEvalBonGroups();
    const all = Object.values(groups).flat();
    assert.equal(all.length, 805);
    for (const key of Object.keys(groups)) assert.match(key, /^AlpacaEval /);
    for (const g of all) {
      assert.equal(g.responses.length, 11);
      for (const r of g.responses) assert.ok(r.score! >= 0 && r.score! <= 1);
    }
  },
);

test('loss shapes: two traces (loss, slope) for each of the eight Table 3 losses, Bradley-Terry first', () => {
  const curves = table3LossCurves();
  assert.deepEqual(curves.map((c) => c.name).sort(), [
    'bt',
    'bt-temperature',
    'cross-entropy',
    'focal',
    'focal-penalty',
    'hinge',
    'margin-mse',
    'tempered-log',
  ]);
  const fig = lossShapesFigure(curves);
  assert.equal(fig.data.length, 16);
  assert.equal(fig.data[0].name, 'Bradley-Terry');
  // BT at Δ = 0: loss log 2, slope −1/2.
  const bt = curves.find((c) => c.name === 'bt')!;
  const zero = bt.delta.findIndex((d) => Math.abs(d) < 1e-12);
  assert.ok(Math.abs(bt.loss[zero] - Math.LN2) < 1e-12);
  assert.ok(Math.abs(bt.dLossdDelta[zero] + 0.5) < 1e-12);
  assert.throws(
    () => lossShapesFigure([{ name: 'x', delta: [0, 1], loss: [0], dLossdDelta: [0, 0] }]),
    /has 2 Δ values, 1 losses/,
  );
});

test('score dots: blue paper markers and orange ours markers with asymmetric CI bars, in every panel', () => {
  const paper = [{ label: 'P', score: 90, sections: { Chat: 90, 'Chat Hard': 80, Safety: 95, Reasoning: 95 } }];
  const ours = [
    {
      label: 'O',
      score: 54,
      sections: { Chat: 60, 'Chat Hard': 50, Safety: 55, Reasoning: 51 },
      ci: { score: [50, 55] as [number, number] },
      seeds: [1],
      config: 'c',
      backend: 'cpu',
      dataHash: 'h',
    },
  ];
  const fig = scoreDotsFigure(paper, ours, { id: 'd', title: 't', captionText: 'c' });
  assert.equal(fig.data.length, 10);
  const oursScore = fig.data[1];
  assert.equal(oursScore.name, 'ours (measured)');
  assert.deepEqual(oursScore.y, ['O (ours)']);
  assert.deepEqual((oursScore.error_x as { array: number[]; arrayminus: number[] }).array, [1]);
  assert.deepEqual((oursScore.error_x as { array: number[]; arrayminus: number[] }).arrayminus, [4]);
  assert.equal(fig.data[3].error_x, undefined, 'no Chat interval given, no bars');
  assert.deepEqual((fig.layout.yaxis as { categoryarray: string[] }).categoryarray, ['O (ours)', 'P']);
});

test('table figure: one table trace, ours rows on the orange ground; figure JSON is stable text', () => {
  const t = magpieCategoryTable(loadPaperTable('magpie-task-categories'), {
    label: 'm',
    dataHash: 'h',
    rows: [{ category: 'math', count: 1 }],
  });
  const fig = tableFigure(t);
  const fill = (fig.data[0].cells as { fill: { color: string[][] } }).fill.color[0];
  assert.equal(fill.length, 14);
  assert.equal(fill[0], '#eef4fb');
  assert.equal(fill[13], '#fff1e3');
  assert.equal(figureJson(fig), figureJson(tableFigure(t)));
});

test('table figure: a row whose cell wraps makes the figure taller by one text line (the caption stays below)', () => {
  const table = (cell: string) => ({
    id: 't',
    title: 'T',
    breaks: [],
    notes: ['n'],
    columns: [
      { key: 'a', label: 'a', align: 'left' as const },
      { key: 'b', label: 'b', align: 'left' as const },
    ],
    rows: [
      ['x', 'short'],
      ['y', cell],
    ],
  });
  const one = tableFigure(table('short'), { width: 800 });
  const wrapped = tableFigure(table('a long cell '.repeat(12)), { width: 800 });
  // Column b gets 42/45 of the 770 px inside the margins, ~98 characters a line: 144 characters take 2 lines.
  assert.equal(wrapped.height - one.height, 15);
});
