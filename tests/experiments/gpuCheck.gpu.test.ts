// The GPU machine check's transformer loss ablation, read back by the results code: the gpu-check preset's mixes
// are built and packed (trainer preset quick, so the safety scorer trains in seconds), bench/gpu-ablation.ts runs in
// its reduced mode on SwiftShader's WebGPU adapter (2 losses, 1 seed, 2 steps, a tiny transformer), and
// `rmw experiment --collect` evaluates its runs here and writes tables labelled with model, backend and adapter.
// Skipped, saying why, when the SwiftShader ICD file is absent (CI installs chromium and libvulkan1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setting } from '../../src/config/env.js';
import { collectExperiments } from '../../src/experiments/collect.js';
import { copyGpuCheckFiles, gpuCheckFiles, PLANNED_FOR_GPU_MACHINE } from '../../src/experiments/gpuCheck.js';
import { EXPERIMENT_PRESETS, type ExperimentPreset } from '../../src/experiments/presets.js';
import { runExperiments } from '../../src/experiments/runner.js';
import { readRunSummary } from '../../src/experiments/runs.js';
import { writeResults } from '../../src/experiments/writeResults.js';

const ICD = setting('swiftShaderIcd');
const skip = existsSync(ICD) ? false : `no SwiftShader ICD at ${ICD} (apt-get install chromium libvulkan1)`;
if (skip) process.stdout.write(`# GPU check collect test skipped: ${skip}\n`);

const TINY = '{"vocabBuckets":128,"maxTokens":12,"dModel":8,"heads":2,"layers":1,"ffn":16}';

test('the packed files: mix records, the curated pairs, the held-out pairs, the safety scorer record', () => {
  assert.deepEqual(gpuCheckFiles(EXPERIMENT_PRESETS['gpu-check']), [
    'mixes/no-filter/record.json',
    'mixes/scorer-data/record.json',
    'mixes/curated/record.json',
    'mixes/curated/train.parquet',
    'mixes/no-filter/heldout.parquet',
    'runs/safety-scorer-s1000/experiment.json',
  ]);
});

test(
  'the GPU check ablation on SwiftShader comes back as results with model, backend and adapter',
  { skip, timeout: 600_000 },
  async () => {
    const root = mkdtempSync(join(tmpdir(), 'rmw-gpucheck-'));
    try {
      const preset: ExperimentPreset = { ...EXPERIMENT_PRESETS['gpu-check'], trainPreset: 'quick' };
      const runs = join(root, 'runs');
      await runExperiments({
        preset,
        runsDir: runs,
        mixesOnly: true,
        workers: 0,
        gpu: PLANNED_FOR_GPU_MACHINE,
        log: () => {},
      });
      copyGpuCheckFiles(preset, runs, join(root, 'packed'));

      const out = join(root, 'ablation');
      const args = ['--from', join(root, 'packed'), '--out', out, '--losses', 'bt,focal', '--seeds', '1'];
      const reduced = ['--train-preset', 'quick', '--steps', '2', '--model-config', TINY];
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/gpu-ablation.ts', ...args, ...reduced], {
        encoding: 'utf8',
        env: {
          ...process.env,
          RMW_BACKEND: 'webgpu',
          VK_ICD_FILENAMES: ICD,
          XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp',
          RMW_PROGRESS: '0',
        },
      });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /\| transformer-bt \| 1 \| transformer \| tfjs-webgpu \| google swiftshader/);
      // Trained, not evaluated: the GPU machine has no benchmarks.
      const trained = readRunSummary(join(out, 'runs', 'transformer-bt-s1'))!;
      assert.equal(trained.evaluation, null);
      assert.equal(trained.steps, 2);
      assert.deepEqual([trained.model.kind, trained.model.backend], ['transformer', 'tfjs-webgpu']);
      assert.match(trained.model.adapter ?? '', /swiftshader/);

      // Back where the data is: the folder's own preset (reduced, said in its description) is the one collected.
      const lines: string[] = [];
      const collected = await collectExperiments(undefined, out, { log: (l) => lines.push(l) });
      assert.equal(collected.preset.name, 'gpu-check');
      assert.match(collected.preset.description, /REDUCED/);
      assert.deepEqual(collected.counts.runsReevaluated, 2);
      assert.ok(
        lines.some((l) => l.includes('evaluating run transformer-focal seed 1 (transformer, trained on tfjs-webgpu)')),
      );
      const w = await writeResults(collected, { outDir: join(root, 'results'), images: false });
      const e = w.bundle.experiments.find((x) => x.id === 'transformer-loss-ablation')!;
      assert.deepEqual(
        e.variants.map((v) => [v.runId, v.model, v.backend, v.seeds]),
        [
          ['transformer-bt', 'transformer', 'tfjs-webgpu', [1]],
          ['transformer-focal', 'transformer', 'tfjs-webgpu', [1]],
        ],
      );
      assert.ok(e.variants.every((v) => v.adapter?.includes('swiftshader')));
      const table = readFileSync(join(root, 'results', 'experiment-transformer-loss-ablation.md'), 'utf8');
      assert.match(table, /\| Bradley-Terry \| transformer \/ webgpu \| 3786 \| 2 \|/);
      assert.match(table, /backend tfjs-webgpu \(WebGPU adapter google swiftshader/);
      assert.match(
        readFileSync(join(root, 'results', 'CONCLUSIONS.md'), 'utf8'),
        /## 7\. Loss ablation on the transformer/,
      );
      // The report's files come only from the experiments that fill them: none here.
      assert.ok(!w.files.includes('loss-ablation.json') && !w.files.includes('leaderboard.json'));
      // The collected records now hold their evaluation: a second collect evaluates nothing.
      assert.ok(readRunSummary(join(out, 'runs', 'transformer-bt-s1'))!.evaluation);
      assert.equal((await collectExperiments('gpu-check', out, { log: () => {} })).counts.runsReevaluated, 0);
      await assert.rejects(collectExperiments('quick', out), /the runs were made with preset gpu-check, not quick/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
);
