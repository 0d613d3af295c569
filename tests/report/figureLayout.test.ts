// Every figure a reader sees, drawn in headless Chromium where they see it: the committed figures (figures/ and
// figures/results), the same figures as a notebook shows them (in reader's words, fitted to the page), the figure
// bundles stored in the notebooks (their Plotly JSON), and the book's pages at the book's width. No text may leave
// its figure or overlap another text. One browser, one page for all of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_FLAGS, findChromium } from '../../src/report/plotlyExport.js';
import { layoutProblems, MEASURE_SCRIPT, type TextBox } from '../../src/report/textLayout.js';
import { fitToPage, PAGE_WIDTH, PLOTLY_MIME } from '../../src/workbook/display.js';
import { figureForReaders } from '../../src/workbook/readerText.js';
import { buildBook } from '../../scripts/build-book.js';
import { fromRoot } from '../../src/util/paths.js';

interface Drawn {
  where: string;
  /** Notebook and figure id ("05_evaluation rmbench-matrices") for figures stored in notebook outputs. */
  key?: string;
  figure: { data: unknown[]; layout: Record<string, unknown> };
}

const figureId = (plain: unknown) => /<Figure ([^:>]+)/.exec(String(plain))?.[1] ?? 'unknown';

/** Every committed figure JSON (tables drawn as figures included). */
function committedFigures(): Drawn[] {
  return [fromRoot('figures'), fromRoot('figures', 'results')].flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ f, json: JSON.parse(readFileSync(join(dir, f), 'utf8')) as Drawn['figure'] }))
      .filter((x) => Array.isArray(x.json.data) && x.json.layout)
      .map((x) => ({ where: join(dir, x.f).slice(fromRoot().length + 1), figure: x.json })),
  );
}

/** The committed figures as a notebook shows them: in reader's words, fitted to the page (display.ts). */
function fittedFigures(): Drawn[] {
  return committedFigures().flatMap((d) => {
    const l = d.figure.layout;
    const f = {
      id: d.where,
      data: d.figure.data as Record<string, unknown>[],
      layout: l,
      width: Number(l.width),
      height: Number(l.height),
    };
    // Tables are shown in a notebook as Markdown, never as their figure.
    if (!(f.width > PAGE_WIDTH) || d.where.endsWith('-table.json')) return [];
    const fitted = fitToPage(figureForReaders(f));
    const layout = { ...fitted.layout, width: fitted.width, height: fitted.height };
    return [{ where: `${d.where} fitted to the page`, figure: { data: fitted.data, layout } }];
  });
}

/** Every Plotly bundle stored in a notebook's outputs, in order, keyed by notebook and figure id. */
function notebookFigures(name: string): Drawn[] {
  const nb = JSON.parse(readFileSync(fromRoot('notebooks', name), 'utf8')) as {
    cells: { outputs?: { data?: Record<string, unknown> }[] }[];
  };
  return nb.cells.flatMap((c, i) =>
    (c.outputs ?? []).flatMap((o) =>
      o.data?.[PLOTLY_MIME]
        ? [
            {
              where: `notebooks/${name} cell ${i}`,
              key: `${name.replace(/\.ipynb$/, '')} ${figureId(o.data['text/plain'])}`,
              figure: o.data[PLOTLY_MIME] as Drawn['figure'],
            },
          ]
        : [],
    ),
  );
}

const chromium = findChromium();

