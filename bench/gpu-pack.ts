// Packs what the GPU machine check's experiments train on (bench/gpu-prepare.sh calls this): builds the gpu-check
// preset's mixes in a runs folder (default runs/experiments, so the full preset reuses them by key: same mixes, same
// safety scorer) and copies their records, the curated pairs and the held-out pairs into --out.
// Usage: node --import tsx bench/gpu-pack.ts --out DIR [--runs DIR] [--workers N]
import { readCommandLine } from '../src/cli/flags.js';
import { copyGpuCheckFiles, PLANNED_FOR_GPU_MACHINE } from '../src/experiments/gpuCheck.js';
import { getExperimentPreset } from '../src/experiments/presets.js';
import { defaultRunsDir, runExperiments } from '../src/experiments/runner.js';

async function main(): Promise<void> {
  const { flags } = readCommandLine(
    {
      out: { type: 'string', required: true, help: 'folder to pack into (.gpu/data/runs)' },
      runs: { type: 'string', defaultText: 'runs/experiments', help: 'runs folder the mixes are built in' },
      workers: { type: 'integer', min: 0, default: 1, help: 'worker processes for the mixes' },
    },
    process.argv.slice(2),
    'bench/gpu-pack',
  );
  const preset = getExperimentPreset('gpu-check');
  const runsDir = flags.runs ?? defaultRunsDir();
  await runExperiments({ preset, runsDir, mixesOnly: true, workers: flags.workers, gpu: PLANNED_FOR_GPU_MACHINE });
  const files = copyGpuCheckFiles(preset, runsDir, flags.out);
  process.stderr.write(`gpu-pack: ${files.length} files from ${runsDir} into ${flags.out}\n`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
