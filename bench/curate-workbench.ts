// Benchmark: the workbench recipe from the raw offline files (load + verify sha256, pair-making, held-out split,
// decontamination against every benchmark prompt, filter, offsets + top-k, dedup, mixing) and writing the mix.
// Target: under 10 s on this machine. Run: node --import tsx bench/curate-workbench.ts [seed]
import { loadavg } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkbenchInputs } from '../src/curate/recipes/index.js';
import { workbenchRecipe } from '../src/curate/recipes/workbench.js';
import { writeMix } from '../src/curate/writeMix.js';

const seed = Number(process.argv[2] ?? 0);
const c0 = process.cpuUsage();
const t0 = performance.now();
const inputs = await loadWorkbenchInputs();
const t1 = performance.now();
const mix = await workbenchRecipe(inputs, { seed });
const t2 = performance.now();
const dir = mkdtempSync(join(tmpdir(), 'rmw-bench-curate-'));
const written = writeMix(dir, mix);
const t3 = performance.now();
const cpu = process.cpuUsage(c0);
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify(
    {
      seed,
      loadSeconds: +((t1 - t0) / 1000).toFixed(2),
      recipeSeconds: +((t2 - t1) / 1000).toFixed(2),
      writeSeconds: +((t3 - t2) / 1000).toFixed(2),
      totalSeconds: +((t3 - t0) / 1000).toFixed(2),
      cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(2),
      targetSeconds: 10,
      train: mix.train.length,
      heldOut: mix.heldOut.length,
      sha256: written.sha256,
      composition: mix.composition,
      loadAverage1m: loadavg()[0],
      node: process.version,
    },
    null,
    2,
  ),
);
