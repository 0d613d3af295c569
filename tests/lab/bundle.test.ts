// The browser lab's bundle: built for platform 'browser' with no Node module anywhere in it, and small enough for
// a classroom page (dist/lab.js and its wasm under 400 KB gzip together).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
// @ts-expect-error a plain .mjs build script without declarations
import { buildLab, nodeImports } from '../../scripts/labBundle.mjs';

test('the lab entry bundles for the browser with no node: import, dist/lab.js + wasm < 400 KB gzip', async () => {
  const out = mkdtempSync(join(tmpdir(), 'rmw-lab-'));
  const metafile = await buildLab(out);
  const inputs = Object.keys(metafile.inputs);
  // It is the real core: the trainer, the losses and the transformer are in it.
  for (const f of ['src/train/trainer.ts', 'src/losses/focal.ts', 'src/model/transformer/model.ts'])
    assert.ok(inputs.includes(f), `${f} is in the bundle`);
  assert.deepEqual(nodeImports(metafile), []);
  const files = [join(out, 'lab.js'), ...readdirSync(join(out, 'lab-wasm')).map((f) => join(out, 'lab-wasm', f))];
  const gzip = files.reduce((n, f) => n + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  assert.ok(gzip < 400 * 1024, `lab.js + wasm are ${(gzip / 1024).toFixed(0)} KB gzip`);
});

test('nodeImports finds a Node module in a metafile', () => {
  const metafile = {
    inputs: {
      'a.ts': { imports: [{ path: 'node:fs' }, { path: 'b.ts' }] },
      'b.ts': { imports: [{ path: 'crypto', external: true }] },
    },
  };
  assert.deepEqual(nodeImports(metafile), ['a.ts -> node:fs', 'b.ts -> crypto']);
});
