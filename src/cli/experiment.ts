// `rmw experiment`: list the experiment plan, or run it (mixes, runs x seeds, evaluation) and write the results.
import { defineCommand } from './flags.js';
import { UsageError } from './errors.js';
import { EXPERIMENT_DEFAULTS } from '../config/defaults.js';
import { getLoss, unreadLossParams } from '../losses/registry.js';
import type { LossParams } from '../losses/types.js';
import { closure, EXPERIMENTS, modelOf } from '../experiments/plan.js';
import { EXPERIMENT_PRESETS, getExperimentPreset } from '../experiments/presets.js';
import { defaultRunsDir, plannedExperiments, runExperiments, selectedExperiments } from '../experiments/runner.js';
import { writeAblationResults, writeResults } from '../experiments/writeResults.js';
import { collectExperiments, collectPreset } from '../experiments/collect.js';
import { updateReadmeResults } from '../experiments/readmeResults.js';
import { fromRoot } from '../util/paths.js';
import { resolve } from 'node:path';

/**
 * A planned run whose loss parameters include one its loss ignores would train the reference loss under a variant's
 * name; refuse the plan before any work, as `rmw train` refuses such flags.
 */
function checkPlanLosses(runs: readonly { id: string; loss: string; lossParams?: LossParams }[]): void {
  for (const r of runs) {
    const unread = unreadLossParams(getLoss(r.loss), r.lossParams ?? {});
    if (unread.length) {
      throw new Error(`experiment run ${r.id}: loss ${r.loss} does not read ${unread.join(', ')} (its lossParams)`);
    }
  }
}

/** Experiments run by name (each its own preset), committed in the results folder and reused by content hash. */
const NAMED_EXPERIMENTS: Record<string, string> = { 'transformer-loss-ablation': 'transformer' };

