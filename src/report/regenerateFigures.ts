// Regenerates every paper figure and table into one folder: the paper's side from data/paper, ours from the
// results folder when its files exist (paper-only otherwise, said in the notes), Figure 2 from the offline scored
// data, the loss shapes from src/losses. Used by `rmw figures` and by the reproduce pipeline. The folder is an
// output of util/output: built aside and put in place whole, replacing the figures written before; what else it
// holds (figures/results, another command's output) is carried over (with `force`, the folder is replaced whole).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lossCurves } from '../losses/curves.js';
import { listLosses } from '../losses/registry.js';
import { logProgress } from '../util/progress.js';
import { openFolderOutput } from '../util/output/folderOutput.js';
import type { OutputKind } from '../util/output/marker.js';
import { decontaminationTable, magpieCategoryTable, table1Statistics } from './datasetTables.js';
import { figure1Composition } from './figure1Composition.js';
import { loadAlpacaEvalBonGroups, loadUltraFeedbackGroups } from './figure2Data.js';
import { figure2ScoreDistributions } from './figure2ScoreDistributions.js';
import {
  differenceFigure,
  paperDecontaminationDifferences,
  paperLossDifferences,
  type DifferenceRow,
} from './differenceFigure.js';
import { lossShapesFigure, type LossCurve } from './lossShapesFigure.js';
import { loadOursResults } from './oursInputs.js';
import { externalScoreRows, loadExternalResults, EXTERNAL_FILE } from './externalInputs.js';
import { externalBenchTables, judgeBenchExternalTable } from './externalTables.js';
import { JUDGEBENCH_PAPER_TABLE3 } from '../data/judgebenchPaper.js';
import { loadPaperTable } from './paperData.js';
import { PlotlyExporter, findChromium, writeFigure } from './plotlyExport.js';
import { scoreDotsFigure, type ScoreDotsOptions } from './scoreDotsFigure.js';
import { decontaminatedModelsTable, table2Leaderboard, table3LossAblation } from './scoreTables.js';
import { tableFigure } from './tableFigure.js';
import { renderCsv, renderLatex, renderMarkdown, type ReportTable } from './tableRender.js';
import { trainingHparamsTable } from './hparamsTable.js';
import type { PlotlyFigure } from './theme.js';

export interface RegenerateOptions {
  outDir: string;
  /** Folder with our result JSON files (see oursInputs.ts); undefined = paper only. */
  resultsDir?: string;
  /** Write SVG + PNG through headless Chromium (default true; false writes Plotly JSON only). */
  images?: boolean;
  /** Skip Figure 2 (it reads ~45 MB of offline data). */
  skipFigure2?: boolean;
  /** Replace the folder whole: remove what it holds beyond the figures written before (figures/results too). */
  force?: boolean;
  /**
   * Our seed-paired differences for the loss ablation and the decontamination (from the experiments' results, with
   * the paper's differences in each row); absent: the figures show the paper's differences only.
   */
  differences?: {
    lossAblation?: DifferenceRow[];
    decontamination?: DifferenceRow[];
    provenance: string;
    /** Panels on which our reference model has no signal, with why (experiments/signal.ts decides). */
    noSignal?: { lossAblation?: DifferenceNoSignal; decontamination?: DifferenceNoSignal };
    /** Per metric key ("lite/score", "lite/Chat", ...), whether our reference model carries signal there. */
    signal?: Record<string, { signal: boolean; note: string }>;
  };
}

/** The figures folder as an output: what its marker says, and what messages call it. */
export const FIGURES_OUTPUT: OutputKind = { kind: 'figures', writer: 'rmw figures', noun: 'figures folder' };

export interface RegenerateResult {
  outDir: string;
  /** Paths relative to outDir, in the order written. */
  files: string[];
  figures: string[];
  tables: string[];
  ours: { found: string[]; missing: string[] };
  notes: string[];
  seconds: number;
}

