// `rmw reproduce` (also `npm run reproduce`): curate -> experiments -> results -> figures -> notebooks, skipping
// stages whose inputs did not change (src/experiments/reproduce.ts).
import type { CliCommand, ParsedArgs } from './types.js';
import { flagBool, flagNumber } from './args.js';
import { reproduce, type ReproduceResult } from '../experiments/reproduce.js';

export const command: CliCommand = {
  name: 'reproduce',
  summary: 'Run the whole chain: curate, experiments, results, figures, notebooks',
  usage: [
    'rmw reproduce [--quick|--full] [--force] [--no-notebooks] [--no-images] [--workers N] [--json]',
    '',
    'Curates every experiment mix, trains and evaluates every variant x seed on a pool of worker processes',
    '(default 2), writes the results (figures/results: JSON, tables, plots, CONCLUSIONS.md), regenerates every paper',
    'figure and table with ours beside (figures/), and executes the notebooks. A stage whose inputs (content',
    'hashes, recorded in runs/reproduce-state.json) did not change is skipped; inside a stage every unchanged mix',
    'and run is reused. --full (default) is the results preset; --quick is the CI smoke preset and writes under',
    'runs/quick/ so the committed results stay as they are. --force rebuilds everything.',
  ].join('\n'),
  async run(args: ParsedArgs): Promise<ReproduceResult> {
    if (flagBool(args, 'quick') && flagBool(args, 'full')) throw new Error('give --quick or --full, not both');
    const result = await reproduce({
      preset: flagBool(args, 'quick') ? 'quick' : 'full',
      force: flagBool(args, 'force'),
      notebooks: !flagBool(args, 'no-notebooks'),
      images: !flagBool(args, 'no-images'),
      workers: flagNumber(args, 'workers'),
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
};
