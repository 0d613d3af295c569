// The book (npm run book) in a real headless Chromium: every page loads from disk with no network request and no
// console error, every Plotly figure is drawn by the bundled plotly.js, fits the reading column, and its smallest
// text is at least 10 CSS pixels; every chapter folds its worked solutions. It reads the committed notebooks'
// outputs and executes none. Skipped, with the reason, where Chromium is not installed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { buildBook, type Book } from '../../scripts/build-book.js';
import { CHROMIUM_FLAGS, findChromium } from '../../src/report/plotlyExport.js';
import { fromRoot } from '../../src/util/paths.js';

const executable = findChromium();
const skip = executable ? false : 'Chromium not found (apt-get install chromium, or set RMW_CHROMIUM)';
/** The smallest text a figure may draw, in CSS pixels at the page's own scale. */
const MIN_FONT_PX = 10;

let book: Book;
let dir: string;
let browser: Browser | undefined;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rmw-book-'));
  book = buildBook(join(dir, 'book'));
  if (executable) browser = await chromium.launch({ executablePath: executable, headless: true, args: CHROMIUM_FLAGS });
});

after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the book has an index, one page per notebook in reading order, and the teacher page', () => {
  const notebooks = ['00_environment', '01_sources', '02_curation', '03_losses', '04_training', '05_evaluation'];
  const files = book.pages.map((p) => p.file);
  assert.equal(files[0], 'index.html');
  assert.deepEqual(
    files.slice(1, 7),
    notebooks.map((n) => `${n}.html`),
  );
  assert.ok(files.includes('teaching.html'), 'teaching.html');
  const index = readFileSync(join(book.outDir, 'index.html'), 'utf8');
  for (const n of notebooks) assert.match(index, new RegExp(`href="${n}.html"`));
  for (const p of book.pages.filter((x) => /^\d\d_/.test(x.file)))
    assert.ok(p.solutions >= 3, `${p.file}: ${p.solutions} worked solutions`);
});

test('a folder the book builder did not create is refused', () => {
  assert.throws(() => buildBook(fromRoot('notebooks')), /was not written by the book builder/);
});

test('every page loads offline without errors and draws every figure legibly', { skip }, async () => {
  const page = await browser!.newPage({ viewport: { width: 1000, height: 900 } });
  for (const p of book.pages) {
    const problems: string[] = [];
    page.removeAllListeners();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!/^(file|data|blob):/.test(r.url())) problems.push(`network request: ${r.url()}`);
    });
    await page.goto(pathToFileURL(join(book.outDir, p.file)).href);
    await page.waitForFunction(() => document.body.dataset.figuresDrawn !== undefined, undefined, { timeout: 120_000 });
    const seen = await page.evaluate(() => {
      const figures = Array.from(document.querySelectorAll('.figure'));
      const column = document.querySelector('main')!.clientWidth;
      return {
        drawn: Number(document.body.dataset.figuresDrawn),
        svgs: figures.filter((f) => f.querySelector('svg.main-svg')).length,
        tooWide: figures.filter((f) => f.querySelector('svg.main-svg')!.getBoundingClientRect().width > column).length,
        minFont: Math.min(
          ...figures.flatMap((f) =>
            Array.from(f.querySelectorAll('text'))
              .filter((t) => (t.textContent ?? '').trim() && t.getBoundingClientRect().width > 0)
              .map((t) => parseFloat(getComputedStyle(t).fontSize)),
          ),
        ),
        solutions: document.querySelectorAll('details.solution').length,
      };
    });
    assert.deepEqual(problems, [], `${p.file}`);
    assert.equal(seen.drawn, p.figures, `${p.file}: figures drawn`);
    assert.equal(seen.svgs, p.figures, `${p.file}: figures with a plot`);
    assert.equal(seen.tooWide, 0, `${p.file}: figures wider than the reading column`);
    if (p.figures) assert.ok(seen.minFont >= MIN_FONT_PX, `${p.file}: smallest figure text ${seen.minFont}px`);
    assert.equal(seen.solutions, p.solutions, `${p.file}: folded solutions`);
  }
  await page.close();
});
