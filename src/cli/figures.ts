// `rmw figures`: regenerate every paper figure and table (paper side from data/paper, ours from a results folder).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fromRoot } from '../util/paths.js';
import { defineCommand } from './flags.js';
import { regenerateFigures, type RegenerateResult } from '../report/regenerateFigures.js';
import { figureDifferences } from '../experiments/figure.js';
import { readResultsBundle } from '../experiments/writeResults.js';

/** The results the figures show: --results, else the committed ones, so `rmw figures` redraws figures/ as committed. */
function resultsFolder(flag: string | undefined): string | undefined {
  if (flag === 'none') return undefined;
  if (flag !== undefined) return resolve(flag);
  const committed = fromRoot('figures', 'results');
  return existsSync(committed) ? committed : undefined;
}

export const command = defineCommand({
  name: 'figures',
  summary: 'Regenerate the paper figures and tables (paper numbers, and ours when results exist)',
  synopsis: ['rmw figures [--out figures] [--results <dir>] [--no-png] [--skip-figure2] [--force] [--json]'],
  description: [
    'Tables are written as Markdown + CSV + LaTeX; figures as Plotly JSON + SVG + PNG (headless Chromium at',
    '/usr/bin/chromium or $RMW_CHROMIUM). Lists every file written. The folder is built aside and put in place',
    'whole, replacing the figures written before; what else it holds (figures/results) is kept. A folder rmw',
    'figures did not write is refused.',
  ],
  flags: {
    out: { type: 'string', arg: '<dir>', help: 'where to write', defaultText: 'figures/ in the checkout' },
    results: {
      type: 'string',
      arg: '<dir>',
      help: 'folder with our result JSON (see src/report/oursInputs.ts); "none": paper numbers only',
      defaultText: 'figures/results (the committed results), when it exists',
    },
    'no-png': { type: 'boolean', help: 'write Plotly JSON (and tables) only, without launching Chromium' },
    'skip-figure2': { type: 'boolean', help: 'do not read the offline scored data for Figure 2' },
    force: {
      type: 'boolean',
      help: 'replace --out whole, removing what rmw figures did not write there (refused if it holds --results)',
    },
  },
  async run(flags): Promise<RegenerateResult> {
    const resultsDir = resultsFolder(flags.results);
    // The experiments' bundle, when the results folder has one, gives the seed-paired differences of the ablations.
    const bundle = resultsDir ? readResultsBundle(resultsDir) : undefined;
    return regenerateFigures({
      outDir: resolve(flags.out ?? fromRoot('figures')),
      resultsDir,
      differences: bundle ? figureDifferences(bundle) : undefined,
      images: !flags['no-png'],
      skipFigure2: flags['skip-figure2'],
      force: flags.force,
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
});
