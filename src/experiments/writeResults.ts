// Writes the results folder (figures/results by default): experiments.json (the bundle: every variant's metrics
// with per-seed values and CIs, differences, baselines, contamination, run records summary), the report's "ours"
// files (OURS_FILES), per-experiment tables (Markdown/CSV/LaTeX), one plot per experiment, and CONCLUSIONS.md.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readPairsParquet } from '../data/io/hfParquet.js';
import { OURS_FILES } from '../report/oursInputs.js';
import { PlotlyExporter, findChromium, writeFigure } from '../report/plotlyExport.js';
import { writeTable } from '../report/regenerateFigures.js';
import { canonicalJson } from '../util/hash.js';
import { conclusionsMarkdown } from './conclusions.js';
import { experimentFigures } from './figure.js';
import { oursFiles, summarizeResults, type ResultsBundle } from './results.js';
import type { ExperimentRunResult } from './runner.js';
import { allTables } from './tables.js';

export const RESULTS_FILE = 'experiments.json';
export const CONCLUSIONS_FILE = 'CONCLUSIONS.md';

export interface WriteResultsOptions {
  outDir: string;
  /** SVG + PNG through headless Chromium (default true when Chromium is found). */
  images?: boolean;
}

export interface WrittenResults {
  outDir: string;
  files: string[];
  bundle: ResultsBundle;
  notes: string[];
}

const json = (v: unknown) => `${canonicalJson(v, 2)}\n`;

export async function writeResults(run: ExperimentRunResult, options: WriteResultsOptions): Promise<WrittenResults> {
  const outDir = options.outDir;
  mkdirSync(outDir, { recursive: true });
  const bundle = await summarizeResults(run);
  const files: string[] = [];
  const notes: string[] = [];
  const put = (name: string, body: string) => {
    writeFileSync(join(outDir, name), body);
    files.push(name);
  };
  put(RESULTS_FILE, json(bundle));
  const curatedTrain = run.mixes.curated
    ? await readPairsParquet(join(run.runsDir, 'mixes', 'curated', 'train.parquet'))
    : [];
  const ours = oursFiles(bundle, curatedTrain);
  put(OURS_FILES.leaderboard, json(ours.leaderboard));
  put(OURS_FILES.lossAblation, json(ours.lossAblation));
  put(OURS_FILES.decontamination, json(ours.decontamination));
  if (run.mixes.curated) {
    put(OURS_FILES.composition, json(ours.composition));
    put(OURS_FILES.categories, json(ours.categories));
  }
  for (const t of allTables(bundle)) files.push(...writeTable(t, outDir).map((p) => relative(outDir, p)));
  const written = await writeExperimentFigures(bundle, outDir, options.images ?? true);
  files.push(...written.files);
  notes.push(...written.notes);
  put(CONCLUSIONS_FILE, conclusionsMarkdown(bundle));
  put('README.md', indexMarkdown(bundle, files));
  return { outDir, files, bundle, notes };
}

/** The results bundle in a results folder, or undefined when the folder has none. */
export function readResultsBundle(dir: string): ResultsBundle | undefined {
  const file = join(dir, RESULTS_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ResultsBundle) : undefined;
}

/** Writes every experiment's figure (Plotly JSON, and SVG + PNG when Chromium is there) into outDir. */
export async function writeExperimentFigures(
  bundle: ResultsBundle,
  outDir: string,
  images: boolean,
): Promise<{ files: string[]; notes: string[] }> {
  const files: string[] = [];
  const notes: string[] = [];
  let exporter: PlotlyExporter | undefined;
  if (images) {
    if (findChromium()) exporter = await PlotlyExporter.open();
    else notes.push('Chromium not found: wrote Plotly JSON only, no SVG/PNG.');
  }
  try {
    for (const f of experimentFigures(bundle))
      files.push(...(await writeFigure(f, outDir, exporter)).map((p) => relative(outDir, p)));
  } finally {
    await exporter?.close();
  }
  return { files, notes };
}

function indexMarkdown(b: ResultsBundle, files: string[]): string {
  const md = files.filter((f) => f.endsWith('.md') && f.startsWith('experiment-'));
  const png = files.filter((f) => f.endsWith('.png'));
  return [
    '# Experiment results (ours, measured)',
    '',
    `Written by \`src/experiments/writeResults.ts\` (\`npm run reproduce\`); preset ${b.preset.name}, seeds ${b.preset.seeds.join(', ')}. Do not edit by hand.`,
    '',
    `- [CONCLUSIONS.md](CONCLUSIONS.md): the findings, generated from the numbers`,
    `- [${RESULTS_FILE}](${RESULTS_FILE}): every metric per variant (per-seed values, seed CIs, bootstrap CIs), differences, baselines, contamination, run records`,
    `- Report inputs (src/report/oursInputs.ts): ${Object.values(OURS_FILES)
      .filter((f) => files.includes(f))
      .map((f) => `[${f}](${f})`)
      .join(', ')}`,
    '',
    '## Tables',
    '',
    ...md.map((f) => `- [${f.replace(/\.md$/, '')}](${f})`),
    '',
    '## Plots',
    '',
    ...(png.length
      ? png.map((f) => `- [${f.replace(/\.png$/, '')}](${f})`)
      : files.filter((f) => f.startsWith('experiment-') && f.endsWith('.json')).map((f) => `- ${f} (Plotly JSON)`)),
    '',
  ].join('\n');
}
