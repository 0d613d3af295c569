// The notebook helpers (src/workbook/notebook*.ts): exact outputs on tiny fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  accuracyBySource,
  compositionRows,
  compositionStatistics,
  movingAverage,
  selectionScoreGroups,
  stepFunnelTable,
  trainOnPairs,
  trainingCurvesFigure,
  heldOutAccuracyFigure,
  lengthBaselinesBySource,
  panelSignals,
  trainingSetupTable,
} from '../../src/workbook/index.js';
import { loadPaperTable } from '../../src/report/index.js';
import { encodeText } from '../../src/model/tokenizer.js';
import { trainConfigFrom } from '../../src/train/config.js';
import type { PreferencePair } from '../../src/data/schema.js';

const pair = (
  id: string,
  source: string,
  chosen: string,
  rejected: string,
  extra: Partial<PreferencePair> = {},
): PreferencePair => ({
  id,
  source,
  prompt: [{ role: 'user', content: `question ${id}` }],
  chosen,
  rejected,
  ...extra,
});

test('compositionRows: largest first, ties by name', () => {
  assert.deepEqual(compositionRows({ b: 2, a: 2, c: 5 }), [
    { source: 'c', pairs: 5 },
    { source: 'a', pairs: 2 },
    { source: 'b', pairs: 2 },
  ]);
});

test('compositionStatistics: turns = prompt messages + 1, tokens by the workbench tokenizer', () => {
  const p = pair('1', 's', 'yes it is', 'no');
  const q = {
    ...pair('2', 's', 'ok', 'fine then'),
    prompt: [
      { role: 'user' as const, content: 'hi' },
      { role: 'assistant' as const, content: 'hello' },
      { role: 'user' as const, content: 'and?' },
    ],
  };
  const [row] = compositionStatistics([p, q]);
  const t = (s: string) => encodeText(s).length;
  assert.equal(row.pairs, 2);
  assert.equal(row.avgTurns, (2 + 4) / 2);
  assert.equal(row.avgPromptTokens, (t('question 1') + t('hi') + t('hello') + t('and?')) / 2);
  assert.equal(row.avgResponseTokens, ((t('yes it is') + t('no')) / 2 + (t('ok') + t('fine then')) / 2) / 2);
});

test('stepFunnelTable: one row per step, reasons listed, zero counts left out', () => {
  const t = stepFunnelTable([
    { step: 'bestVsWorstOfN', scope: 'ae', input: 10, kept: 9, dropped: { 'all scores tied': 1 }, params: {} },
    { step: 'mixToTargets', input: 1200, kept: 1000, dropped: { 'over target': 200, none: 0 }, params: {} },
  ]);
  assert.deepEqual(t.rows, [
    ['1', 'bestVsWorstOfN', 'ae', '10', '9', 'all scores tied: 1'],
    ['2', 'mixToTargets', '–', '1,200', '1,000', 'over target: 200'],
  ]);
});

test('selectionScoreGroups: one response per scored pair, sources sorted, unscored left out', () => {
  const g = selectionScoreGroups(
    [
      pair('1', 'z', 'a', 'b', { chosenScore: 3 }),
      pair('2', 'a', 'a', 'b'),
      pair('3', 'a', 'c', 'd', { chosenScore: 1 }),
    ],
    (p) => p.chosenScore,
  );
  assert.deepEqual(Object.keys(g), ['a', 'z']);
  assert.deepEqual(
    g.a.map((x) => [x.id, x.responses[0].score]),
    [['3', 1]],
  );
  assert.deepEqual(
    g.z.map((x) => [x.id, x.responses[0].score]),
    [['1', 3]],
  );
});

test('accuracyBySource: strict > per source, plus all', () => {
  const ps = [{ source: 'b' }, { source: 'a' }, { source: 'b' }, { source: 'b' }];
  const acc = accuracyBySource(ps, [1, 0, 2, 1], [0, 1, 2, 0]);
  assert.deepEqual(Object.keys(acc), ['a', 'b', 'all']);
  assert.equal(acc.a.correct, 0);
  assert.equal(acc.b.correct, 2);
  assert.equal(acc.b.n, 3);
  assert.equal(acc.all.correct, 2);
  assert.throws(() => accuracyBySource(ps, [1], [0]), /4 pairs but 1 chosen/);
});

