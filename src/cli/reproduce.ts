// `rmw reproduce` (also `npm run reproduce`): curate -> experiments -> results -> figures -> notebooks, skipping
// stages whose inputs did not change (src/experiments/reproduce.ts).
import { defineCommand } from './flags.js';
import { UsageError } from './errors.js';
import { EXPERIMENT_DEFAULTS } from '../config/defaults.js';
import { reproduce, type ReproduceResult } from '../experiments/reproduce.js';

export const command = defineCommand({
  name: 'reproduce',
  summary: 'Run the whole chain: curate, experiments, results, figures, notebooks',
  synopsis: ['rmw reproduce [--quick|--full] [--force] [--no-notebooks] [--no-images] [--workers N] [--json]'],
  description: [
    'Curates every experiment mix, trains and evaluates every variant x seed on a pool of worker processes,',
    'writes the results (figures/results: JSON, tables, plots, CONCLUSIONS.md), regenerates every paper',
    'figure and table with ours beside (figures/), and executes the notebooks. A stage whose inputs (content',
    'hashes, recorded in runs/reproduce-state.json) did not change is skipped; inside a stage every unchanged mix',
    'and run is reused. --full (default) is the results preset; --quick is the CI smoke preset and writes under',
    'runs/quick/ so the committed results stay as they are. --force rebuilds everything.',
  ],
  flags: {
    quick: { type: 'boolean', help: 'the CI smoke preset, written under runs/quick/' },
    full: { type: 'boolean', help: 'the results preset (the default)' },
    force: { type: 'boolean', help: 'rebuild every stage, mix and run' },
    'no-notebooks': { type: 'boolean', help: 'skip executing the notebooks' },
    'no-images': { type: 'boolean', help: 'write plots as Plotly JSON only, without Chromium' },
    workers: { type: 'integer', min: 1, default: EXPERIMENT_DEFAULTS.workers, help: 'worker processes' },
  },
  async run(flags): Promise<ReproduceResult> {
    if (flags.quick && flags.full) throw new UsageError('give --quick or --full, not both');
    const result = await reproduce({
      preset: flags.quick ? 'quick' : 'full',
      force: flags.force,
      notebooks: !flags['no-notebooks'],
      images: !flags['no-images'],
      workers: flags.workers,
    });
    if (!result.ok) {
      const bad = result.stages.find((s) => s.status === 'failed');
      throw new Error(`stage ${bad?.stage ?? '?'} failed: ${bad?.reason ?? 'unknown'}`);
    }
    return result;
  },
  format(result: unknown): string {
    const r = result as ReproduceResult;
    return [
      `reproduce (${r.preset}) finished in ${r.totalSeconds} s`,
      ...r.stages.map(
        (s) =>
          `  ${s.stage.padEnd(12)} ${s.status.padEnd(8)} ${s.status === 'ran' ? `${s.seconds} s  ` : ''}${s.reason}`,
      ),
      `results: ${r.dirs.results}; figures: ${r.dirs.figures}`,
    ].join('\n');
  },
});
