// The book's Lab chapter (lab.html): the browser lab bundle (dist/lab.js's build, scripts/labBundle.mjs) and its
// wasm under lab/, a lab pack under lab/pack.json, and the page that mounts the lab. The pack is the one given
// (--lab-pack, checked), else one exported from a mix (--lab-mix, or runs/mix when it exists, else the offline
// workbench mix curated into a temporary folder with seed 1). The chapters' lab panels (labPanels.ts) load the same
// files. It needs an http(s) page (a static server, offline is fine): browsers do not fetch files or start WebGPU
// from file://.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readLabPack, type LabPack } from '../../src/export/labPack.js';
import { buildLabPack } from '../../src/export/labPackWrite.js';
// @ts-expect-error a plain .mjs build script without declarations
import { buildLab, nodeImports } from '../labBundle.mjs';
import { escapeHtml } from './render.js';
import { pageHtml } from './page.js';

export const LAB_PAGE = { file: 'lab.html', title: 'Lab: train a reward model in your browser' };

export interface LabChapterOptions {
  root: string;
  /** A lab pack file (from `rmw export lab-pack`). */
  pack?: string;
  /** A mix folder to export the pack from. */
  mix?: string;
}

async function packFor(o: LabChapterOptions): Promise<LabPack> {
  if (o.pack) return readLabPack(JSON.parse(readFileSync(o.pack, 'utf8')), o.pack).pack;
  const mix =
    o.mix ?? (existsSync(join(o.root, 'runs', 'mix', 'train.parquet')) ? join(o.root, 'runs', 'mix') : undefined);
  if (mix) return (await buildLabPack({ mixDir: mix })).pack;
  const tmp = mkdtempSync(join(tmpdir(), 'rmw-lab-mix-'));
  try {
    const dir = join(tmp, 'workbench-seed1');
    execFileSync(
      process.execPath,
      [join(o.root, 'bin', 'rmw.js'), 'curate', 'workbench', '--out', dir, '--seed', '1'],
      // Its result lines go to a pipe and are dropped: rmw refuses a closed standard output.
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    return (await buildLabPack({ mixDir: dir })).pack;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Writes lab.html and lab/ into the book folder; `nav` is the book's, to which the Lab page is added. */
export async function buildLabChapter(
  outDir: string,
  nav: { file: string; title: string }[],
  o: LabChapterOptions,
): Promise<{ file: string; title: string; dataHash: string; gzipKB: number }> {
  const labDir = join(outDir, 'lab');
  mkdirSync(labDir, { recursive: true });
  const metafile = await buildLab(labDir, o.root);
  const node = nodeImports(metafile) as string[];
  if (node.length) throw new Error(`the browser lab imports Node modules:\n${node.join('\n')}`);
  const pack = await packFor(o);
  const packText = JSON.stringify(pack);
  writeFileSync(join(labDir, 'pack.json'), packText);
  const gzipKB = gzipSync(packText).length / 1024;
  const body =
    `<h1>${escapeHtml(LAB_PAGE.title)}</h1>
<p>Train the workbench's own transformer reward model here, in the page, with the same trainer and losses as
<code>rmw train</code>: pick a loss (Bradley-Terry, BT with margin, or focal) and its parameters, a model size, the
steps and the seed, and press Train. The training loss and the held-out accuracy are drawn as the steps arrive;
when a run ends, its chosen and rejected rewards on the held-out pairs are drawn beside the two runs before it,
so losses can be compared side by side. Every number here is ours, computed in this browser, and labelled with its
seed, model, backend and the data hash.</p>
<p>Backend: <em>auto</em> takes WebGPU when the browser has a real GPU adapter and WebAssembly otherwise (a software
WebGPU adapter is about 100 times slower than WebAssembly); the line under the controls says which ran and why.
On WebAssembly, seed ${pack.sampleSeed} and the tiny model give the same per-step losses as
<code>RMW_BACKEND=wasm rmw train --data MIX/train.parquet --eval MIX/heldout.parquet --model transformer --preset
quick --seed ${pack.sampleSeed} --steps N</code> in Node, MIX being the mix this pack came from
(${escapeHtml(pack.mix.name)}): the pack holds exactly the pairs that command draws with that seed.</p>
<div id="lab"></div>
<details><summary>The data card of the ` +
    `mix</summary><pre>${escapeHtml(pack.mix.card ?? '(the mix has no data card)')}</pre></details>
<script src="lab/lab.js"></script>
<script>
RmwLab.mountLab(document.getElementById('lab'), { packUrl: 'lab/pack.json', wasmBase: 'lab/lab-wasm/' }).catch(
  (err) => {
    const p = document.createElement('p');
    p.className = 'lab-error';
    p.textContent = 'The lab could not start: ' + (err && err.message ? err.message : err) +
      (location.protocol === 'file:' ? ' (serve the book folder over http, e.g. python3 -m http.server)' : '');
    document.getElementById('lab').append(p);
  },
);
</script>`;
  writeFileSync(join(outDir, LAB_PAGE.file), pageHtml({ title: LAB_PAGE.title, body, nav, current: LAB_PAGE.file }));
  return { ...LAB_PAGE, dataHash: pack.dataHash, gzipKB };
}
