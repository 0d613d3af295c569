// The notebooks' display helpers: a figure is one bundle (PNG with its display size + Plotly JSON), a table is
// Markdown, and figures wider than the page are narrowed to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  displayBundle,
  figureBundle,
  fitToPage,
  PAGE_WIDTH,
  PLOTLY_MIME,
  setDisplaySink,
  show,
  tableMarkdown,
  type DisplayBundle,
} from '../../src/workbook/display.js';
import type { PlotlyFigure } from '../../src/report/theme.js';

const fig: PlotlyFigure = {
  id: 'f',
  data: [{ type: 'scatter', x: [1], y: [2] }],
  layout: { title: { text: 'Title<br><span>sub</span>' } },
  width: 700,
  height: 400,
};

test('a figure bundle holds the PNG with its display size beside the Plotly JSON and a text title', () => {
  const b = figureBundle(fig, Buffer.from([1, 2, 3]));
  assert.deepEqual(Object.keys(b.data).sort(), ['application/vnd.plotly.v1+json', 'image/png', 'text/plain']);
  assert.equal(b.data['image/png'], 'AQID');
  assert.deepEqual(b.metadata, { 'image/png': { width: 700, height: 400 } });
  assert.deepEqual(b.data[PLOTLY_MIME], { data: fig.data, layout: { ...fig.layout, width: 700, height: 400 } });
  assert.equal(b.data['text/plain'], '<Figure f: Title>');
});

test('without a PNG the bundle is the Plotly JSON and the text title only', () => {
  const b = figureBundle(fig);
  assert.deepEqual(Object.keys(b.data).sort(), ['application/vnd.plotly.v1+json', 'text/plain']);
  assert.deepEqual(b.metadata, {});
});

test('fitToPage narrows wider figures to the page width and leaves narrower ones alone', () => {
  assert.equal(fitToPage({ ...fig, width: 1600 }).width, PAGE_WIDTH);
  assert.equal(fitToPage({ ...fig, width: 1600 }).height, 400);
  assert.equal(fitToPage(fig), fig);
});

test('show sends a report table as Markdown to the display sink', () => {
  const seen: DisplayBundle[] = [];
  setDisplaySink((b) => seen.push(b));
  try {
    show({ id: 't', title: 'T', columns: [{ label: 'a', align: 'left' }], rows: [['1']], breaks: [], notes: [] });
    displayBundle({ data: { 'text/plain': 'x' }, metadata: {} });
  } finally {
    setDisplaySink(undefined);
  }
  assert.equal(seen.length, 2);
  assert.match(String(seen[0].data['text/markdown']), /\*\*T\*\*[\s\S]*\| a \|[\s\S]*\| 1 \|/);
});

test('outside a tslab kernel, with no sink, displaying is an error that says what to do', () => {
  assert.throws(() => displayBundle({ data: {}, metadata: {} }), /tslab|setDisplaySink/);
});

test(
  'fitToPage wraps a caption below the plot again for the narrower page and grows the bottom margin by ' + 'its lines',
  () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const wide: PlotlyFigure = {
      ...fig,
      width: 1400,
      layout: {
        margin: { l: 10, r: 20, t: 100, b: 100 },
        annotations: [{ text: words, xref: 'paper', yref: 'paper', x: 0, y: -0.2, font: { size: 11 } }],
      },
    };
    const fitted = fitToPage(wide);
    const text = (fitted.layout.annotations as { text: string }[])[0].text;
    const lines = text.split('<br>');
    // (860 - 10 - 215 - 8) px at 0.6 x 11 px a character: 95 characters a line at most.
    assert.ok(
      lines.every((l) => l.length <= 95),
      lines.join(' | '),
    );
    assert.equal(lines.join(' '), words);
    const margin = fitted.layout.margin as { b: number };
    assert.equal(margin.b - 100, fitted.height - 400);
    assert.equal(fitted.height - 400, Math.ceil((lines.length - 1) * 11 * 1.3));
  },
);

test('a table with many notes shows its first and folds the others into one details line', () => {
  const t = {
    id: 't',
    title: 'T',
    columns: [{ label: 'a', align: 'left' as const }],
    rows: [['1']],
    breaks: [],
    notes: ['what the numbers are', 'run a', 'run b', 'run c'],
  };
  const md = tableMarkdown(t);
  assert.match(
    md,
    new RegExp(
      String.raw`- what the numbers are\n+<details><summary>Provenance and notes \(3 more\)<\/summary>\n\n- run a\n- ` +
        String.raw`run b\n- run c\n\n<\/details>$`,
    ),
  );
  assert.doesNotMatch(tableMarkdown({ ...t, notes: ['one', 'two'] }), /details/);
});
