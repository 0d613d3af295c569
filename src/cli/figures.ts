// `rmw figures`: regenerate every paper figure and table (paper side from data/paper, ours from a results folder).
import { resolve } from 'node:path';
import { fromRoot } from '../util/paths.js';
import { flagBool, flagString } from './args.js';
import type { CliCommand, ParsedArgs } from './types.js';
import { regenerateFigures, type RegenerateResult } from '../report/regenerateFigures.js';
import { figureDifferences } from '../experiments/figure.js';
import { readResultsBundle } from '../experiments/writeResults.js';

export const command: CliCommand = {
  name: 'figures',
  summary: 'Regenerate the paper figures and tables (paper numbers, and ours when results exist)',
  usage: [
    'usage: rmw figures [--out figures] [--results <dir>] [--no-png] [--skip-figure2] [--json]',
    '',
    '  --out <dir>       where to write (default: figures/ in the checkout)',
    '  --results <dir>   folder with our result JSON (leaderboard.json, loss-ablation.json, decontamination.json,',
    '                    mix-composition.json, task-categories.json; see src/report/oursInputs.ts). Absent: paper only.',
    '  --no-png          write Plotly JSON (and tables) only, without launching Chromium',
    '  --skip-figure2    do not read the offline scored data for Figure 2',
    '',
    'Tables are written as Markdown + CSV + LaTeX; figures as Plotly JSON + SVG + PNG (headless Chromium at',
    '/usr/bin/chromium or $RMW_CHROMIUM). Lists every file written.',
  ].join('\n'),
  async run(args: ParsedArgs): Promise<RegenerateResult> {
    const outDir = resolve(flagString(args, 'out') ?? fromRoot('figures'));
    const results = flagString(args, 'results');
    // The experiments' bundle, when the results folder has one, gives the seed-paired differences of the ablations.
    const bundle = results ? readResultsBundle(resolve(results)) : undefined;
    return regenerateFigures({
      outDir,
      resultsDir: results ? resolve(results) : undefined,
      differences: bundle ? figureDifferences(bundle) : undefined,
      images: !flagBool(args, 'no-png'),
      skipFigure2: flagBool(args, 'skip-figure2'),
    });
  },
  format(result: unknown): string {
    const r = result as RegenerateResult;
    return [
      `wrote ${r.files.length} files to ${r.outDir} in ${r.seconds}s`,
      ...r.files.map((f) => `  ${f}`),
      ...(r.notes.length ? ['notes:', ...r.notes.map((n) => `  - ${n}`)] : []),
    ].join('\n');
  },
};
