import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  OURS_LABEL,
  PAPER_LABEL,
  figure1Composition,
  labelOursByLoss,
  loadPaperTable,
  oursLossLabel,
  oursRowType,
  scoreDotsFigure,
  table2Leaderboard,
  table3LossAblation,
  table3LossAblationDots,
  uniqueLabels,
  validateOursScoreRows,
  type OursScoreRow,
} from '../../src/report/index.js';
import { InputError } from '../../src/util/errors.js';

const row = (o: Partial<OursScoreRow> & { label: string }): OursScoreRow => ({
  score: 50,
  sections: { Chat: 50, 'Chat Hard': 50, Safety: 50, Reasoning: 50 },
  seeds: [1],
  config: 'c',
  backend: 'typescript-cpu',
  dataHash: 'h',
  ...o,
});

test(
  'Figure 1 with ours: panels stacked at the page width, one legend under both, the caption below it, ' +
    'ours provenance from the caller',
  () => {
    const before = [
      { source: 'A', pairs: 30 },
      { source: 'B', pairs: 70 },
    ];
    const after = [
      { source: 'A', pairs: 10 },
      { source: 'B', pairs: 10 },
    ];
    const fig = figure1Composition(
      before,
      after,
      [{ source: 'x', pairs: 4 }],
      [{ source: 'x', pairs: 1 }],
      'notebook 02, runRecipe("workbench", seed 1)',
    );
    const l = fig.layout as Record<string, any>;
    // One layout wherever it is shown: a notebook page is 860 px wide.
    assert.equal(fig.width, 860);
    assert.deepEqual(l.xaxis.domain, [0, 1]);
    assert.deepEqual(l.xaxis2.domain, [0, 1]);
    // Ours below the paper's, not overlapping.
    assert.ok(l.yaxis2.domain[1] < l.yaxis.domain[0], 'our panel sits below the paper panel');
    assert.ok(fig.data.every((t) => t.legend === undefined));
    assert.equal(l.legend2, undefined);
    // In pixels below the plot area: the legend holds four entries (~22 px each); the caption must start below it
    // and end inside the bottom margin.
    const plotHeight = fig.height - l.margin.t - l.margin.b;
    const cap = (l.annotations as { text: string; y: number }[]).at(-1)!;
    const legendTop = -l.legend.y * plotHeight,
      captionTop = -cap.y * plotHeight;
    assert.ok(
      captionTop >= legendTop + 4 * 22,
      `caption at ${captionTop}px overlaps the legend (${legendTop}px + 4 rows)`,
    );
    assert.ok(captionTop + 16 * cap.text.split('<br>').length <= l.margin.b, 'caption fits the bottom margin');
    assert.match(cap.text.replace(/<br>/g, ' '), /Ours: notebook 02, runRecipe\("workbench", seed 1\)\./);
    assert.doesNotMatch(cap.text, /results folder/);
    const plain = figure1Composition(before, after, undefined, [{ source: 'x', pairs: 1 }]);
    assert.doesNotMatch((plain.layout.annotations as { text: string }[]).at(-1)!.text, /results folder/);
    assert.equal(figure1Composition(before, after).layout.xaxis2, undefined);
  },
);

test(
  'oursLossLabel: registry name or alias -> paper name, parameters and reward centring shown; free text kept; ' +
    'no loss -> label',
  () => {
    assert.equal(oursLossLabel({ label: 'bow, curated mix', loss: 'bt' }), 'Bradley-Terry');
    assert.equal(oursLossLabel({ label: 'm', loss: 'Bradley-Terry' }), 'Bradley-Terry');
    assert.equal(
      oursLossLabel({ label: 'm', loss: 'bt', lossParams: { center: 0.01 } }),
      'Bradley-Terry + reward centring (λ = 0.01)',
    );
    assert.equal(oursLossLabel({ label: 'm', loss: 'focal', lossParams: { gamma: 2 } }), 'Focal (γ = 2)');
    assert.equal(
      oursLossLabel({ label: 'm', loss: 'BT + reward centring (λ = 0.01)' }),
      'BT + reward centring (λ = 0.01)',
    );
    assert.equal(oursLossLabel({ label: 'bow, curated mix' }), 'bow, curated mix');
    assert.deepEqual(uniqueLabels(['a', 'b', 'a', 'a'], ['x', 'y', 'z', 'a']), ['a', 'b', 'a [z]', 'a #2']);
  },
);

const lossRows = [
  row({ label: 'bow, curated mix', loss: 'bt', score: 55 }),
  row({ label: 'bow, curated mix', loss: 'focal', score: 54 }),
  row({ label: 'bow, curated mix', loss: 'bt', lossParams: { center: 0.01 }, score: 56 }),
];

