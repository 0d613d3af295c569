// The Lab page trains with the same numbers as Node: a real mix (the offline workbench recipe, seed 1) exported by
// `rmw export lab-pack`, the book's lab.html served from 127.0.0.1 in headless Chromium, 8 steps of BT and of focal
// on wasm equal to trainRun (what `rmw train` runs) on the same mix files, seed and backend, step for step and bit
// for bit; 2 steps on WebGPU (SwiftShader) equal to wasm within 1e-4. The lab panel inside chapter 03 is the same
// lab: 2 wasm steps from it equal the Lab page's for the same seed. Slow (curating, SwiftShader shaders).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildBook } from '../../scripts/build-book.js';
import { buildLabChapter } from '../../scripts/book/lab.js';
import { selectBackend } from '../../src/model/backend.js';
import { trainRun } from '../../src/train/trainRun.js';
import { fromRoot } from '../../src/util/paths.js';
import { CHROMIUM_ARGS, CHROMIUM_ENV, serveFolder } from './labServer.js';

const skip = existsSync('/usr/bin/chromium') ? false : 'needs /usr/bin/chromium';

test(
  "lab.html on wasm gives rmw train's losses exactly, on WebGPU within 1e-4; chapter 03's panel gives lab.html's",
  { skip },
  async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'rmw-lab-gpu-'));
    const srv = { close: async () => {} };
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      env: CHROMIUM_ENV,
    });
    try {
      const rmw = (...args: string[]) =>
        execFileSync(process.execPath, [fromRoot('bin', 'rmw.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      const mix = join(tmp, 'mix');
      rmw('curate', 'workbench', '--out', mix, '--seed', '1');
      const packFile = join(tmp, 'pack.json');
      rmw('export', 'lab-pack', '--mix', mix, '--out', packFile);
      const pack = JSON.parse(readFileSync(packFile, 'utf8'));

      // The book as `npm run book --lab-pack` writes it: the chapters (03 with its lab panel), then the Lab chapter.
      const { outDir: book, nav } = buildBook(join(tmp, 'book'));
      const lab = await buildLabChapter(book, nav, { root: fromRoot(), pack: packFile });
      assert.equal(lab.dataHash, pack.dataHash);
      const served = await serveFolder(book);
      srv.close = served.close;
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      // Generous waits: the page parses plotly, the bundle and the pack, slow on a busy shared machine.
      await page.goto(`${served.url}lab.html`, { timeout: 180_000 });
      await page.waitForFunction(() => 'rmwLab' in globalThis, null, { timeout: 180_000 });
      // The page shows the pack's hash.
      assert.equal(await page.getAttribute('.lab-status', 'data-hash'), pack.dataHash);
      const inPage = (loss: string, steps: number, backend: string) =>
        page.evaluate(
          (a) =>
            (
              globalThis as unknown as {
                rmwLab: { train(r: object): Promise<{ losses: number[]; backend: string; dataHash: string }> };
              }
            ).rmwLab.train(a),
          { loss, steps, seed: 1, backend, evaluate: false },
        );

      await selectBackend('wasm', { log: false });
      const node = async (loss: string) =>
        (
          await trainRun({
            data: join(mix, 'train.parquet'),
            evalData: join(mix, 'heldout.parquet'),
            model: 'transformer',
            loss,
            preset: 'quick',
            train: { seed: 1, maxSteps: 8 },
          })
        ).steps.map((s) => s.loss);

      for (const loss of ['bt', 'focal']) {
        const browserRun = await inPage(loss, 8, 'wasm');
        assert.equal(browserRun.backend, 'wasm');
        assert.equal(browserRun.dataHash, pack.dataHash);
        assert.equal(browserRun.losses.length, 8);
        assert.deepEqual(browserRun.losses, await node(loss), `${loss}: page (wasm) and Node (wasm) per-step losses`);
      }
      const wasm2 = (await inPage('bt', 2, 'wasm')).losses;
      const gpu = await inPage('bt', 2, 'webgpu');
      assert.equal(gpu.backend, 'webgpu');
      for (let i = 0; i < 2; i++)
        assert.ok(
          Math.abs(gpu.losses[i] - wasm2[i]) < 1e-4,
          `step ${i + 1}: webgpu ${gpu.losses[i]} vs wasm ${wasm2[i]}`,
        );
      assert.deepEqual(errors, []);

      // Chapter 03's panel: the same bundle and pack, driven through window.rmwLabPanels.losses.
      const chapter = await browser.newPage();
      const chapterErrors: string[] = [];
      chapter.on('pageerror', (e) => chapterErrors.push(e.message));
      await chapter.goto(`${served.url}03_losses.html`, { timeout: 180_000 });
      await chapter.waitForFunction(
        () => 'losses' in ((globalThis as { rmwLabPanels?: object }).rmwLabPanels ?? {}),
        null,
        {
          timeout: 180_000,
        },
      );
      assert.equal(await chapter.getAttribute('#lab-panel-losses .lab-status', 'data-hash'), pack.dataHash);
      const panel = await chapter.evaluate(
        (a) =>
          (
            globalThis as unknown as {
              rmwLabPanels: Record<
                string,
                { train(r: object): Promise<{ losses: number[]; backend: string; dataHash: string }> }
              >;
            }
          ).rmwLabPanels.losses.train(a),
        { loss: 'bt', steps: 2, seed: 1, backend: 'wasm', evaluate: false },
      );
      assert.equal(panel.backend, 'wasm');
      assert.equal(panel.dataHash, pack.dataHash);
      assert.deepEqual(panel.losses, wasm2, "chapter 03's panel and the Lab page: 2 wasm steps of bt, seed 1");
      assert.deepEqual(chapterErrors, []);
    } finally {
      await browser.close();
      await srv.close();
      rmSync(tmp, { recursive: true, force: true });
    }
  },
);
