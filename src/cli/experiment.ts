// `rmw experiment`: list the experiment plan, or run it (mixes, runs x seeds, evaluation) and write the results.
import type { CliCommand, ParsedArgs } from './types.js';
import { flagBool, flagNumber, flagString } from './args.js';
import { closure, EXPERIMENTS } from '../experiments/plan.js';
import { getExperimentPreset } from '../experiments/presets.js';
import { runExperiments, selectedExperiments } from '../experiments/runner.js';
import { writeResults } from '../experiments/writeResults.js';
import { collectExperiments } from '../experiments/collect.js';

export const command: CliCommand = {
  name: 'experiment',
  summary:
    'List or run the paper-replay experiments (loss, data, decontamination, safety filter, offsets/top-k, JudgeBench)',
  usage: [
    'rmw experiment --list [--preset quick|full] [--json]',
    'rmw experiment --preset quick|full [--runs <dir>] [--out <results dir>] [--force] [--workers N] [--no-images] [--json]',
    'rmw experiment --collect --preset quick|full [--runs <dir>] --out <results dir>   (results from the finished records as they are)',
    '',
    'Runs every variant x seed of the preset on a worker pool (default 2 processes), reusing mixes and runs whose',
    'content hash is unchanged (run folders under --runs, default runs/experiments), and writes the results folder',
    "(--out, default: none) with experiments.json, the report's ours files, tables, plots and CONCLUSIONS.md.",
    '`rmw reproduce` runs this plus the figures and notebooks.',
  ].join('\n'),
  async run(args: ParsedArgs) {
    const preset = getExperimentPreset(flagString(args, 'preset', 'full')!);
    if (flagBool(args, 'list')) {
      const exps = selectedExperiments(preset);
      const plan = closure(exps);
      return {
        preset,
        experiments: exps.map((e) => ({ id: e.id, title: e.title, runs: e.runs })),
        mixes: plan.mixes.map((m) => ({ id: m.id, description: m.description })),
        runs: plan.runs.map((r) => ({
          id: r.id,
          mix: r.mix,
          loss: r.loss,
          lossParams: r.lossParams ?? {},
          seeds: r.fixedSeed !== undefined ? [r.fixedSeed] : preset.seeds,
        })),
        allExperiments: EXPERIMENTS.map((e) => e.id),
      };
    }
    if (flagBool(args, 'collect')) {
      const out = flagString(args, 'out');
      if (!out) throw new Error('--collect needs --out <results dir>');
      const w = await writeResults(collectExperiments(preset, flagString(args, 'runs')), {
        outDir: out,
        images: !flagBool(args, 'no-images'),
      });
      return { preset: preset.name, collected: true, results: { dir: w.outDir, files: w.files } };
    }
    const r = await runExperiments({
      preset,
      runsDir: flagString(args, 'runs'),
      workers: flagNumber(args, 'workers'),
      force: flagBool(args, 'force'),
    });
    const out = flagString(args, 'out');
    const written = out ? await writeResults(r, { outDir: out, images: !flagBool(args, 'no-images') }) : undefined;
    return {
      preset: preset.name,
      seconds: r.seconds,
      counts: r.counts,
      runsDir: r.runsDir,
      results: written ? { dir: written.outDir, files: written.files } : null,
    };
  },
};
