// The experiments that need a GPU (the transformer loss ablation: bt, bt-margin and focal, two seeds each, preset
// gpu-check), trained on a GPU machine (bench/gpu-prepare.sh packs this) from a packed runs folder (--from: the mix
// records, the curated pairs, the held-out pairs). --out becomes a runs folder laid out as the experiment runner lays
// out its own: the copied records, preset.json (the preset run, reduced or not), and per run × seed
// runs/<run>-s<seed>/ with run.json (model, backend, WebGPU adapter, device counts), weights.bin and experiment.json
// (trained, not yet evaluated: the machine has no benchmarks). Where the data is, `rmw experiment --collect --runs
// <out> --out <results dir>` evaluates the runs and writes the results like any other preset's. summary.md and
// summary.json say at a glance what each run did (held-out accuracy on the trainer's final evaluation, ms/step).
// Usage: node --import tsx bench/gpu-ablation.ts --from DIR --out DIR [--seeds 1,2] [--losses bt,focal]
//        [--train-preset quick|full] [--steps N] [--model-config JSON]   (the last three: the reduced SwiftShader run)
import { existsSync, writeFileSync } from 'node:fs';
import { HELD_OUT_FILE } from '../src/curate/writeMix.js';
import { join } from 'node:path';
import { readCommandLine } from '../src/cli/flags.js';
import { codeHashes } from '../src/experiments/contentHash.js';
import { copyGpuCheckFiles, writeRunsPreset } from '../src/experiments/gpuCheck.js';
import { readMixRecord } from '../src/experiments/mixes.js';
import { closure, experimentSpec, runSpec, TRANSFORMER_RUN_PREFIX } from '../src/experiments/plan.js';
import { getExperimentPreset, type ExperimentPreset } from '../src/experiments/presets.js';
import { EVAL_MIX, selectedExperiments } from '../src/experiments/runner.js';
import { planRunJob, trainAndEvaluate } from '../src/experiments/runs.js';
import { selectBackend } from '../src/model/backend.js';
import { readRunRecord } from '../src/train/runFolder.js';
import { sha256File } from '../src/util/hash.js';

const TRANSFORMER_EXPERIMENT = 'transformer-loss-ablation';

interface Row {
  run: string;
  loss: string;
  seed: number;
  model: string;
  backend: string;
  adapter: string | null;
  steps: number;
  trainPairs: number;
  heldOut: { n: number; accuracy: number } | null;
  stepMsMean: number | null;
  device: { dispatchesPerStep: number | null; readsPerStep: number | null } | null;
  seconds: number;
}

/** The gpu-check preset with the reduced run's overrides (a CPU machine with SwiftShader tests the packing). */
function checkPreset(o: {
  seeds?: number[];
  losses?: string[];
  trainPreset?: ExperimentPreset['trainPreset'];
  steps?: number;
  modelConfig?: string;
}) {
  const base = getExperimentPreset('gpu-check');
  const reduced = o.trainPreset !== undefined || o.steps !== undefined || o.modelConfig !== undefined;
  const experiment = experimentSpec(TRANSFORMER_EXPERIMENT);
  const wanted = o.losses?.map((l) => `${TRANSFORMER_RUN_PREFIX}${l}`);
  const unknown = wanted?.filter((id) => !experiment.runs.includes(id)) ?? [];
  if (unknown.length) throw new Error(`--losses: ${unknown.join(', ')} not in ${TRANSFORMER_EXPERIMENT}`);
  const preset: ExperimentPreset = {
    ...base,
    seeds: o.seeds ?? base.seeds,
    // In the plan's order, so the reference (bt) stays first.
    ...(wanted ? { runs: { [TRANSFORMER_EXPERIMENT]: experiment.runs.filter((id) => wanted.includes(id)) } } : {}),
    trainPreset: o.trainPreset ?? base.trainPreset,
    train: { ...base.train, ...(o.steps ? { maxSteps: o.steps } : {}) },
    ...(o.modelConfig ? { transformer: JSON.parse(o.modelConfig) as Record<string, unknown> } : {}),
  };
  if (reduced)
    preset.description =
      `${base.description}; REDUCED (test of the packing, not a result): trainer preset ` +
      `${preset.trainPreset}${o.steps ? `, ${o.steps} steps` : ''}` +
      `${o.modelConfig ? `, transformer ${o.modelConfig}` : ''}, seeds ${preset.seeds.join(', ')}`;
  if (wanted) preset.description += `; runs ${wanted.join(', ')}`;
  return preset;
}

