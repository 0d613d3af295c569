// The experiments' figures. An ablation is drawn as each variant's seed-paired change against the reference beside
// the paper's change (report/differenceFigure.ts); JudgeBench as a dot plot with the five real reward models
// (their stored scores, rescored), ours and the baselines. The dot plot: a panel per metric, one row per model with
// its seed mean and 95% CI bar, baselines as grey marks, the real reward models in blue, a dashed line at chance.
import { differenceFigure, NO_SIGNAL_COLOR, NO_SIGNAL_NAME, type DifferenceRow } from '../report/differenceFigure.js';
import {
  chanceAndBaselineLines,
  axis,
  baseLayout,
  caption,
  NEUTRAL_COLORS,
  OURS_COLORS,
  OURS_NAME,
  PAPER_COLORS,
  wrapText,
  type PlotlyFigure,
  panelTitle,
} from '../report/theme.js';
import { HEADLINE_METRICS, type MetricSummary } from './aggregate.js';
import { modelBackends } from './format.js';
import { headlineRows } from './headline.js';
import type { ResultsBundle } from './results.js';
import { bestTrivialBaseline, experimentSignals, referenceSignals, type MetricSignal } from './signal.js';

export interface FigureRow {
  label: string;
  metrics: Record<string, Pick<MetricSummary, 'mean' | 'ci95'>>;
  /** ours: our trained models; baseline: length rules and random; reference: real reward models' stored scores. */
  kind: 'ours' | 'baseline' | 'reference';
}

const KIND_NAMES = {
  ours: OURS_NAME,
  baseline: 'baselines (length, random)',
  reference: 'real reward models (stored scores)',
};
const KIND_MARKERS = {
  ours: { color: OURS_COLORS[2], size: 9, symbol: 'diamond', line: { color: OURS_COLORS[0], width: 1 } },
  baseline: { color: NEUTRAL_COLORS[7], size: 8, symbol: 'square' },
  reference: { color: PAPER_COLORS[1], size: 9, symbol: 'circle' },
};
const KIND_BARS = { ours: OURS_COLORS[0], baseline: NEUTRAL_COLORS[7], reference: PAPER_COLORS[1] };

const seedsText = (p: { seeds: number[] }) => `seeds ${p.seeds.join(', ')}`;

/** What trained the rows: "bow / cpu", and the WebGPU adapter when some rows trained on one. */
function trainedBy(vs: readonly { model?: string; backend: string; adapter?: string | null }[]): string {
  const adapters = [...new Set(vs.flatMap((v) => (v.adapter ? [v.adapter] : [])))];
  return `${modelBackends(vs)}${adapters.length ? `, WebGPU adapter ${adapters.join('; ')}` : ''}`;
}

function provenance(b: ResultsBundle): string {
  const mix = b.mixes.curated;
  return [
    `experiments.json (format ${b.format}), preset ${b.preset.name}: ${b.preset.description}`,
    `seeds ${b.preset.seeds.join(', ')}; bootstrap resamples ${b.preset.resamples}`,
    mix ? `curated mix sha256 ${mix.sha256} (${mix.trainPairs} train / ${mix.heldOutPairs} held-out pairs)` : '',
    // Sorted: the bundle read back from experiments.json has its keys sorted, and must draw the same bytes.
    `code ${Object.entries(b.code)
      .sort(([a], [c]) => a.localeCompare(c))
      .map(([k, v]) => `${k} ${v.slice(0, 12)}`)
      .join(', ')}`,
  ]
    .filter(Boolean)
    .join('; ');
}

/** One experiment's variants as differences against its reference, with the paper's differences beside them. */
export function experimentDifferenceRows(b: ResultsBundle, experimentId: string): DifferenceRow[] {
  return headlineRows(b)
    .filter((r) => r.experimentId === experimentId)
    .map((r) => ({
      label: r.variant ?? r.comparison,
      heldOut: r.heldOut ? { mean: r.heldOut.mean, ci95: r.heldOut.ci95 } : undefined,
      score: r.score ? { mean: r.score.mean, ci95: r.score.ci95 } : undefined,
      paper: r.paper ?? [],
    }));
}

/** An ablation's figure: each variant's change against the reference, ours with 95% CIs, the paper's beside. */
export function experimentDifferenceFigure(b: ResultsBundle, experimentId: string): PlotlyFigure {
  const e = b.experiments.find((x) => x.id === experimentId);
  if (!e) throw new Error(`experiments.json has no experiment "${experimentId}"`);
  const rows = experimentDifferenceRows(b, experimentId);
  const noSignal = differenceNoSignal(experimentSignals(b, e.variants[0], ['held-out/overall', 'lite/score']));
  const paperBases = [...new Set(rows.flatMap((r) => r.paper.map((p) => p.base)))];
  return differenceFigure(rows, {
    id: `experiment-${e.id}`,
    title: e.title,
    reference: e.variants[0].label,
    captionText:
      `Ours: reward models trained from scratch on the offline data (model / backend: ${trainedBy(e.variants)}), ` +
      `${seedsText(e.preset ?? b.preset)} ` +
      `(n = ${(e.preset ?? b.preset).seeds.length} seed-paired differences). ` +
      (paperBases.length
        ? `Paper: differences of printed RewardBench scores (${paperBases.join(', ')}).`
        : 'The paper prints no number for this comparison.'),
    provenance: provenance(b),
    noSignal,
  });
}