export const command = defineCommand({
  name: 'experiment',
  summary:
    'List or run the paper-replay experiments (loss, data, decontamination, safety filter, offsets/top-k, JudgeBench)',
  synopsis: [
    'rmw experiment --list [--preset quick|full|gpu-check|transformer] [--json]',
    'rmw experiment transformer-loss-ablation [--runs <dir>] [--out <results dir>] [--force] [--workers N] ' +
      '[--no-images]',
    'rmw experiment --preset quick|full [--runs <dir>] [--out <results dir>] [--force] [--workers N] [--no-images]',
    'rmw experiment --collect [--preset quick|full|gpu-check] [--runs <dir>] --out <results dir>',
  ],
  description: [
    'Runs every variant x seed of the preset on a worker pool, reusing mixes and runs whose content hash is',
    'unchanged (run folders under --runs, default runs/experiments), and writes the results folder (--out, default:',
    "none) with experiments.json, the report's ours files, tables, plots and CONCLUSIONS.md. --collect writes the",
    'results from the finished records as they are, evaluating here the runs trained without their evaluation: the',
    "GPU machine check's output ($OUT/ablation, a runs folder with its own preset.json) is collected with",
    '`rmw experiment --collect --runs <that folder> --out <results dir>`. The transformer loss ablation is its',
    'own named experiment: `rmw experiment transformer-loss-ablation --out figures/results` trains it on the best',
    'backend here (WebGPU on a real GPU adapter, else wasm) at the size src/config gives that backend, writes',
    'transformer-loss-ablation.json beside the other results and redraws their tables, plots and conclusions with',
    'it; `rmw reproduce` reuses that file by content hash and trains nothing for it.',
    '`rmw reproduce` runs this plus the figures and notebooks.',
  ],
  flags: {
    list: { type: 'boolean', help: 'print the plan (experiments, mixes, runs and seeds) and exit' },
    collect: {
      type: 'boolean',
      help:
        'write the results from the finished run records, training nothing (runs trained elsewhere: evaluated ' +
        'here)',
    },
    preset: {
      type: 'string',
      choices: Object.keys(EXPERIMENT_PRESETS),
      defaultText: `${EXPERIMENT_DEFAULTS.preset}; --collect: the runs folder's preset.json if it has one`,
      help: 'experiment preset',
    },
    runs: { type: 'string', arg: '<dir>', help: 'folder of mixes and run folders', defaultText: 'runs/experiments' },
    out: { type: 'string', arg: '<results dir>', help: 'results folder to write' },
    force: {
      type: 'boolean',
      help: 'rebuild every mix and run even when its content hash is unchanged, and replace --out whole',
    },
    workers: { type: 'integer', min: 1, default: EXPERIMENT_DEFAULTS.workers, help: 'worker processes' },
    'no-images': { type: 'boolean', help: 'write the plots as Plotly JSON only, without Chromium' },
    'allow-overlap': {
      type: 'boolean',
      help: "--collect: evaluate runs whose mix shares over 1% of the held-out split's prompts",
    },
  },
  positionals: { max: 1, names: `one named experiment (${Object.keys(NAMED_EXPERIMENTS).join(', ')})` },
  async run(flags, positional) {
    if (flags.list && flags.collect) throw new UsageError('give --list or --collect, not both');
    const named = positional[0];
    if (named !== undefined && !(named in NAMED_EXPERIMENTS))
      throw new UsageError(
        `unknown named experiment "${named}": known ${Object.keys(NAMED_EXPERIMENTS).join(', ')} (the ` +
          `others run through --preset)`,
      );
    if (named && (flags.preset || flags.collect))
      throw new UsageError(`${named} is run with its own preset: give neither --preset nor --collect`);
    if (flags['allow-overlap'] && !flags.collect) throw new UsageError('--allow-overlap applies to --collect');
    const runsDir = flags.runs ?? defaultRunsDir();
    const preset = flags.collect
      ? collectPreset(runsDir, flags.preset)
      : getExperimentPreset(named ? NAMED_EXPERIMENTS[named] : (flags.preset ?? EXPERIMENT_DEFAULTS.preset));
    checkPlanLosses(closure(selectedExperiments(preset)).runs);
    if (flags.list) {
      const exps = selectedExperiments(preset);
      const plan = closure(exps);
      return {
        preset,
        experiments: exps.map((e) => ({ id: e.id, title: e.title, runs: e.runs, needsGpu: e.needsGpu ?? false })),
        mixes: plan.mixes.map((m) => ({ id: m.id, description: m.description })),
        runs: plan.runs.map((r) => ({
          id: r.id,
          mix: r.mix,
          model: modelOf(r),
          loss: r.loss,
          lossParams: r.lossParams ?? {},
          seeds: r.fixedSeed !== undefined ? [r.fixedSeed] : preset.seeds,
        })),
        allExperiments: EXPERIMENTS.map((e) => e.id),
        // A preset sized per backend: the backend, size and stopping this machine would train with.
        ...(preset.sizedByBackend ? { sizing: (await plannedExperiments(preset)).sizing } : {}),
      };
    }
    if (flags.collect) {
      const out = flags.out;
      if (!out) throw new UsageError('--collect needs --out <results dir>');
      const collected = await collectExperiments(preset, runsDir, { allowOverlap: flags['allow-overlap'] });
      const w = await writeResults(collected, {
        outDir: out,
        images: !flags['no-images'],
        force: flags.force,
      });
      return {
        preset: preset.name,
        collected: true,
        skipped: w.bundle.skipped,
        results: { dir: w.outDir, files: w.files },
      };
    }
    const r = await runExperiments({ preset, runsDir, workers: flags.workers, force: flags.force });
    const out = flags.out;
    const options = { outDir: out ?? '', images: !flags['no-images'], force: flags.force };
    const written = !out
      ? undefined
      : preset.sizedByBackend // the transformer ablation, by name or by its preset: written beside the results
        ? await writeAblationResults(r, { ...options, workers: flags.workers })
        : await writeResults(r, options);
    // The transformer ablation redraws the committed results folder: the README shows what that folder holds.
    const readme =
      written !== undefined &&
      preset.sizedByBackend === true &&
      resolve(written.outDir) === fromRoot('figures', 'results') &&
      updateReadmeResults(fromRoot('README.md'), written.outDir);
    return {
      preset: preset.name,
      seconds: r.seconds,
      counts: r.counts,
      skipped: r.skipped,
      ...(r.sizing ? { sizing: r.sizing } : {}),
      runsDir: r.runsDir,
      results: written ? { dir: written.outDir, files: written.files, readmeUpdated: readme } : null,
    };
  },
});