/** Writes <id>.md, <id>.csv and <id>.tex; returns the paths. */
export function writeTable(table: ReportTable, outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const base = join(outDir, table.id);
  writeFileSync(`${base}.md`, renderMarkdown(table));
  writeFileSync(`${base}.csv`, renderCsv(table));
  writeFileSync(`${base}.tex`, renderLatex(table));
  return [`${base}.md`, `${base}.csv`, `${base}.tex`];
}

/** The loss-shape curves of the eight Table 3 losses (registry order), drawn at the losses' defaults. */
export function table3LossCurves(): LossCurve[] {
  const names = listLosses()
    .filter((l) => l.kind !== 'term' && l.name !== 'bt-margin')
    .map((l) => l.name);
  const curves = lossCurves(names);
  return curves.curves.map((c) => ({
    name: c.name,
    paperName: c.paperName,
    delta: curves.delta,
    loss: c.loss,
    dLossdDelta: c.grad,
    note: Object.keys(c.params).length
      ? `(${Object.entries(c.params)
          .map(([k, v]) => `${k} = ${v}`)
          .join(', ')})`
      : undefined,
  }));
}

export async function regenerateFigures(options: RegenerateOptions): Promise<RegenerateResult> {
  const output = openFolderOutput(options.outDir, {
    kind: FIGURES_OUTPUT,
    replace: true,
    force: options.force,
    inputs: options.resultsDir ? [{ path: options.resultsDir, what: 'the results folder (--results)' }] : [],
  });
  try {
    const result = await writeFigures(options, output.dir);
    output.commit();
    return { ...result, outDir: options.outDir };
  } finally {
    output.abandon();
  }
}