test('movingAverage: trailing window, partial at the start', () => {
  assert.deepEqual(movingAverage([1, 2, 3, 4], 2), [1, 1.5, 2.5, 3.5]);
  assert.deepEqual(movingAverage([4, 2], 5), [4, 3]);
  assert.throws(() => movingAverage([1], 0), /positive integer/);
});

test(
  'trainOnPairs: learns a separable toy, scores held-out per ' + 'pair, scorer agrees with the held-out scores',
  async () => {
    const train: PreferencePair[] = [];
    for (let i = 0; i < 64; i++)
      train.push(pair(`t${i}`, 'toy', `great answer number ${i} thanks`, `bad answer number ${i} sorry`));
    const heldOut = [
      pair('h1', 'toy', 'great answer thanks', 'bad answer sorry'),
      pair('h2', 'toy', 'thanks great', 'sorry bad'),
    ];
    const r = await trainOnPairs({
      train,
      heldOut,
      loss: 'bt',
      preset: 'quick',
      config: { seed: 3, epochs: 20, maxSteps: 30, evalEvery: 0, lr: 0.01 },
    });
    try {
      assert.equal(r.trainPairs, 64);
      assert.equal(r.result.stepsDone, 30);
      assert.ok(r.result.steps[29].loss < r.result.steps[0].loss, 'loss falls');
      const acc = accuracyBySource(r.heldOut, r.heldOutScores.chosen, r.heldOutScores.rejected);
      assert.equal(acc.all.accuracy, 1);
      const s = await r.scorer.score(
        heldOut.flatMap((p) => [
          { prompt: p.prompt, response: p.chosen },
          { prompt: p.prompt, response: p.rejected },
        ]),
      );
      assert.deepEqual(
        [...s],
        [
          r.heldOutScores.chosen[0],
          r.heldOutScores.rejected[0],
          r.heldOutScores.chosen[1],
          r.heldOutScores.rejected[1],
        ],
      );
    } finally {
      r.dispose();
    }
  },
);

test('figure and table specs: one trace pair per run, one panel per source, paper values with their tags', () => {
  const steps = [1, 2, 3].map((s) => ({
    step: s,
    epoch: 0,
    lr: 1e-3,
    loss: 1 / s,
    accuracy: 0.5,
    gradNorm: 1,
    clipped: false,
  }));
  const f = trainingCurvesFigure([{ label: 'bt, seed 1', group: 'bt', steps, evals: [{ step: 3, accuracy: 0.6 }] }], {
    model: 'the transformer',
    subtitle: 's',
    captionText: 'c',
    smooth: 2,
  });
  assert.equal(f.data.length, 2);
  assert.deepEqual(f.data[0].y, [1, 0.75, (1 / 2 + 1 / 3) / 2]);
  assert.deepEqual(f.data[1].y, [60]);
  const title = (f.layout.title as { text: string }).text;
  assert.match(title, /^Training the transformer: loss and held-out accuracy<br>/);
  const h = heldOutAccuracyFigure(
    [
      { label: 'bt', panel: 'all', accuracies: [0.6, 0.7], ci: [0.5, 0.8] },
      { label: 'bt', panel: 'gsm8k', accuracies: [0.9], ci: [0.8, 0.95] },
    ],
    { subtitle: 's', captionText: 'c' },
  );
  assert.ok('xaxis2' in h.layout);
  assert.ok(Math.abs((h.data[0].x as number[])[0] - 65) < 1e-9);
  const t = trainingSetupTable(loadPaperTable('training-hparams'), {
    preset: 'full',
    config: trainConfigFrom({}),
    model: 'bow',
    parameters: 10,
    trainPairs: 5,
    maxTokens: 512,
  });
  const lr = t.rows.find((r) => r[0] === 'learning rate')!;
  assert.match(lr[1], /\(secondary summary, unconfirmed\)$/);
  assert.equal(lr[2], '0.001');
});