test(
  'Table 3: ours rows named by loss (centring apart), the ' + 'model/data label in its own column, run notes per loss',
  () => {
    const t3 = loadPaperTable('table3-loss-ablation');
    const t = table3LossAblation(t3, lossRows);
    const ours = t.rows.slice(t3.rows.length);
    assert.deepEqual(
      ours.map((r) => r.slice(0, 3)),
      [
        [OURS_LABEL, 'Bradley-Terry', 'bow, curated mix'],
        [OURS_LABEL, 'Focal', 'bow, curated mix'],
        [OURS_LABEL, 'Bradley-Terry + reward centring (λ = 0.01)', 'bow, curated mix'],
      ],
    );
    assert.deepEqual(t.breaks, [t3.rows.length]);
    assert.ok(t.notes.some((n) => n.startsWith(`${OURS_LABEL} "Bradley-Terry + reward centring (λ = 0.01)": seed 1`)));
    assert.equal(labelOursByLoss(lossRows)[0].modelLabel, 'bow, curated mix');
  },
);

test('Table 3 dots: one line per ours loss, and the band covers exactly the ours lines', () => {
  const t3 = loadPaperTable('table3-loss-ablation');
  const fig = table3LossAblationDots(t3, lossRows);
  const cats = (fig.layout.yaxis as { categoryarray: string[] }).categoryarray;
  assert.equal(cats.length, t3.rows.length + 3);
  assert.deepEqual(cats.slice(0, 3), [
    'Bradley-Terry + reward centring (λ = 0.01) (ours)',
    'Focal (ours)',
    'Bradley-Terry (ours)',
  ]);
  const band = (fig.layout.shapes as { y0: number; y1: number }[])[0];
  assert.deepEqual([band.y0, band.y1], [-0.5, 2.5]);
  assert.equal(cats[Math.ceil(band.y1)], 'Bradley-Terry', "the first line above the band is the paper's last row");
});

test('score dots: ours rows with the same label still get one line each (numbered), band sized to them', () => {
  const paper = [{ label: 'P', score: 90, sections: { Chat: 90, 'Chat Hard': 80, Safety: 95, Reasoning: 95 } }];
  const fig = scoreDotsFigure(paper, [row({ label: 'same' }), row({ label: 'same' })], {
    id: 'd',
    title: 't',
    captionText: 'c',
  });
  assert.deepEqual(fig.data[1].y, ['same (ours)', 'same (ours) #2']);
  assert.deepEqual((fig.layout.yaxis as { categoryarray: string[] }).categoryarray, [
    'same (ours) #2',
    'same (ours)',
    'P',
  ]);
  assert.equal((fig.layout.shapes as { y1: number }[])[0].y1, 1.5);
});

test('Table 2: ours rows typed from the row: models "Discriminative (workbench)", baselines a surface cue', () => {
  const paper = loadPaperTable('table2-leaderboard');
  const t = table2Leaderboard(paper, [
    row({ label: 'bow, curated mix' }),
    row({ label: 'baseline: longer response wins', kind: 'baseline', backend: 'none', config: 'no training: a rule' }),
    row({ label: 'baseline: random', backend: 'none' }), // no kind: a row without a backend is read as a baseline
  ]);
  const ours = t.rows.filter((r) => r[0] === OURS_LABEL).map((r) => r.slice(1, 3));
  assert.deepEqual(ours, [
    ['bow, curated mix', 'Discriminative (workbench)'],
    ['baseline: longer response wins', 'Baseline (surface cue, no training)'],
    ['baseline: random', 'Baseline (surface cue, no training)'],
  ]);
  assert.equal(t.rows[0][0], PAPER_LABEL);
  assert.equal(oursRowType(row({ label: 'x', kind: 'model', backend: 'none' })), 'Discriminative (workbench)');
});

test('ours rows: kind and lossParams are checked, naming file, row and field', () => {
  const ok = validateOursScoreRows(
    [{ ...row({ label: 'a' }), kind: 'baseline', lossParams: { center: 0.01 } }],
    'f.json',
  );
  assert.equal(ok[0].kind, 'baseline');
  assert.throws(
    () => validateOursScoreRows([{ ...row({ label: 'a' }), kind: 'rule' }], 'f.json'),
    (e: unknown) => e instanceof InputError && e.location.row === 0 && e.location.field === 'kind',
  );
  assert.throws(
    () => validateOursScoreRows([{ ...row({ label: 'a' }), lossParams: { center: 'x' } }], 'f.json'),
    (e: unknown) => e instanceof InputError && e.location.field === 'lossParams.center',
  );
});