async function main(): Promise<void> {
  const { flags } = readCommandLine(
    {
      from: { type: 'string', required: true, help: 'packed runs folder (mix records, pairs, held-out pairs)' },
      out: { type: 'string', required: true, help: 'runs folder to write (rmw experiment --collect reads it)' },
      seeds: { type: 'numbers', defaultText: "the preset's (1,2)", help: 'seeds, comma-separated' },
      losses: { type: 'string', defaultText: "the preset's (bt,bt-margin,focal)", help: 'losses, comma-separated' },
      'train-preset': { type: 'string', choices: ['quick', 'full'], help: "trainer preset (default: the preset's)" },
      steps: { type: 'integer', min: 1, help: "stop each run after N steps (default: the preset's plan)" },
      'model-config': { type: 'string', help: 'transformer config overrides, as JSON' },
    },
    process.argv.slice(2),
    'bench/gpu-ablation',
  );
  const { from, out } = flags;
  if (existsSync(join(out, 'runs'))) throw new Error(`${out} already holds runs: give an empty or new folder`);
  const preset = checkPreset({
    seeds: flags.seeds,
    losses: flags.losses?.split(','),
    trainPreset: flags['train-preset'] as ExperimentPreset['trainPreset'] | undefined,
    steps: flags.steps,
    modelConfig: flags['model-config'],
  });
  copyGpuCheckFiles(preset, from, out);
  writeRunsPreset(out, preset);
  const selection = await selectBackend(); // RMW_BACKEND (webgpu on the GPU machine), said on stderr
  const code = codeHashes();
  const heldOutFile = join(out, 'mixes', EVAL_MIX, HELD_OUT_FILE);
  const heldOutSha256 = sha256File(heldOutFile);
  const runs = closure(selectedExperiments(preset)).runs.filter((r) => r.fixedSeed === undefined);
  const t0 = performance.now();
  const rows: Row[] = [];
  const summary = {
    what: 'transformer loss ablation on the curated mix (ours, measured; evaluate with rmw experiment --collect)',
    preset: preset.name,
    description: preset.description,
    backend: selection.name,
    seconds: 0,
    rows,
  };
  const writeSummary = () => {
    summary.seconds = Number(((performance.now() - t0) / 1000).toFixed(1));
    writeFileSync(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  };
  // Seed by seed, every loss before the next seed: a check stopped at its budget still compares the losses.
  for (const seed of preset.seeds) {
    for (const spec of runs) {
      const mix = readMixRecord(join(out, 'mixes', spec.mix));
      if (!mix) throw new Error(`${out}/mixes/${spec.mix}: no mix record`);
      const job = planRunJob(runSpec(spec.id), seed, {
        preset,
        runsDir: out,
        mix: { id: spec.mix, dir: join(out, 'mixes', spec.mix), sha256: mix.sha256 },
        heldOutFile,
        heldOutSha256,
        train: preset.train,
        code,
        evalKey: '',
        evaluate: false,
      });
      const r = await trainAndEvaluate(job);
      const rec = readRunRecord(job.dir);
      const row: Row = {
        run: spec.id,
        loss: spec.loss,
        seed,
        model: r.model.kind,
        backend: r.model.backend,
        adapter: r.model.adapter ?? null,
        steps: r.steps,
        trainPairs: r.trainPairs,
        heldOut: r.finalHeldOut,
        stepMsMean: rec?.timings?.stepMsMean ?? null,
        device: rec?.device ?? null,
        seconds: r.seconds.train,
      };
      rows.push(row);
      writeSummary(); // after every run, so a stopped check keeps what finished
      process.stderr.write(
        `gpu-ablation: ${spec.id} seed ${seed}: ${row.steps} steps in ${row.seconds.toFixed(1)} s, held-out accuracy ` +
          `${row.heldOut ? (100 * row.heldOut.accuracy).toFixed(1) : 'n/a'}%, ${row.stepMsMean?.toFixed(1)} ms/step\n`,
      );
    }
  }
  writeSummary();
  const lines = [
    `Transformer loss ablation (ours, measured): ${preset.description}; ${summary.seconds} s in all`,
    '',
    '| run | seed | model | backend | adapter | steps | final held-out accuracy % (n) | ms/step | dispatches/step | ' +
      'reads/step |',
    '| --- | ---: | --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => {
      const h = r.heldOut;
      return (
        `| ${r.run} | ${r.seed} | ${r.model} | ${r.backend} | ${r.adapter ?? '–'} | ${r.steps} | ` +
        `${h ? `${(100 * h.accuracy).toFixed(1)} (${h.n})` : '–'} | ${r.stepMsMean?.toFixed(1) ?? '–'} | ` +
        `${r.device?.dispatchesPerStep?.toFixed(0) ?? '–'} | ${r.device?.readsPerStep ?? '–'} |`
      );
    }),
    '',
    `Evaluate and write the results where the data is: rmw experiment --collect --runs <this folder> --out <dir>`,
  ];
  writeFileSync(join(out, 'summary.md'), `${lines.join('\n')}\n`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
