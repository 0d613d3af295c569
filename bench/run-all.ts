// `npm run bench`: every benchmark in bench/, one after another in its own process with its default arguments,
// then a summary (seconds, exit code). The ones that compare against PyTorch are skipped, and listed as skipped
// with the reason, when $RMW_PYTHON cannot import torch. Exit code 1 when any benchmark fails. A file in bench/ that
// is neither listed here as a benchmark nor as something else fails the run, so a new benchmark is never left out.
// usage: npm run bench [-- <name> ...] [-- --list]      e.g. npm run bench -- train-step load-all-sources
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setting } from '../src/config/env.js';
import { readCommandLine } from '../src/cli/flags.js';
import { fromRoot } from '../src/util/paths.js';

export interface Benchmark {
  /** The file in bench/, without .ts. */
  name: string;
  what: string;
  /** Needs PyTorch under $RMW_PYTHON for its reference side. */
  torch?: boolean;
}

export const BENCHMARKS: Benchmark[] = [
  { name: 'load-all-sources', what: 'load and verify all 52 offline source files (target under 10 s)' },
  { name: 'curate-decontam', what: 'decontaminate 80,000 prompts against the benchmark prompts (target under 5 s)' },
  { name: 'curate-workbench', what: 'the workbench recipe from the raw files to a written mix (target under 10 s)' },
  { name: 'long-text', what: 'a 50 MB response through the chat formatter, beside reading it' },
  { name: 'reproduce-single', what: 'one experiment unit: curate, train one bow model (full preset), evaluate' },
  { name: 'train-step', what: 'one bow training step, ours against PyTorch CPU', torch: true },
  { name: 'transformer-step', what: "the transformer's device step on tfjs wasm, against PyTorch", torch: true },
];

/** Files in bench/ that are not benchmarks run from here, and what they are. */
export const NOT_BENCHMARKS: Record<string, string> = {
  'run-all.ts': 'this runner',
  'gpu-env.ts': '`rmw env` as a bundle entry for a GPU machine (bench/gpu-prepare.sh)',
  'gpu-ablation.ts': 'the transformer loss ablation, a bundle entry of the GPU machine check (bench/gpu-prepare.sh)',
  'gpu-pack.ts': "packs what the GPU check's ablation trains on (bench/gpu-prepare.sh)",
  'gpu-diagnose.ts': "stage 0 of the GPU machine check: the GPU stack and Dawn's adapters (bench/gpu-prepare.sh)",
  'gpu-summary.ts': "writes the GPU machine check's summary.json after every stage (bench/gpu-prepare.sh)",
  'gpu-prepare.sh': 'packs the GPU checks for an offline GPU machine',
  'train-step.py': "train-step's PyTorch side",
  'transformer-step.py': "transformer-step's PyTorch side",
};

/** bench/ files that are neither a listed benchmark nor listed as something else. */
export function unlistedFiles(files: readonly string[]): string[] {
  const known = new Set([...BENCHMARKS.map((b) => `${b.name}.ts`), ...Object.keys(NOT_BENCHMARKS)]);
  return files.filter((f) => !known.has(f));
}

/** Why PyTorch benchmarks cannot run here, or undefined when they can. */
function torchMissing(): string | undefined {
  const python = setting('python');
  const r = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
  if (r.status === 0) return undefined;
  return `PyTorch is not importable by ${python} (apt-get install python3-torch, or set RMW_PYTHON)`;
}

function main(): number {
  const { flags, positional } = readCommandLine(
    { list: { type: 'boolean', help: 'list the benchmarks and exit' } },
    process.argv.slice(2),
    'bench/run-all',
    { max: BENCHMARKS.length, names: 'benchmark names' },
  );
  const unlisted = unlistedFiles(readdirSync(fromRoot('bench')));
  if (unlisted.length) {
    process.stderr.write(`bench/run-all: ${unlisted.join(', ')} not listed in bench/run-all.ts (BENCHMARKS)\n`);
    return 1;
  }
  if (flags.list) {
    for (const b of BENCHMARKS) process.stdout.write(`${b.name.padEnd(18)} ${b.what}${b.torch ? ' [torch]' : ''}\n`);
    return 0;
  }
  const unknown = positional.filter((p) => !BENCHMARKS.some((b) => b.name === p));
  if (unknown.length) {
    process.stderr.write(`bench/run-all: unknown benchmark ${unknown.join(', ')} (npm run bench -- --list)\n`);
    return 2;
  }
  const chosen = positional.length ? BENCHMARKS.filter((b) => positional.includes(b.name)) : BENCHMARKS;
  const noTorch = chosen.some((b) => b.torch) ? torchMissing() : undefined;
  const rows: string[] = [];
  let failed = 0;
  for (const b of chosen) {
    if (b.torch && noTorch) {
      rows.push(`| ${b.name} | skipped | ${noTorch} |`);
      continue;
    }
    process.stdout.write(`\n== ${b.name}: ${b.what}\n`);
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', join('bench', `${b.name}.ts`)], {
      cwd: fromRoot(),
      stdio: 'inherit',
    });
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    if (r.status !== 0) failed++;
    rows.push(`| ${b.name} | ${r.status === 0 ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} | ${seconds} s |`);
  }
  process.stdout.write(['', '| benchmark | result | time or reason |', '| --- | --- | --- |', ...rows, ''].join('\n'));
  return failed ? 1 : 0;
}

const invokedDirectly = process.argv[1] && /run-all\.ts$/.test(process.argv[1]);
if (invokedDirectly) process.exitCode = main();
