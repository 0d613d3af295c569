// The transformer loss ablation end to end at a tiny size (a few steps of a d 16 transformer on wasm, 2 seeds):
// the runner trains it on the curated mix minus its validation split, stopping on that split; the named experiment's
// writer commits its file beside the results and CONCLUSIONS.md reads it; then, with the run folders gone, the
// committed file alone gives every run back by content hash (nothing trains), and a changed plan marks it stale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHeldOut } from '../../src/data/heldOut.js';
import { readPairsParquet } from '../../src/data/io/hfParquet.js';
import type { GpuAdapterFacts } from '../../src/experiments/gpuGate.js';
import { EXPERIMENT_PRESETS, type ExperimentPreset } from '../../src/experiments/presets.js';
import { runExperiments } from '../../src/experiments/runner.js';
import { mixTrainData, runFolder } from '../../src/experiments/runs.js';
import {
  readAblationResults,
  reuseCommittedAblation,
  TRANSFORMER_ABLATION_FILE,
} from '../../src/experiments/transformerAblation.js';
import { transformerSizing, type TransformerSizing } from '../../src/experiments/transformerSizing.js';
import { readResultsBundle, writeAblationResults } from '../../src/experiments/writeResults.js';
import { committedTransformerAblation } from '../../src/workbook/notebookTransformerAblation.js';

const CPU: GpuAdapterFacts = { real: false, adapter: null, why: 'no WebGPU adapter (test)' };
const TINY: TransformerSizing = {
  ...transformerSizing(CPU),
  model: { vocabBuckets: 256, maxTokens: 16, dModel: 16, heads: 2, layers: 1, ffn: 32 },
  train: { maxSteps: 6, evalEvery: 2, patience: 1 },
};
const PRESET: ExperimentPreset = {
  ...EXPERIMENT_PRESETS.transformer,
  seeds: [1, 2],
  resamples: 20,
  runs: { 'transformer-loss-ablation': ['transformer-bt', 'transformer-focal'] },
};

test(
  'transformer ablation: tiny run on wasm, committed file, conclusions, reuse by content hash',
  { timeout: 600_000 },
  async () => {
    const root = mkdtempSync(join(tmpdir(), 'rmw-tf-ablation-'));
    const runsDir = join(root, 'runs');
    const out = join(root, 'results');
    const log = () => {};
    try {
      const r = await runExperiments({ preset: PRESET, runsDir, workers: 0, gpu: CPU, sizing: TINY, log });
      assert.equal(r.sizing?.backend, 'wasm');
      assert.deepEqual(r.counts.runsTrained, 5); // the safety scorer, then 2 losses x 2 seeds
      const curated = await readPairsParquet(mixTrainData(join(runsDir, 'mixes', 'curated')));
      const validation = curated.filter((p) => isHeldOut(p, 0.1, 'rmw-validation-v1')).length;
      for (const id of ['transformer-bt', 'transformer-focal'])
        for (const rec of r.runs[id]) {
          assert.equal(rec.model.kind, 'transformer');
          assert.equal(rec.model.backend, 'tfjs-wasm');
          assert.equal(rec.model.config.dModel, 16);
          // Trained on the mix minus its validation split; stopped (or not) on that split, never on the held-out pairs.
          assert.equal(rec.trainPairs, curated.length - validation);
          assert.deepEqual(rec.validation, { fraction: 0.1, salt: 'rmw-validation-v1', pairs: validation });
          assert.ok(rec.earlyStop && rec.earlyStop.bestStep <= rec.steps && rec.steps <= 6);
          assert.equal(rec.finalHeldOut, null);
          assert.ok(rec.evaluation!.heldOut.metrics.overall >= 0);
        }

      const w = await writeAblationResults(r, { outDir: out, images: false, workers: 0 });
      assert.ok(w.files.includes(TRANSFORMER_ABLATION_FILE));
      const t = readAblationResults(out)!;
      assert.equal(t.sizing.backend, 'wasm');
      assert.equal(t.records.length, 4);
      assert.equal(t.cost.runs.length, 4);
      assert.ok(t.cost.wallSeconds !== null && t.cost.trainSeconds > 0);
      const bundle = readResultsBundle(out)!;
      const e = bundle.experiments.find((x) => x.id === 'transformer-loss-ablation')!;
      assert.deepEqual(
        e.variants.map((v) => [v.runId, v.model, v.backend, v.seeds]),
        [
          ['transformer-bt', 'transformer', 'tfjs-wasm', [1, 2]],
          ['transformer-focal', 'transformer', 'tfjs-wasm', [1, 2]],
        ],
      );
      // Seed-paired differences, as for the bow loss ablation.
      const d = e.differences['transformer-focal'].find((x) => x.metric === 'held-out/overall')!;
      const bt = e.variants[0].metrics['held-out/overall'].perSeed;
      const focal = e.variants[1].metrics['held-out/overall'].perSeed;
      assert.ok(Math.abs(d.mean - (focal[0] - bt[0] + focal[1] - bt[1]) / 2) < 1e-9);
      const md = readFileSync(join(out, 'CONCLUSIONS.md'), 'utf8');
      assert.match(
        md,
        new RegExp(
          String.raw`## 7\. Loss ablation on the transformer\n\nOurs, model \/ backend: transformer \/ ` +
            String.raw`wasm\.\n\nSize and stopping: d 16 x 1 layer`,
        ),
      );
      assert.match(md, /Does it learn\? BT held-out /);
      assert.ok(existsSync(join(out, 'experiment-transformer-loss-ablation.md')));
      const nb = committedTransformerAblation(out)!;
      assert.equal(nb.experiment.variants.length, 2);
      assert.match(nb.lines.join('\n'), /transformer on tfjs-wasm; d 16 x 1 layer/);

      // A fresh checkout has no run folders: the committed file gives every run back by its key; nothing trains.
      for (const id of ['transformer-bt', 'transformer-focal'])
        for (const s of [1, 2]) rmSync(runFolder(runsDir, id, s), { recursive: true, force: true });
      const again = await runExperiments({
        preset: PRESET,
        runsDir,
        workers: 0,
        gpu: CPU,
        sizing: TINY,
        log,
        committedRuns: t.records,
        reuseOnly: true,
      });
      assert.equal(again.counts.runsTrained, 0);
      assert.equal(again.counts.runsReevaluated, 0);
      assert.deepEqual(
        again.runs['transformer-focal'],
        t.records.filter((x) => x.runId === 'transformer-focal'),
      );

      // Another plan (here one more step) gives other keys: the committed results are kept, labelled stale.
      const stale = await reuseCommittedAblation(t, {
        runsDir,
        gpu: CPU,
        log,
        preset: PRESET,
        sizing: { ...TINY, train: { ...TINY.train, maxSteps: 7 } },
      });
      assert.equal(stale.status.current, false);
      assert.match(stale.status.why!, /\(4 planned run\(s\) have a content hash no committed run has: /);
      const current = await reuseCommittedAblation(t, { runsDir, gpu: CPU, log, preset: PRESET, sizing: TINY });
      assert.deepEqual(current.status, { current: true });
      assert.equal(stale.results, t);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
);
