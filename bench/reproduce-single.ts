// Times one workbench experiment unit: curate the workbench mix, train one bow model at a preset, evaluate it on
// RewardBench-lite (+ held-out), RM-Bench and JudgeBench. Used to size the experiment preset (issue 9, item 4).
// usage: node --import tsx bench/reproduce-single.ts [--preset full|quick] [--hash-bits K --hidden H --epochs E]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runRecipe, writeMix } from '../src/curate/index.js';
import { loadRun } from '../src/train/loadRun.js';
import { trainRun } from '../src/train/trainRun.js';
import { readCommandLine } from '../src/cli/flags.js';
import {
  evaluatePairwise,
  evaluateRmBench,
  judgeBenchBenchmark,
  loadRmBenchDomains,
  rewardBenchLite,
} from '../src/eval/index.js';

const { flags } = readCommandLine(
  {
    preset: { type: 'string', choices: ['quick', 'full'], default: 'full', help: 'trainer preset' },
    'hash-bits': { type: 'integer', min: 1, help: "log2 of the feature buckets (default: the preset's)" },
    hidden: { type: 'integer', min: 1, help: "hidden width (default: the preset's)" },
    epochs: { type: 'integer', min: 1, help: "epochs (default: the preset's)" },
  },
  process.argv.slice(2),
  'bench/reproduce-single',
);
const t = () => performance.now();
const dir = mkdtempSync(join(tmpdir(), 'rmw-single-'));
let t0 = t();
const mix = await runRecipe('workbench', { seed: 1 });
const written = writeMix(join(dir, 'mix'), mix);
const curateMs = t() - t0;
console.log(`curate: ${mix.train.length} train, ${mix.heldOut.length} held out, ${(curateMs / 1000).toFixed(1)} s`);
t0 = t();
const modelConfig: Record<string, unknown> = {};
if (flags['hash-bits']) modelConfig.hashBits = flags['hash-bits'];
if (flags.hidden) modelConfig.hidden = flags.hidden;
const r = await trainRun({
  data: join(written.dir, 'train.parquet'),
  evalData: join(written.dir, 'heldout.parquet'),
  model: 'bow',
  modelConfig,
  loss: 'bt',
  preset: flags.preset,
  train: { seed: 1, evalEvery: 0, checkpointEvery: 0, epochs: flags.epochs },
  outDir: join(dir, 'run'),
});
const trainMs = t() - t0;
console.log(`train: ${r.stepsDone} steps, held-out acc ${r.final?.accuracy}, ${(trainMs / 1000).toFixed(1)} s`);
t0 = t();
const scorer = await loadRun(join(dir, 'run'));
const lite = await evaluatePairwise(scorer, await rewardBenchLite({}), { seed: 1, resamples: 200 });
const liteMs = t() - t0;
t0 = t();
const rm = await evaluateRmBench(scorer, await loadRmBenchDomains(), { seed: 1, resamples: 200 });
const rmMs = t() - t0;
t0 = t();
const jb = await evaluatePairwise(scorer, await judgeBenchBenchmark(), { seed: 1, resamples: 200 });
const jbMs = t() - t0;
console.log(JSON.stringify({ lite: lite.metrics, rmbench: rm.avg, judgebench: jb.metrics }));
console.log(
  `eval: lite ${(liteMs / 1000).toFixed(1)} s, rmbench ${(rmMs / 1000).toFixed(1)} s, judgebench ` +
    `${(jbMs / 1000).toFixed(1)} s; dir ${dir}`,
);