test('lengthBaselinesBySource: longer- and shorter-response-wins per source and "all", ties wrong', async () => {
  const pair = (source: string, chosen: string, rejected: string) => ({
    source,
    prompt: [{ role: 'user' as const, content: 'q' }],
    chosen,
    rejected,
  });
  const b = await lengthBaselinesBySource([
    pair('a', 'long answer', 'short'),
    pair('a', 'x', 'yy'),
    pair('a', 'same', 'size'),
    pair('b', 'tiny', 'much longer'),
  ]);
  const acc = (panel: string, name: string) => b[panel].find((x) => x.name === name)!.accuracy;
  // a: longer wins 1 of 3 (the tie counts as wrong), shorter wins 1 of 3; b: shorter wins; all: 1/4 and 2/4.
  assert.deepEqual(Object.keys(b).sort(), ['a', 'all', 'b']);
  assert.equal(acc('a', 'longer-response-wins'), 1 / 3);
  assert.equal(acc('a', 'shorter-response-wins'), 1 / 3);
  assert.equal(acc('b', 'shorter-response-wins'), 1);
  assert.equal(acc('all', 'longer-response-wins'), 1 / 4);
  assert.equal(acc('all', 'shorter-response-wins'), 2 / 4);
  assert.equal(b.all[0].label, 'longer response wins');
});

test(
  'heldOutAccuracyFigure: a panel whose reference is not ' + 'above chance and the best length rule is "no signal"',
  () => {
    const base = (longer: number, shorter: number) => [
      { name: 'longer-response-wins', label: 'longer response wins', accuracy: longer },
      { name: 'shorter-response-wins', label: 'shorter response wins', accuracy: shorter },
    ];
    const dots = [
      { label: 'bt', panel: 'clear', accuracies: [0.8, 0.82], ci: [0.7, 0.9] as [number, number] },
      { label: 'focal', panel: 'clear', accuracies: [0.78], ci: [0.68, 0.88] as [number, number] },
      // above chance, but its interval does not clear the shorter-wins rule (0.65)
      { label: 'bt', panel: 'length', accuracies: [0.7], ci: [0.6, 0.8] as [number, number] },
      { label: 'focal', panel: 'length', accuracies: [0.7], ci: [0.6, 0.8] as [number, number] },
      // at chance
      { label: 'bt', panel: 'chance', accuracies: [0.52], ci: [0.45, 0.59] as [number, number] },
    ];
    const baselines = { clear: base(0.4, 0.6), length: base(0.35, 0.65), chance: base(0.5, 0.5) };
    const s = panelSignals(dots, baselines);
    assert.deepEqual(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.signal])), {
      clear: true,
      length: false,
      chance: false,
    });
    assert.equal(s.length.baseline?.name, 'shorter-response-wins');
    assert.match(s.chance.note, /^no signal here: bt 52\.0% is at chance/);
    const f = heldOutAccuracyFigure(dots, { subtitle: 's', captionText: 'c', baselines });
    const markers = f.data.filter((d) => String(d.hovertemplate).includes('mean'));
    const hollow = markers.filter((d) => (d.marker as { color: string }).color === '#ffffff');
    assert.equal(markers.length, 5);
    assert.equal(hollow.length, 3);
    // chance and the better length rule in every panel: 3 dashed lines at 50, 3 dotted at the baselines
    const shapes = f.layout.shapes as { x0: number; line: { dash: string } }[];
    assert.deepEqual(
      shapes.filter((x) => x.line.dash === 'dash').map((x) => x.x0),
      [50, 50, 50],
    );
    assert.deepEqual(
      shapes.filter((x) => x.line.dash === 'dot').map((x) => x.x0),
      [60, 65, 50],
    );
    const titles = (f.layout.annotations as { text: string }[]).map((a) => a.text);
    assert.ok(titles.some((t) => t.startsWith('<b>length</b> (no signal)')));
    assert.ok(titles.some((t) => t.startsWith('<b>clear</b><br>shorter response wins 60.0')));
    assert.equal(f.width, 860);
  },
);