test(
  'no figure has text outside it or text over text: figures/, the notebooks and the book',
  { skip: !chromium && 'no Chromium' },
  async () => {
    const { chromium: pw } = await import('playwright-core');
    const browser = await pw.launch({ executablePath: chromium, headless: true, args: CHROMIUM_FLAGS });
    const bookDir = mkdtempSync(join(tmpdir(), 'rmw-book-'));
    const strict: string[] = [];
    const stored = new Map<string, string[]>();
    const record = (d: { where: string; key?: string }, boxes: TextBox[], w: number, h: number) => {
      const found = layoutProblems(boxes, w, h).map((p) => `${d.where}: ${p.message}`);
      if (!d.key) strict.push(...found);
      else stored.set(`${d.key} @ ${d.where}`, found);
    };
    const notebooks = readdirSync(fromRoot('notebooks'))
      .filter((f) => f.endsWith('.ipynb'))
      .sort();
    let drawn = 0;
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page.setContent(
        '<!doctype html><html><head><meta charset="utf-8"></head><body><div id="plot"></div></body></html>',
      );
      const require = createRequire(fromRoot('package.json'));
      await page.addScriptTag({ path: require.resolve('plotly.js-dist-min/plotly.min.js') });
      await page.addScriptTag({ content: MEASURE_SCRIPT });
      const figures = [...committedFigures(), ...fittedFigures(), ...notebooks.flatMap(notebookFigures)];
      for (const d of figures) {
        const layout = d.figure.layout;
        const boxes = (await page.evaluate(
          `(async () => { const el = document.getElementById('plot'); Plotly.purge(el);
            await Plotly.newPlot(el, ${JSON.stringify(d.figure.data)}, ${JSON.stringify(layout)}, { staticPlot: true });
            return window.rmwTextBoxes(el); })()`,
        )) as TextBox[];
        record(d, boxes, Number(layout.width ?? 700), Number(layout.height ?? 450));
        drawn++;
      }
      // The book built from the committed notebooks, each page at the book's reading width.
      const book = buildBook(bookDir);
      for (const p of book.pages.filter((x) => x.figures > 0)) {
        await page.goto(pathToFileURL(join(bookDir, p.file)).href);
        await page.waitForSelector('body[data-figures-drawn]', { timeout: 60_000 });
        await page.addScriptTag({ content: MEASURE_SCRIPT });
        const figs = (await page.evaluate(
          `Array.from(document.querySelectorAll('.figure')).map((el) => { const s = el.querySelector('svg.main-svg');
            return { boxes: window.rmwTextBoxes(el), w: s.width.baseVal.value, h: s.height.baseVal.value }; })`,
        )) as { boxes: TextBox[]; w: number; h: number }[];
        const sources = notebookFigures(p.file.replace(/\.html$/, '.ipynb'));
        figs.forEach((f, i) =>
          record({ where: `book/${p.file} figure ${i + 1}`, key: sources[i]?.key }, f.boxes, f.w, f.h),
        );
        drawn += figs.length;
      }
    } finally {
      await browser.close();
      rmSync(bookDir, { recursive: true, force: true });
    }
    const over = [...stored].flatMap(([k, ps]) => (ps.length > 0 ? [`${k}: ${ps.length} problems`, ...ps] : []));
    // RMW_LAYOUT_REPORT=<file> writes every problem found there (for before/after counts).
    if (process.env.RMW_LAYOUT_REPORT)
      writeFileSync(
        process.env.RMW_LAYOUT_REPORT,
        `${drawn} figures drawn\n${[...strict, ...[...stored.values()].flat()].join('\n')}\n`,
      );
    assert.ok(drawn > 20, `only ${drawn} figures drawn`);
    assert.deepEqual(strict, [], `${strict.length} text layout problems in the committed figures`);
    assert.deepEqual(over, [], 'layout problems in the figures stored in the notebooks (and so in the book)');
  },
);

test('text boxes: outside the figure and overlapping are told apart, touching is fine', async () => {
  const { layoutProblems: judge } = await import('../../src/report/textLayout.js');
  const box = (text: string, x: number, y: number, width = 40, height = 12) => ({
    text,
    kind: 't',
    x,
    y,
    width,
    height,
  });
  assert.deepEqual(judge([box('a', 0, 0), box('b', 40, 0)], 100, 20), []);
  assert.deepEqual(
    judge([box('a', 0, 0), box('b', 30, 5)], 100, 20).map((p) => p.kind),
    ['overlap'],
  );
  assert.deepEqual(
    judge([box('a', 70, 0)], 100, 20).map((p) => p.kind),
    ['outside'],
  );
});
