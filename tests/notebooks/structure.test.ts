// What a reader and a teacher get from the committed notebooks, read as files (nothing executed here): the display
// prelude is one library import, code fits 100 columns, no internal jargon in cells or in what they show, every
// exercise has a self-check and a worked solution whose executed output says it is right, and every figure is one
// output holding a PNG (at most the page's width, with text of at least 10 px at that width) beside its
// interactive Plotly JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { listNotebooks } from '../../scripts/run-notebooks.js';
import { PAGE_WIDTH, PLOTLY_MIME } from '../../src/workbook/display.js';

interface Output {
  output_type: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  metadata?: Record<string, { width?: number; height?: number }>;
}
interface Cell {
  cell_type: string;
  source: string | string[];
  metadata: { tags?: string[]; jupyter?: { source_hidden?: boolean } };
  outputs?: Output[];
}
const text = (s: string | string[] | undefined) => (Array.isArray(s) ? s.join('') : (s ?? ''));
const notebooks = listNotebooks().map((path) => ({
  name: basename(path),
  cells: (JSON.parse(readFileSync(path, 'utf8')) as { cells: Cell[] }).cells,
}));

/** What a reader sees of an output: printed text, Markdown, and a figure's title, annotations and legend (not its
 * metadata, which keeps the provenance as written). */
function visibleText(o: Output): string[] {
  if (o.output_type === 'stream') return [text(o.text)];
  const shown = [text(o.data?.['text/markdown'] as string | string[] | undefined)];
  const fig = o.data?.[PLOTLY_MIME] as { data: { name?: string }[]; layout: Record<string, unknown> } | undefined;
  if (fig) {
    const title = fig.layout.title as { text?: string } | undefined;
    const notes = (fig.layout.annotations ?? []) as { text?: string }[];
    shown.push(title?.text ?? '', ...notes.map((a) => a.text ?? ''), ...fig.data.map((t) => t.name ?? ''));
  }
  return shown;
}

/** Every font size a Plotly layout and its traces ask for, in px (Plotly's default is 12 where none is set). */
function fontSizes(fig: { data: Record<string, unknown>[]; layout: Record<string, unknown> }): number[] {
  const sizes: number[] = [];
  const walk = (v: unknown, key = ''): void => {
    if (typeof v === 'string') for (const m of v.matchAll(/font-size:\s*(\d+(?:\.\d+)?)px/g)) sizes.push(Number(m[1]));
    else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (k === 'size' && /font$/i.test(key) && typeof x === 'number') sizes.push(x);
        else walk(x, k);
      }
  };
  walk(fig.layout);
  walk(fig.data);
  return sizes.length ? sizes : [12];
}

test('fontSizes reads layout, trace and inline HTML font sizes', () => {
  const fig = {
    data: [{ textfont: { size: 9 } }],
    layout: { font: { size: 13 }, title: { text: 'T<br><span style="font-size:11px">s</span>' }, marker: { size: 4 } },
  };
  assert.deepEqual(fontSizes(fig).sort(), [11, 13, 9].sort());
});

for (const nb of notebooks) {
  const code = nb.cells.filter((c) => c.cell_type === 'code');

  test(`${nb.name}: the first cell imports the library once; no pasted display prelude, no tslab`, () => {
    const first = text(code[0].source);
    assert.match(first, /^import \* as rmw from 'reward-workbench';/);
    for (const c of code) {
      const s = text(c.source);
      assert.doesNotMatch(s, /tslab|PlotlyExporter|function showFigure|process\.env/, s.slice(0, 120));
    }
  });

  test(`${nb.name}: code lines fit 100 columns`, () => {
    const long = code.flatMap((c) => text(c.source).split('\n')).filter((l) => l.length > 100);
    assert.deepEqual(long, []);
  });

  test(`${nb.name}: no internal jargon (source tags, internal references) in cells or what they show`, () => {
    const jargon = /\[[STACR]\]|paper-facts|\b[Ii]ssue \d/;
    for (const c of nb.cells) {
      const s = text(c.source);
      assert.doesNotMatch(s, jargon, s.slice(0, 120));
      for (const shown of (c.outputs ?? []).flatMap(visibleText))
        assert.doesNotMatch(shown, jargon, shown.slice(0, 120));
    }
  });

  test(`${nb.name}: every exercise has a self-check cell and a worked solution that executed right`, () => {
    const headings = nb.cells
      .map((c, i) => ({ i, m: c.cell_type === 'markdown' ? text(c.source).match(/^### Exercise (\d+\.\d+)/) : null }))
      .filter((x) => x.m);
    assert.ok(headings.length >= 3, `${headings.length} exercises`);
    for (const { i, m } of headings) {
      const id = m![1];
      const [check, solution] = [nb.cells[i + 1], nb.cells[i + 2]];
      assert.match(text(check.source), new RegExp(`checkAnswer\\(\\s*'${id.replace('.', '\\.')}'`), `check of ${id}`);
      assert.deepEqual(solution.metadata.tags, ['solution'], `solution of ${id} is tagged`);
      assert.equal(solution.metadata.jupyter?.source_hidden, true, `solution of ${id} is collapsed`);
      assert.match(text(solution.source), /, true\);\s*$/, `solution of ${id} checks itself as a solution`);
      const said = (solution.outputs ?? []).map((o) => text(o.text)).join('');
      assert.match(said, new RegExp(`Exercise ${id.replace('.', '\\.')}: ✓ right`), `executed solution of ${id}`);
    }
  });

  test(`${nb.name}: every figure is one bundle, PNG and Plotly JSON, legible at the page width`, () => {
    const outputs = code.flatMap((c) => c.outputs ?? []);
    const figures = outputs.filter((o) => o.data && (o.data[PLOTLY_MIME] || o.data['image/png']));
    for (const o of figures) {
      assert.ok(o.data![PLOTLY_MIME] && o.data!['image/png'], 'a figure output carries both the PNG and the JSON');
      const shown = o.metadata?.['image/png'];
      assert.ok(shown?.width && shown.width <= PAGE_WIDTH, `displayed width ${shown?.width} ≤ ${PAGE_WIDTH}`);
      const png = Buffer.from(text(o.data!['image/png'] as string), 'base64');
      assert.equal(png.readUInt32BE(16), 2 * shown.width, 'the PNG is drawn at twice its displayed width');
      const fig = o.data![PLOTLY_MIME] as { data: Record<string, unknown>[]; layout: Record<string, unknown> };
      assert.equal(fig.layout.width, shown.width, 'the interactive figure has the static one’s width');
      const smallest = Math.min(...fontSizes(fig));
      assert.ok(smallest >= 10, `smallest font ${smallest}px at the displayed width`);
    }
  });
}
