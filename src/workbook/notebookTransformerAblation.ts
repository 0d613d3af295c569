// The transformer loss ablation as the notebooks show it: read back from the committed results (figures/results,
// written by `rmw experiment transformer-loss-ablation`), never retrained in a notebook cell. One call gives the
// experiment's table, its figure, and the lines that say what trained, what it cost and whether it learns.
import { existsSync } from 'node:fs';
import type { ReportTable } from '../report/tableRender.js';
import type { PlotlyFigure } from '../report/theme.js';
import { fromRoot } from '../util/paths.js';
import { experimentDifferenceFigure } from '../experiments/figure.js';
import type { ExperimentSummary, ResultsBundle } from '../experiments/results.js';
import { experimentTable } from '../experiments/tables.js';
import { readAblationResults, TRANSFORMER_EXPERIMENT, withAblation } from '../experiments/transformerAblation.js';
import { transformerSignal, type TransformerSignal } from '../experiments/transformerConclusions.js';
import { readResultsBundle } from '../experiments/writeResults.js';

export interface CommittedTransformerAblation {
  /** The results bundle with the ablation in it (the committed bow results beside it, when there). */
  bundle: ResultsBundle;
  experiment: ExperimentSummary;
  /** Does the BT transformer learn: held-out against chance and the best trivial rule. */
  signal: TransformerSignal | undefined;
  table: ReportTable;
  figure: PlotlyFigure;
  /** What trained, what it cost, whether it learns: one line each. */
  lines: string[];
}

/** The committed transformer loss ablation of a results folder (default figures/results), or undefined. */
export function committedTransformerAblation(resultsDir?: string): CommittedTransformerAblation | undefined {
  const dir = resultsDir ?? fromRoot('figures', 'results');
  if (!existsSync(dir)) return undefined;
  const t = readAblationResults(dir);
  if (!t) return undefined;
  const main = readResultsBundle(dir) ?? { ...t.bundle, experiments: [], runs: [] };
  const bundle = withAblation(main, t, main.transformerAblation?.status);
  const e = bundle.experiments.find((x) => x.id === TRANSFORMER_EXPERIMENT)!;
  const signal = transformerSignal(e, t.bundle.baselines);
  const f1 = (x: number) => x.toFixed(1);
  const cost = t.cost;
  const lines = [
    `what trained: ${e.variants[0].model} on ${e.variants[0].backend}; ${t.sizingLine}`,
    `seeds ${t.bundle.preset.seeds.join(', ')}; curated mix ${e.variants[0].mix.sha256.slice(0, 12)}; ` +
      `written by ${t.command}`,
    `cost: ${cost.runs.length} runs, ${f1(cost.trainSeconds / 60)} min training + ` +
      `${f1(cost.evalSeconds / 60)} min evaluation summed` +
      (cost.wallSeconds === null ? '' : `, ${f1(cost.wallSeconds / 60)} min wall on ${cost.workers} workers`),
    `steps kept (lowest validation loss): ` +
      cost.runs.map((r) => `${r.runId.replace(/^transformer-/, '')} s${r.seed} ${r.bestStep}`).join(', '),
  ];
  if (signal) {
    const ci = signal.bt.ci95 ? ` [${f1(signal.bt.ci95[0])}, ${f1(signal.bt.ci95[1])}]` : '';
    const rule = signal.baseline ? `${signal.baseline.label} ${f1(signal.baseline.value)}` : 'none';
    const verdict = {
      learns: 'learns beyond chance and beyond the best trivial rule',
      'chance-only': 'above chance, but not beyond the best trivial rule: no signal beyond length',
      'no-signal': `${signal.chance} on the held-out pairs: no signal here`,
    }[signal.verdict];
    lines.push(`BT held-out ${f1(signal.bt.mean)}${ci} vs chance 50 and ${rule}: ${verdict}`);
  }
  return {
    bundle,
    experiment: e,
    signal,
    table: experimentTable(e, t.bundle.baselines, bundle),
    figure: experimentDifferenceFigure(bundle, TRANSFORMER_EXPERIMENT),
    lines,
  };
}
