// Writes the results folder (figures/results by default): experiments.json (the bundle: every variant's metrics
// with per-seed values and CIs, differences, baselines, contamination, run records summary), the report's "ours"
// files (OURS_FILES), per-experiment tables (Markdown/CSV/LaTeX), one plot per experiment, and CONCLUSIONS.md.
// The folder is an output of util/output: built aside and put in place whole, replacing the results it wrote
// before; anything else in it is kept (with `force`, the folder is replaced whole).
import { existsSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readPairsParquet } from '../data/io/hfParquet.js';
import { OURS_FILES } from '../report/oursInputs.js';
import { PlotlyExporter, findChromium, writeFigure } from '../report/plotlyExport.js';
import { writeTable } from '../report/regenerateFigures.js';
import { canonicalJson } from '../util/hash.js';
import { openFolderOutput } from '../util/output/folderOutput.js';
import type { OutputKind } from '../util/output/marker.js';
import { conclusionsMarkdown } from './conclusions.js';
import { experimentFigures } from './figure.js';
import { oursFiles, summarizeResults, type AblationStatus, type ResultsBundle } from './results.js';
import type { ExperimentRunResult } from './runner.js';
import { allTables } from './tables.js';
import { readJsonFile } from '../util/jsonFile.js';
import type { PreferencePair } from '../data/schema.js';
import {
  ablationResults,
  readAblationResults,
  TRANSFORMER_ABLATION_FILE,
  withAblation,
  type TransformerAblationResults,
} from './transformerAblation.js';

export const RESULTS_FILE = 'experiments.json';
export const CONCLUSIONS_FILE = 'CONCLUSIONS.md';

export interface WriteResultsOptions {
  outDir: string;
  /** SVG + PNG through headless Chromium (default true when Chromium is found). */
  images?: boolean;
  /** Replace the folder whole: remove what it holds beyond the results written before. */
  force?: boolean;
  /**
   * The transformer loss ablation merged into the results (null: none). Absent: the one committed in the folder,
   * as it is (transformerAblation.ts; `rmw reproduce` passes it with its status on this checkout).
   */
  transformer?: { results: TransformerAblationResults; status: AblationStatus } | null;
}

/** A results folder as an output: what its marker says, and what messages call it. */
export const RESULTS_OUTPUT: OutputKind = { kind: 'results', writer: 'rmw experiment', noun: 'results folder' };

export interface WrittenResults {
  outDir: string;
  files: string[];
  bundle: ResultsBundle;
  notes: string[];
}

const json = (v: unknown) => `${canonicalJson(v, 2)}\n`;

export async function writeResults(run: ExperimentRunResult, options: WriteResultsOptions): Promise<WrittenResults> {
  return writeBundle(await summarizeResults(run), await curatedPairs(run), run.runsDir, options);
}

/** The curated mix's training pairs of a run (the report's composition and categories), [] without that mix. */
async function curatedPairs(run: ExperimentRunResult): Promise<PreferencePair[]> {
  return run.mixes.curated ? readPairsParquet(join(run.runsDir, 'mixes', 'curated', 'train.parquet')) : [];
}

/**
 * Writes the transformer ablation's run into the results folder: its committed file, and the folder's tables, plots
 * and conclusions redrawn with it, from the bundle already there (the bag-of-n-grams results are kept as they are).
 */
export async function writeAblationResults(
  run: ExperimentRunResult,
  options: WriteResultsOptions & { workers: number },
): Promise<WrittenResults> {
  // The wall clock of the training: this command's when it trained; else the committed file's, for the same runs.
  const t = await ablationResults(run, run.counts.runsTrained > 0 ? run.seconds : null, options.workers);
  const before = readAblationResults(options.outDir);
  const keys = (rs: readonly { key: string }[]) =>
    rs
      .map((r) => r.key)
      .sort()
      .join();
  if (t.cost.wallSeconds === null && before && keys(before.records) === keys(t.records))
    t.cost.wallSeconds = before.cost.wallSeconds;
  const main = readResultsBundle(options.outDir) ?? { ...t.bundle, experiments: [], runs: [] };
  return writeBundle(main, await curatedPairs(run), run.runsDir, {
    ...options,
    transformer: { results: t, status: { current: true } },
  });
}

/** Writes the results folder from a bundle (the transformer ablation merged in as options.transformer says). */
export async function writeBundle(
  main: ResultsBundle,
  curatedTrain: readonly PreferencePair[],
  inputsDir: string,
  options: WriteResultsOptions,
): Promise<WrittenResults> {
  const committed = readAblationResults(options.outDir);
  const t =
    options.transformer === undefined
      ? committed && { results: committed, status: main.transformerAblation?.status ?? { current: true } }
      : options.transformer;
  const output = openFolderOutput(options.outDir, {
    kind: RESULTS_OUTPUT,
    replace: true,
    force: options.force,
    inputs: [{ path: inputsDir, what: 'the experiments folder' }],
  });
  try {
    const written = await writeResultFiles(main, curatedTrain, output.dir, options, t ?? null);
    output.commit();
    return { ...written, outDir: options.outDir };
  } finally {
    output.abandon();
  }
}

async function writeResultFiles(
  main: ResultsBundle,
  curatedTrain: readonly PreferencePair[],
  outDir: string,
  options: WriteResultsOptions,
  transformer: { results: TransformerAblationResults; status: AblationStatus } | null,
): Promise<WrittenResults> {
  // Without committed transformer results the bundle is written as it is (a GPU machine's collected runs included).
  const bundle = transformer ? withAblation(main, transformer.results, transformer.status) : main;
  const files: string[] = [];
  const notes: string[] = [];
  const put = (name: string, body: string) => {
    writeFileSync(join(outDir, name), body);
    files.push(name);
  };
  put(RESULTS_FILE, json(bundle));
  if (transformer) put(TRANSFORMER_ABLATION_FILE, json(transformer.results));
  const ours = oursFiles(bundle, curatedTrain);
  // Each of the report's files only from the experiment that fills it (a preset without it writes none).
  const has = (id: string) => bundle.experiments.some((e) => e.id === id);
  if (has('data-ablation')) put(OURS_FILES.leaderboard, json(ours.leaderboard));
  if (has('loss-ablation')) put(OURS_FILES.lossAblation, json(ours.lossAblation));
  if (has('decontamination')) put(OURS_FILES.decontamination, json(ours.decontamination));
  if (bundle.mixes.curated && has('data-ablation')) {
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
  return existsSync(file) ? readJsonFile<ResultsBundle>(file) : undefined;
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
    `Written by \`src/experiments/writeResults.ts\` (\`npm run reproduce\`); preset ${b.preset.name}, seeds ` +
      `${b.preset.seeds.join(', ')}. Do not edit by hand.`,
    '',
    `- [CONCLUSIONS.md](CONCLUSIONS.md): the findings, generated from the numbers`,
    `- [${RESULTS_FILE}](${RESULTS_FILE}): every metric per variant (per-seed values, seed CIs, bootstrap ` +
      `CIs), differences, baselines, contamination, run records`,
    `- Report inputs (src/report/oursInputs.ts): ${Object.values(OURS_FILES)
      .filter((f) => files.includes(f))
      .map((f) => `[${f}](${f})`)
      .join(', ')}`,
    '',
    ...(b.skipped?.length
      ? ['## Not run on this machine', '', ...b.skipped.map((x) => `- ${x.id}: ${x.reason}`), '']
      : []),
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