async function writeFigures(options: RegenerateOptions, outDir: string): Promise<RegenerateResult> {
  const start = Date.now();
  const notes: string[] = [];
  const ours = loadOursResults(options.resultsDir);
  const external = loadExternalResults(options.resultsDir);
  const leaderboardRows = [...(ours.leaderboard?.rows ?? []), ...externalScoreRows(external)];
  if (external) notes.push(`External results: ${external.rows.length} rows from ${EXTERNAL_FILE}.`);
  if (!options.resultsDir) notes.push('No --results folder given: paper-only figures and tables.');
  else if (!ours.found.length)
    notes.push(`No result files in ${options.resultsDir} (looked for ${ours.missing.join(', ')}): paper-only.`);
  else if (ours.missing.length)
    notes.push(`Results without: ${ours.missing.join(', ')} (those tables are paper-only).`);

  const t1 = loadPaperTable('table1-composition');
  const pool = loadPaperTable('pool-378k');
  const t2 = loadPaperTable('table2-leaderboard');
  const t3 = loadPaperTable('table3-loss-ablation');
  const dc = loadPaperTable('decontamination-table');
  const dm = loadPaperTable('decontaminated-models');
  const cats = loadPaperTable('magpie-task-categories');
  const hp = loadPaperTable('training-hparams');

  const tables: ReportTable[] = [
    table1Statistics(t1, ours.composition),
    table2Leaderboard(t2, leaderboardRows),
    table3LossAblation(t3, ours.lossAblation?.rows),
    decontaminationTable(dc, ours.decontamination?.contamination),
    decontaminatedModelsTable(dm, ours.decontamination?.models),
    magpieCategoryTable(cats, ours.categories),
    trainingHparamsTable(hp),
    ...(external?.rows.some((r) => r.bench === 'judgebench')
      ? [
          judgeBenchExternalTable(
            Object.entries(JUDGEBENCH_PAPER_TABLE3).map(([id, p]) => ({
              label: id.replace(/^judgebench-rm-/, ''),
              ...p,
            })),
            external,
          ),
        ]
      : []),
    ...(external ? externalBenchTables(external) : []),
  ];

  const figures: PlotlyFigure[] = [
    figure1Composition(
      pool.rows,
      t1.rows,
      ours.composition?.before,
      ours.composition?.after,
      ours.composition
        ? `${ours.composition.config ?? ours.composition.label}, data ${ours.composition.dataHash.slice(0, 12)} ` +
            `(mix-composition.json in the results folder` +
            `${options.resultsDir ? ` ${relative(process.cwd(), options.resultsDir) || '.'}` : ''})`
        : undefined,
    ),
    scoreDotsFigure(
      t2.rows.map((r) => ({ label: `${r.model}${r.unverified ? '*' : ''}`, score: r.score, sections: r.sections })),
      leaderboardRows,
      {
        id: 'table2-leaderboard-dots',
        title: 'Table 2 as a plot: RewardBench leaderboard and data ablation',
        signal: leaderboardSignal(options.differences?.signal),
        captionText:
          `Paper rows from paper Table 2 [T] (* = not officially verified). ` +
          (ours.leaderboard
            ? 'Ours: workbench models from scratch on the offline data, RewardBench-lite; absolute levels are not ' +
              'comparable with 8B/27B models.'
            : 'Ours: no leaderboard.json in the results folder yet.') +
          (externalScoreRows(external).length
            ? ' External (green): reward models trained elsewhere, scored here on the same RewardBench-lite pairs ' +
              'from their supplied rewards, with bootstrap 95% CIs.'
            : ''),
      },
    ),
    differenceFigure(options.differences?.lossAblation ?? paperLossDifferences(t3), {
      id: 'table3-loss-ablation-differences',
      title: 'Table 3 as differences: each loss against Bradley-Terry',
      reference: 'Bradley-Terry',
      captionText: `Paper: ${t3.baseModel} on ${t3.data}, one run per loss. ${
        options.differences?.lossAblation
          ? 'Ours: bow models on the curated mix, seed-paired differences with 95% CI.'
          : 'Ours: no experiment results given (rmw figures --results).'
      }`,
      provenance: `Paper: data/paper (${t3.source}). ${options.differences?.provenance ?? ''}`,
      noSignal: options.differences?.noSignal?.lossAblation,
    }),
    differenceFigure(options.differences?.decontamination ?? paperDecontaminationDifferences(dm), {
      id: 'decontamination-differences',
      title: 'Decontamination as a difference: contaminated minus decontaminated',
      reference: 'the decontaminated mix',
      captionText: `Paper: v0.1 − v0.2 models (printed RewardBench scores). ${
        options.differences?.decontamination
          ? 'Ours: bow models with and without contaminated pairs, seed-paired differences with 95% CI.'
          : 'Ours: no experiment results given (rmw figures --results).'
      }`,
      provenance: `Paper: data/paper (${dm.source}). ${options.differences?.provenance ?? ''}`,
      noSignal: options.differences?.noSignal?.decontamination,
    }),
    lossShapesFigure(
      table3LossCurves(),
      "Curves from src/losses lossCurves(): each loss's reference implementation at r_c = Δ/2, r_r = −Δ/2 " +
        "with the workbench defaults (the paper's γ, m, t, T were not found). Cross-entropy depends on r_c and " +
        'r_r separately and is drawn on that same line.',
    ),
    ...tables.map((t) => tableFigure(t)),
  ];

  if (!options.skipFigure2) {
    logProgress('figures: reading the offline AlpacaEval best-of-N and UltraFeedback scores for Figure 2');
    const paperNote =
      "The paper's Figure 2 (ArmoRM scores of the Magpie subsets, Air lowered by 0.1 and Pro (Llama 3) by " +
      '0.05) is an image only; its data needs the Magpie datasets online, which the offline mirror does not ' +
      'hold.';
    figures.push(
      figure2ScoreDistributions(
        await loadAlpacaEvalBonGroups(),
        {},
        {
          id: 'figure2-score-distributions',
          scoreLabel:
            'mean judge score per prompt: P(GPT-4-turbo prefers the tulu-2-dpo-13b sample over gpt-3.5), 0 to 1',
          subtitle:
            'ours (measured): AlpacaEval best-of-N, 11 samples per prompt, by AlpacaEval origin subset; no ' +
            'offsets applied',
          captionText:
            `Ours: alpacaeval-bon-0..10 from the offline mirror (reward-bench bon_eval), one value per ` +
            `prompt = mean over its 11 judged samples. ${paperNote}`,
        },
      ),
    );
    const ultraFeedback = await loadUltraFeedbackGroups();
    const ufCounts = Object.entries(ultraFeedback)
      .map(([source, groups]) => `${source} ${groups.length.toLocaleString('en-US')}`)
      .join(', ');
    figures.push(
      figure2ScoreDistributions(
        ultraFeedback,
        {},
        {
          id: 'figure2-score-distributions-ultrafeedback',
          scoreLabel: 'mean GPT-4 score per prompt (chosen and rejected), 1 to 10',
          subtitle: 'ours (measured): UltraFeedback binarized GPT-4 scores; no offsets applied',
          bins: 36,
          captionText:
            `Ours: UltraFeedback pairs kept by the loader (${ufCounts}; tied, identical or empty pairs ` +
            `are quarantined) from the offline mirror; value = mean of the chosen and rejected GPT-4 scores. ` +
            `${paperNote}`,
        },
      ),
    );
  } else notes.push('Figure 2 skipped (--skip-figure2).');

  const written: string[] = [];
  for (const t of tables) written.push(...writeTable(t, outDir));
  const images = options.images ?? true;
  let exporter: PlotlyExporter | undefined;
  if (images) {
    if (findChromium()) exporter = await PlotlyExporter.open();
    else notes.push('Chromium not found (/usr/bin/chromium or $RMW_CHROMIUM): wrote Plotly JSON only, no SVG/PNG.');
  }
  try {
    for (const f of figures) {
      written.push(...(await writeFigure(f, outDir, exporter)));
      logProgress(`figures: ${f.id}`);
    }
  } finally {
    await exporter?.close();
  }
  const files = written.map((p) => relative(outDir, p));
  writeFileSync(join(outDir, 'README.md'), indexMarkdown(tables, figures, notes, Boolean(exporter)));
  files.push('README.md');
  return {
    outDir,
    files,
    figures: figures.map((f) => f.id),
    tables: tables.map((t) => t.id),
    ours: { found: ours.found, missing: ours.missing },
    notes,
    seconds: Number(((Date.now() - start) / 1000).toFixed(1)),
  };
}

