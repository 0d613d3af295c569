// The notebooks' own figures (RM-Bench's style matrices, notebook 04's training curves and per-source accuracy) drawn
// in headless Chromium as a notebook shows them (in reader's words, fitted to the page width): no text leaves the
// figure and no two texts overlap. RMW_FIGURE_PNG=<dir> also writes each one's picture there, to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CHROMIUM_FLAGS, findChromium } from '../../src/report/plotlyExport.js';
import { layoutProblems, MEASURE_SCRIPT, type TextBox } from '../../src/report/textLayout.js';
import type { PlotlyFigure } from '../../src/report/theme.js';
import { fitToPage, PAGE_WIDTH } from '../../src/workbook/display.js';
import { figureForReaders } from '../../src/workbook/readerText.js';
import { fromRoot } from '../../src/util/paths.js';
import { notebookFigures } from './notebookFigureFixtures.js';

const chromium = findChromium();

test(
  "the notebooks' figures fit the page: no text outside, no text over text",
  { skip: !chromium && 'no Chromium' },
  async () => {
    const { chromium: pw } = await import('playwright-core');
    const browser = await pw.launch({ executablePath: chromium, headless: true, args: CHROMIUM_FLAGS });
    const pngDir = process.env.RMW_FIGURE_PNG;
    if (pngDir) mkdirSync(pngDir, { recursive: true });
    const problems: string[] = [];
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1400 } });
      await page.setContent(
        '<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0"><div ' +
          'id="plot"></div></body></html>',
      );
      await page.addScriptTag({
        path: createRequire(fromRoot('package.json')).resolve('plotly.js-dist-min/plotly.min.js'),
      });
      await page.addScriptTag({ content: MEASURE_SCRIPT });
      for (const [name, figure] of Object.entries(await notebookFigures())) {
        const f: PlotlyFigure = fitToPage(figureForReaders(figure));
        assert.ok(f.width <= PAGE_WIDTH, `${name} is ${f.width} px wide`);
        const layout = { ...f.layout, width: f.width, height: f.height };
        const boxes = (await page.evaluate(
          `(async () => { const el = document.getElementById('plot'); Plotly.purge(el);
            await Plotly.newPlot(el, ${JSON.stringify(f.data)}, ${JSON.stringify(layout)}, { staticPlot: true });
            return window.rmwTextBoxes(el); })()`,
        )) as TextBox[];
        assert.ok(boxes.length > 10, `${name}: only ${boxes.length} texts drawn`);
        problems.push(...layoutProblems(boxes, f.width, f.height).map((p) => `${name}: ${p.message}`));
        if (pngDir)
          writeFileSync(
            join(pngDir, `${name}.png`),
            await page.screenshot({ clip: { x: 0, y: 0, width: f.width, height: f.height } }),
          );
      }
    } finally {
      await browser.close();
    }
    assert.deepEqual(problems, [], `${problems.length} text layout problems`);
  },
);