/** The difference figure's "no signal here" panels, from the rule in signal.ts (held-out and RB-lite score). */
export function differenceNoSignal(sig: Record<string, MetricSignal>): { heldOut?: string; score?: string } {
  const h = sig['held-out/overall'],
    s = sig['lite/score'];
  return { ...(h && !h.signal ? { heldOut: h.note } : {}), ...(s && !s.signal ? { score: s.note } : {}) };
}

/** JudgeBench per category: the five real reward models (stored scores, rescored), ours and the baselines. */
export function judgeBenchFigure(b: ResultsBundle): PlotlyFigure {
  const e = b.experiments.find((x) => x.id === 'judgebench');
  const cats = ['knowledge', 'reasoning', 'math', 'coding', 'overall'];
  const metrics = cats.map((c) => ({ key: `judgebench/${c}`, label: c[0].toUpperCase() + c.slice(1) }));
  const reference: FigureRow[] = b.judgebenchReference.map((r) => ({
    label: r.judgeModel.replace(/^.*\//, ''),
    kind: 'reference',
    metrics: Object.fromEntries(cats.map((c) => [`judgebench/${c}`, { mean: 100 * r.accuracy[c] }])),
  }));
  const rows: FigureRow[] = [
    ...reference,
    ...(e?.variants ?? []).map((v): FigureRow => ({ label: v.label, metrics: v.metrics, kind: 'ours' })),
    ...b.baselines.map((x): FigureRow => ({ label: x.label, metrics: x.metrics, kind: 'baseline' })),
  ];
  return experimentFigure(
    'experiment-judgebench',
    `JudgeBench (350 GPT-4o pairs): ${reference.length} real reward models and ours`,
    rows,
    `Real reward models: their stored scores rescored with JudgeBench's two-order rule. ` +
      `Ours (${trainedBy(e?.variants ?? [])}), ` +
      `${seedsText(b.preset)}, mean with 95% CI. Baselines: length rules and a seeded random reward.`,
    metrics,
    provenance(b),
    e
      ? experimentSignals(
          b,
          e.variants[0],
          metrics.map((m) => m.key),
        )
      : undefined,
  );
}

/** Every experiment's figure, as written to the results folder and shown in notebook 06. */
export function experimentFigures(b: ResultsBundle): PlotlyFigure[] {
  return b.experiments.map((e) => (e.id === 'judgebench' ? judgeBenchFigure(b) : experimentDifferenceFigure(b, e.id)));
}

export function experimentFigure(
  id: string,
  title: string,
  rows: FigureRow[],
  captionText: string,
  metrics = HEADLINE_METRICS,
  provenanceText?: string,
  /** Per metric, whether our reference carries signal (signal.ts): ours are drawn hollow grey where it does not. */
  signals?: Record<string, MetricSignal>,
): PlotlyFigure {
  const labels = rows.map((r) => r.label);
  const categories = [...labels].reverse();
  const layout = baseLayout(
    title,
    'accuracy (%), mean with 95% CI where there are seeds; dashed = chance (50%), dotted = best length baseline',
  );
  const data: Record<string, unknown>[] = [];
  const n = metrics.length;
  // Wide enough that the last tick label of one panel and the first of the next do not touch.
  const gap = 0.04;
  // Row labels sit inside the figure's left part (automargin off), so the caption can start at its left edge.
  const left = 0.36;
  const w = (1 - left - gap * (n - 1)) / n;
  const annotations: Record<string, unknown>[] = [];
  const shapes: Record<string, unknown>[] = [];
  metrics.forEach((m, i) => {
    const ax = i === 0 ? '' : String(i + 1);
    const quiet = signals?.[m.key] && !signals[m.key].signal;
    for (const kind of ['reference', 'ours', 'baseline'] as const) {
      const rs = rows.filter((r) => r.kind === kind && r.metrics[m.key]);
      if (!rs.length) continue;
      const grey = quiet && kind === 'ours';
      const val = (r: FigureRow) => r.metrics[m.key].mean;
      const ci = (r: FigureRow) => r.metrics[m.key].ci95;
      data.push({
        type: 'scatter',
        mode: 'markers',
        name: grey ? NO_SIGNAL_NAME : KIND_NAMES[kind],
        legendgroup: grey ? 'ours-no-signal' : kind,
        // Each style enters the legend once: at the first panel drawn in it.
        showlegend: grey
          ? metrics.findIndex((x) => signals?.[x.key] && !signals[x.key].signal) === i
          : metrics.findIndex((x) => kind !== 'ours' || !(signals?.[x.key] && !signals[x.key].signal)) === i,
        x: rs.map(val),
        y: rs.map((r) => r.label),
        error_x: {
          type: 'data',
          symmetric: false,
          color: grey ? NO_SIGNAL_COLOR : KIND_BARS[kind],
          thickness: 1.5,
          width: 3,
          array: rs.map((r) => (ci(r) ? ci(r)![1] - val(r) : 0)),
          arrayminus: rs.map((r) => (ci(r) ? val(r) - ci(r)![0] : 0)),
        },
        marker: grey
          ? { color: '#ffffff', size: 9, symbol: 'diamond', line: { color: NO_SIGNAL_COLOR, width: 1.5 } }
          : KIND_MARKERS[kind],
        xaxis: `x${ax}`,
        yaxis: `y${ax}`,
        hovertemplate: `%{y}<br>${m.label}: %{x:.1f}%<extra></extra>`,
      });
    }
    const vals = rows.flatMap((r) => {
      const s = r.metrics[m.key];
      return s ? [s.mean, ...(s.ci95 ?? [])] : [];
    });
    const lo = Math.max(0, Math.floor((Math.min(50, ...vals) - 2) / 5) * 5);
    const hi = Math.min(100, Math.ceil((Math.max(50, ...vals) + 2) / 5) * 5);
    layout[`xaxis${ax}`] = axis(i === 0 ? '%' : '', {
      domain: [left + i * (w + gap), left + i * (w + gap) + w],
      anchor: `y${ax}`,
      range: [lo, hi],
      // At most three intervals across a narrow panel (JudgeBench's five), six across a wide one.
      dtick: [5, 10, 20, 25, 50].find((d) => (hi - lo) / d <= (w < 0.15 ? 3 : 6)) ?? 50,
      tickangle: 0,
    });
    layout[`yaxis${ax}`] = axis('', {
      anchor: `x${ax}`,
      type: 'category',
      categoryorder: 'array',
      categoryarray: categories,
      showticklabels: i === 0,
      matches: i === 0 ? undefined : 'y',
      ticksuffix: ' ',
      automargin: false,
    });
    const best = bestTrivialBaseline(
      rows
        .filter((r) => r.kind === 'baseline')
        .map((r) => ({
          name: baselineName(r.label),
          label: r.label,
          metrics: r.metrics as Record<string, MetricSummary>,
        })),
      m.key,
    );
    shapes.push(...chanceAndBaselineLines(ax, best?.mean));
    annotations.push(panelTitle(ax, quiet ? `${m.label}<br>(no signal)` : m.label, 11));
  });
  const plotHeight = 30 * labels.length + 20;
  const margin = { l: 10, r: 20, t: 165, b: 110 };
  annotations.push(caption(wrapText(captionText, 120), -62 / plotHeight));
  layout.annotations = annotations;
  layout.shapes = shapes;
  layout.legend = { orientation: 'h', x: 0, xanchor: 'left', y: 1 + 26 / plotHeight, yanchor: 'bottom' };
  layout.margin = margin;
  const height = plotHeight + margin.t + margin.b;
  if (provenanceText) layout.meta = { provenance: provenanceText };
  return { id, data, layout, width: 860, height };
}

/** A baseline row's name back from its label ("baseline: longer response wins" -> "longer-response-wins"). */
const baselineName = (label: string) => label.replace(/^baseline: /, '').replace(/ /g, '-');

/**
 * The differences `regenerateFigures` draws beside the paper's (loss ablation, decontamination), each with its
 * panels without signal, and the signal of every metric of the curated-mix BT model (for the leaderboard dots).
 */
export function figureDifferences(b: ResultsBundle): {
  lossAblation: DifferenceRow[];
  decontamination: DifferenceRow[];
  provenance: string;
  noSignal: {
    lossAblation: { heldOut?: string; score?: string };
    decontamination: { heldOut?: string; score?: string };
  };
  signal: Record<string, { signal: boolean; note: string }>;
} {
  const panels = (id: string) => {
    const e = b.experiments.find((x) => x.id === id);
    return e ? differenceNoSignal(experimentSignals(b, e.variants[0], ['held-out/overall', 'lite/score'])) : {};
  };
  return {
    lossAblation: experimentDifferenceRows(b, 'loss-ablation'),
    decontamination: experimentDifferenceRows(b, 'decontamination'),
    provenance: `Ours: ${provenance(b)}`,
    noSignal: { lossAblation: panels('loss-ablation'), decontamination: panels('decontamination') },
    signal: Object.fromEntries(
      Object.entries(referenceSignals(b)).map(([k, v]) => [k, { signal: v.signal, note: v.note }]),
    ),
  };
}
