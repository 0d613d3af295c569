// The transformer loss ablation for a GPU machine (bench/gpu-prepare.sh packs it): Bradley-Terry, BT with margin and
// focal, two seeds each, trained through trainRun on the packed workbench mix (train.parquet, evaluated on
// heldout.parquet) at a preset (full by default). Each run writes its run folder (run.json with the device report,
// weights.bin: what loadRun and `rmw eval --run` read) under --out/<loss>-seed<n>/, and the whole ablation a
// summary.json and summary.md with model, backend and adapter in every row.
// Usage: node --import tsx bench/gpu-ablation.ts --mix DIR --out DIR [--losses bt,bt-margin,focal] [--seeds 1,2]
//        [--preset full|quick] [--steps N] [--model-config JSON]   (the last two: the reduced SwiftShader run)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCommandLine } from '../src/cli/flags.js';
import { selectBackend } from '../src/model/backend.js';
import { activeWebGpuDevice } from '../src/model/device/tfjsWebgpu.js';
import { trainRun } from '../src/train/trainRun.js';

interface Row {
  loss: string;
  seed: number;
  model: string;
  backend: string;
  adapter: string | null;
  steps: number;
  trainPairs: number;
  heldOut: { n: number; accuracy: number; ci95: [number, number]; loss: number | null } | null;
  stepMsMean: number | null;
  device: unknown;
  runDir: string;
}

async function main(): Promise<void> {
  const { flags } = readCommandLine(
    {
      mix: { type: 'string', required: true, help: 'mix folder with train.parquet and heldout.parquet' },
      out: { type: 'string', required: true, help: 'folder for the run folders and summary.json/md' },
      losses: { type: 'string', default: 'bt,bt-margin,focal', help: 'losses, comma-separated' },
      seeds: { type: 'numbers', defaultText: '1,2', help: 'seeds, comma-separated' },
      preset: { type: 'string', choices: ['quick', 'full'], default: 'full', help: 'trainer preset' },
      steps: { type: 'integer', min: 1, help: "stop each run after N steps (default: the preset's)" },
      'model-config': { type: 'string', default: '{}', help: 'transformer config overrides, as JSON' },
    },
    process.argv.slice(2),
    'bench/gpu-ablation',
  );
  const { mix, out, preset, steps } = flags;
  const losses = flags.losses.split(',');
  const seeds = flags.seeds ?? [1, 2];
  const modelConfig = JSON.parse(flags['model-config']) as Record<string, unknown>;
  const selection = await selectBackend(); // RMW_BACKEND (webgpu on the GPU machine), said on stderr
  const t0 = performance.now();
  const rows: Row[] = [];
  mkdirSync(out, { recursive: true });
  for (const loss of losses) {
    for (const seed of seeds) {
      const runDir = join(out, `${loss}-seed${seed}`);
      const r = await trainRun({
        data: join(mix, 'train.parquet'),
        evalData: join(mix, 'heldout.parquet'),
        model: 'transformer',
        modelConfig,
        loss,
        preset,
        train: { seed, ...(steps ? { maxSteps: steps } : {}) },
        outDir: runDir,
        command: ['gpu-ablation', loss, `seed=${seed}`],
      });
      const rec = (r.record ?? {}) as { model?: { kind: string; backend: string }; timings?: { stepMsMean: number } };
      const f = r.final;
      const row: Row = {
        loss,
        seed,
        model: rec.model?.kind ?? 'transformer',
        backend: rec.model?.backend ?? `tfjs-${selection.name}`,
        adapter: activeWebGpuDevice()?.adapter.label ?? null,
        steps: r.stepsDone,
        trainPairs: r.trainPairs,
        heldOut: f ? { n: f.n, accuracy: f.accuracy, ci95: f.ci95, loss: f.loss ?? null } : null,
        stepMsMean: rec.timings?.stepMsMean ?? null,
        device: r.device ?? null,
        runDir,
      };
      rows.push(row);
      process.stderr.write(
        `gpu-ablation: ${loss} seed ${seed}: ${row.steps} steps, held-out accuracy ` +
          `${f ? (100 * f.accuracy).toFixed(1) : 'n/a'}%, ${row.stepMsMean?.toFixed(1)} ms/step\n`,
      );
    }
  }
  const summary = {
    what: 'transformer loss ablation on the workbench mix (ours, measured)',
    preset,
    losses,
    seeds,
    backend: selection.name,
    adapter: activeWebGpuDevice()?.adapter.label ?? null,
    seconds: Number(((performance.now() - t0) / 1000).toFixed(1)),
    rows,
  };
  writeFileSync(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const pct = (x: number) => (100 * x).toFixed(1);
  const lines = [
    `Transformer loss ablation (ours, measured): preset ${preset}, ${summary.seconds} s in all`,
    '',
    '| loss | seed | model | backend | adapter | steps | held-out accuracy % [95% CI] (n) | held-out loss | ms/step | ' +
      'dispatches/step | reads/step |',
    '| --- | ---: | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => {
      const d = r.device as { dispatchesPerStep: number | null; readsPerStep: number | null } | null;
      const h = r.heldOut;
      return (
        `| ${r.loss} | ${r.seed} | ${r.model} | ${r.backend} | ${r.adapter ?? '–'} | ${r.steps} | ` +
        `${h ? `${pct(h.accuracy)} [${pct(h.ci95[0])}, ${pct(h.ci95[1])}] (${h.n})` : '–'} | ` +
        `${h?.loss?.toFixed(4) ?? '–'} | ${r.stepMsMean?.toFixed(1) ?? '–'} | ` +
        `${d?.dispatchesPerStep?.toFixed(0) ?? '–'} | ${d?.readsPerStep ?? '–'} |`
      );
    }),
  ];
  writeFileSync(join(out, 'summary.md'), `${lines.join('\n')}\n`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