function indexMarkdown(tables: ReportTable[], figures: PlotlyFigure[], notes: string[], images: boolean): string {
  const lines = [
    '# Figures and tables',
    '',
    'Regenerated by `rmw figures` (src/report). Do not edit by hand. Paper numbers come from `data/paper/*.json`, each',
    'with its source; ours come from the results folder. Colours: blues = paper (reported), oranges = ours (measured).',
    '',
    '## Tables (Markdown, CSV, LaTeX)',
    '',
    ...tables.map((t) => `- [${t.title}](${t.id}.md) ([csv](${t.id}.csv), [tex](${t.id}.tex))`),
    '',
    '## Figures (Plotly JSON' + (images ? ', SVG, PNG' : '') + ')',
    '',
    ...figures.map(
      (f) =>
        `- ${images ? `[${f.id}](${f.id}.png)` : f.id} ([plotly ` +
        `json](${f.id}.json)${images ? `, [svg](${f.id}.svg)` : ''})`,
    ),
  ];
  if (notes.length) lines.push('', '## Notes from this run', '', ...notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}

type DifferenceNoSignal = { heldOut?: string; score?: string };

/** The leaderboard's panels (Score and the four sections) from the signal of RewardBench-lite's metric keys. */
function leaderboardSignal(
  signal: Record<string, { signal: boolean; note: string }> | undefined,
): ScoreDotsOptions['signal'] {
  if (!signal) return undefined;
  const keys = {
    Score: 'lite/score',
    Chat: 'lite/Chat',
    'Chat Hard': 'lite/Chat Hard',
    Safety: 'lite/Safety',
    Reasoning: 'lite/Reasoning',
  };
  return Object.fromEntries(Object.entries(keys).flatMap(([p, k]) => (signal[k] ? [[p, signal[k]]] : [])));
}
