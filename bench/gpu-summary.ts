// Writes the GPU machine check's $OUT/summary.json (src/experiments/gpuCheckSummary.ts) from what the stages left in
// $OUT; .gpu/check.sh runs it after every stage, so a check cut short still reports every figure it produced.
// Usage: node --import tsx bench/gpu-summary.ts --out DIR [--reduced]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCommandLine } from '../src/cli/flags.js';
import { GPU_CHECK_FILES, gpuCheckSummary, parseStagesTsv } from '../src/experiments/gpuCheckSummary.js';
import { writeFileAtomic } from '../src/util/atomicWrite.js';

const { flags } = readCommandLine(
  {
    out: { type: 'string', required: true, help: "the check's output folder ($OUT)" },
    reduced: { type: 'boolean', help: 'the reduced check (toy sizes)' },
  },
  process.argv.slice(2),
  'bench/gpu-summary',
);
const dir = flags.out;
const files: Record<string, unknown> = {};
const unreadable: string[] = [];
for (const f of GPU_CHECK_FILES) {
  const p = join(dir, f);
  if (!existsSync(p)) continue;
  try {
    files[f] = JSON.parse(readFileSync(p, 'utf8'));
  } catch (err) {
    unreadable.push(`${f}: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`);
  }
}
const stagesFile = join(dir, 'stages.tsv');
const stages = existsSync(stagesFile) ? parseStagesTsv(readFileSync(stagesFile, 'utf8')) : [];
const summary = { ...gpuCheckSummary(stages, files, flags.reduced === true), unreadable };
writeFileAtomic(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
