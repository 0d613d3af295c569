// Titles and subtitles promise content; the figures must hold it. Checked on every figure `rmw figures` and the
// experiments wrote (figures/*.json, figures/results/*.json), and on the figure builders with tiny inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { figure2ScoreDistributions } from '../../src/report/figure2ScoreDistributions.js';
import { differenceFigure } from '../../src/report/differenceFigure.js';
import { tableFigure } from '../../src/report/tableFigure.js';
import { OURS_LABEL, PAPER_LABEL } from '../../src/report/tableRender.js';
import { fromRoot } from '../../src/util/paths.js';

interface Fig {
  data: { type?: string; name?: string; y?: unknown[]; cells?: { values: unknown[][] } }[];
  layout: { title?: { text?: string } };
}
const NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };

/** What a figure's title and subtitle promise that its content does not hold. */
function brokenPromises(fig: Fig): string[] {
  const title = fig.layout.title?.text ?? '';
  const broken: string[] = [];
  const tableCells = fig.data.filter((d) => d.type === 'table').flatMap((d) => d.cells?.values.flat() ?? []);
  if (/orange rows/.test(title) && !tableCells.includes(OURS_LABEL)) broken.push('orange rows promised, none');
  if (/blue rows/.test(title) && !tableCells.includes(PAPER_LABEL)) broken.push('blue rows promised, none');
  const reward = title.match(/(\w+) real reward models/);
  if (reward) {
    const promised = NUMBERS[reward[1]] ?? Number(reward[1]);
    const shown = new Set(fig.data.filter((d) => /real reward models/.test(d.name ?? '')).flatMap((d) => d.y ?? []));
    if (shown.size !== promised) broken.push(`${promised} real reward models promised, ${shown.size} drawn`);
  }
  if (
    /\band ours\b/.test(title) &&
    !fig.data.some((d) => /ours/.test(d.name ?? '')) &&
    !tableCells.includes(OURS_LABEL)
  )
    broken.push('ours promised, none drawn');
  return broken;
}

for (const dir of [fromRoot('figures'), fromRoot('figures', 'results')]) {
  test(`every figure in ${dir.replace(fromRoot(), '.')} holds what its title promises`, () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    const figures = files
      .map((f) => ({ f, fig: JSON.parse(readFileSync(join(dir, f), 'utf8')) as Fig }))
      .filter(({ fig }) => Array.isArray(fig.data) && fig.layout);
    assert.ok(figures.length > 0);
    const broken = figures.flatMap(({ f, fig }) => brokenPromises(fig).map((b) => `${f}: ${b}`));
    assert.deepEqual(broken, []);
  });
}

test('the promise checker catches a paper-only table that promises orange rows', () => {
  const fig = {
    data: [{ type: 'table', cells: { values: [[PAPER_LABEL]] } }],
    layout: { title: { text: 'T<br>orange rows' } },
  };
  assert.deepEqual(brokenPromises(fig), ['orange rows promised, none']);
});

test('a table figure names only the row colours it has', () => {
  const table = (rows: string[][]) =>
    tableFigure({ id: 't', title: 'T', columns: [{ label: 'From', align: 'left' }], rows, breaks: [], notes: [] });
  const paperOnly = String((table([[PAPER_LABEL]]).layout.title as { text: string }).text);
  assert.match(paperOnly, /blue rows/);
  assert.doesNotMatch(paperOnly, /orange/);
  assert.match(String((table([[PAPER_LABEL], [OURS_LABEL]]).layout.title as { text: string }).text), /orange rows/);
});

test('Figure 2 says "adjusted" only when an offset was applied', () => {
  const groups = { a: [{ id: '1', prompt: [], responses: [{ text: 'x', score: 0.5 }] }] };
  const title = (offsets: Record<string, number>) =>
    String(
      (
        figure2ScoreDistributions(groups as never, offsets, { id: 'f2', scoreLabel: 's', captionText: 'c' }).layout
          .title as { text: string }
      ).text,
    );
  assert.match(title({}), /no offsets/);
  assert.doesNotMatch(title({}), /adjusted/i);
  assert.match(title({ a: 0.1 }), /adjusted/);
});

test('a difference figure draws every variant, ours with CIs and the paper beside, against a zero line', () => {
  const fig = differenceFigure(
    [
      {
        label: 'Focal',
        heldOut: { mean: -0.5, ci95: [-1, 0] },
        score: { mean: 0.2, ci95: [-0.1, 0.5] },
        paper: [{ base: 'Gemma-2-27B', delta: -0.2 }],
      },
      { label: 'Hinge', heldOut: { mean: 0.3 }, paper: [] },
    ],
    { id: 'd', title: 'Loss ablation', reference: 'Bradley-Terry', captionText: 'c', provenance: 'p' },
  );
  const [heldOut, score, paper] = fig.data as {
    x: number[];
    y: string[];
    name: string;
    error_x?: { array: number[] };
  }[];
  assert.deepEqual(heldOut.y, ['Focal', 'Hinge']);
  assert.deepEqual(heldOut.error_x?.array, [0.5, 0]);
  assert.deepEqual(score.y, ['Focal']);
  assert.deepEqual(paper.x, [-0.2]);
  assert.match(paper.name, /paper \(reported\), Gemma-2-27B/);
  assert.equal((fig.layout.xaxis as { zeroline: boolean }).zeroline, true);
  assert.deepEqual(fig.layout.meta, { provenance: 'p' });
  assert.ok(fig.width <= 860);
});
