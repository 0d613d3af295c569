// One real static export through headless Chromium. CI installs chromium; where /usr/bin/chromium (or
// $RMW_CHROMIUM) is missing the test is skipped with the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlotlyExporter, figure1Composition, findChromium, writeFigure } from '../../src/report/index.js';

const chromium = findChromium();

test(
  'PNG + SVG export of Figure 1 through headless Chromium; SVG identical on a second render',
  { skip: chromium ? false : 'no Chromium at /usr/bin/chromium or $RMW_CHROMIUM (CI installs it)', timeout: 60_000 },
  async () => {
    const fig = figure1Composition(
      [
        { source: 'A', pairs: 3 },
        { source: 'B', pairs: 1 },
      ],
      [
        { source: 'A', pairs: 1 },
        { source: 'B', pairs: 1 },
      ],
    );
    const exporter = await PlotlyExporter.open();
    try {
      const dir = mkdtempSync(join(tmpdir(), 'rmw-fig-'));
      const files = await writeFigure(fig, dir, exporter);
      assert.deepEqual(
        files.map((f) => f.slice(dir.length + 1)),
        ['figure1-composition.json', 'figure1-composition.svg', 'figure1-composition.png'],
      );
      const png = readFileSync(files[2]);
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      assert.equal(png.readUInt32BE(16), fig.width * 2, 'PNG is rendered at 2x');
      const svg = readFileSync(files[1], 'utf8');
      assert.ok(svg.startsWith('<svg'));
      assert.ok(svg.includes('paper (reported)'));
      const again = await exporter.render(fig);
      assert.equal(again.svg, svg);
    } finally {
      await exporter.close();
    }
  },
);
