// An ablation drawn the way a paper draws one: each variant's change against the reference (e.g. Bradley-Terry),
// ours as seed-paired differences with their 95% CI, the paper's printed differences beside them. Effects of tenths
// of a point are visible on a difference axis; on a 40-100% score axis they are not. Two panels: the held-out
// accuracy (ours only: the paper has no in-distribution numbers) and the RewardBench score (ours: RewardBench-lite;
// paper: RewardBench). Provenance goes into layout.meta, not into the caption.
import { axis, baseLayout, caption, OURS_COLORS, OURS_NAME, PAPER_COLORS, PAPER_NAME, wrapText } from './theme.js';
import type { PlotlyFigure } from './theme.js';
import type { DecontaminatedModels, Table3LossAblation } from './paperData.js';

/** One seed-paired difference in percentage points. */
export interface DifferenceValue {
  mean: number;
  ci95?: [number, number];
}

export interface DifferenceRow {
  /** The variant, as a short label (the reference is named once, in the figure's axis titles). */
  label: string;
  heldOut?: DifferenceValue;
  score?: DifferenceValue;
  /** The paper's difference of printed RewardBench scores, per base model; empty when the paper has none. */
  paper: { base: string; delta: number }[];
}

export interface DifferenceFigureOptions {
  id: string;
  title: string;
  /** The reference every difference is taken against, e.g. "Bradley-Terry". */
  reference: string;
  /** What, whose, n, seeds: one or two short sentences under the plot. */
  captionText: string;
  /** Where the numbers come from (files, configs, hashes); stored in layout.meta.provenance. */
  provenance: string;
  /**
   * Panels on which our reference model has no signal (experiments/signal.ts decides), each with its one-line
   * reason: our differences there are drawn as hollow grey "no signal here" markers with the reason in the panel.
   */
  noSignal?: { heldOut?: string; score?: string };
}

/** Grey for numbers drawn but not read (a metric without signal). */
export const NO_SIGNAL_COLOR = '#9e9e9e';
export const NO_SIGNAL_NAME = 'ours: no signal here (hollow grey)';

/** Share of the plotting width left of the panels for the variant labels, and the gap between the two panels. */
const LABELS = 0.36;
const GAP = 0.05;
const BASE_SYMBOLS: Record<string, string> = { 'Llama-3.1-8B': 'circle', 'Gemma-2-27B': 'square' };

function range(values: number[]): [number, number] {
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const pad = Math.max(0.5, 0.08 * (hi - lo));
  return [lo - pad, hi + pad];
}

function oursTrace(
  rows: DifferenceRow[],
  key: 'heldOut' | 'score',
  axisId: string,
  legend: boolean,
  noSignal: boolean,
) {
  const rs = rows.filter((r) => r[key]);
  const v = (r: DifferenceRow) => r[key]!;
  const excludesZero = (d: DifferenceValue) => Boolean(d.ci95 && (d.ci95[0] > 0 || d.ci95[1] < 0));
  const line = noSignal ? NO_SIGNAL_COLOR : OURS_COLORS[0];
  return {
    type: 'scatter',
    mode: 'markers',
    name: noSignal ? NO_SIGNAL_NAME : `${OURS_NAME}, 95% CI (filled: excludes 0)`,
    legendgroup: noSignal ? 'ours-no-signal' : 'ours',
    showlegend: legend,
    x: rs.map((r) => v(r).mean),
    y: rs.map((r) => r.label),
    error_x: {
      type: 'data',
      symmetric: false,
      array: rs.map((r) => (v(r).ci95 ? v(r).ci95![1] - v(r).mean : 0)),
      arrayminus: rs.map((r) => (v(r).ci95 ? v(r).mean - v(r).ci95![0] : 0)),
      color: line,
      thickness: 1.5,
      width: 4,
    },
    marker: {
      color: rs.map((r) => (!noSignal && excludesZero(v(r)) ? OURS_COLORS[1] : '#ffffff')),
      size: 10,
      symbol: 'diamond',
      line: { color: line, width: 1.5 },
    },
    xaxis: `x${axisId}`,
    yaxis: `y${axisId}`,
    hovertemplate: '%{y}: %{x:+.2f} points<extra>ours</extra>',
  };
}

export function differenceFigure(rows: DifferenceRow[], options: DifferenceFigureOptions): PlotlyFigure {
  const labels = rows.map((r) => r.label);
  const layout = baseLayout(options.title, `change against ${options.reference}, in points`);
  const none = options.noSignal ?? {};
  const data: Record<string, unknown>[] = [
    oursTrace(rows, 'heldOut', '', true, Boolean(none.heldOut)),
    // The second panel's trace enters the legend only when it is drawn in the other style.
    oursTrace(rows, 'score', '2', Boolean(none.heldOut) !== Boolean(none.score), Boolean(none.score)),
  ];
  const bases = [...new Set(rows.flatMap((r) => r.paper.map((p) => p.base)))];
  bases.forEach((base, i) => {
    const rs = rows.filter((r) => r.paper.some((p) => p.base === base));
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: `${PAPER_NAME}, ${base}`,
      legendgroup: `paper-${base}`,
      x: rs.map((r) => r.paper.find((p) => p.base === base)!.delta),
      y: rs.map((r) => r.label),
      marker: { color: PAPER_COLORS[i === 0 ? 1 : 0], size: 9, symbol: BASE_SYMBOLS[base] ?? 'circle' },
      xaxis: 'x2',
      yaxis: 'y2',
      hovertemplate: `%{y}: %{x:+.1f} points<extra>paper, ${base}</extra>`,
    });
  });
  const values = (key: 'heldOut' | 'score') =>
    rows.flatMap((r) => (r[key] ? [r[key]!.mean, ...(r[key]!.ci95 ?? [])] : []));
  const categories = [...labels].reverse();
  const yAxis = (anchor: string, ticks: boolean) =>
    axis('', {
      anchor,
      type: 'category',
      categoryorder: 'array',
      categoryarray: categories,
      showticklabels: ticks,
      ticksuffix: ' ',
      gridcolor: '#f0f0f0',
      // Labels sit inside the figure's left part, so the caption and legend can start at the figure's left edge.
      automargin: false,
    });
  layout.xaxis = axis('Δ held-out accuracy', {
    domain: [LABELS, LABELS + (1 - LABELS - GAP) / 2],
    anchor: 'y',
    range: range(values('heldOut')),
    zeroline: true,
    zerolinewidth: 1.5,
  });
  layout.xaxis2 = axis('Δ RewardBench (ours: lite)', {
    domain: [LABELS + (1 - LABELS + GAP) / 2, 1],
    anchor: 'y2',
    range: range([...values('score'), ...rows.flatMap((r) => r.paper.map((p) => p.delta))]),
    zeroline: true,
    zerolinewidth: 1.5,
  });
  layout.yaxis = yAxis('x', true);
  layout.yaxis2 = { ...yAxis('x2', false), matches: 'y' };
  const plotHeight = 34 * labels.length + 20;
  // A panel without signal says why above its plot area, wrapped to the panel's width (about 36 characters).
  const notes = (['heldOut', 'score'] as const).flatMap((k, i) =>
    none[k] ? [{ ax: i === 0 ? '' : '2', text: wrapText(none[k]!, 36) }] : [],
  );
  const noteLines = Math.max(0, ...notes.map((n) => n.text.split('<br>').length));
  const noteHeight = noteLines ? 15 * noteLines + 8 : 0;
  // The legend hangs from under the title; its rows are estimated from its entries' text (about 6.3 px a character).
  const names = data.filter((t) => t.showlegend !== false).map((t) => String(t.name));
  const legendRows = Math.ceil(names.reduce((w, n) => w + 6.3 * n.length + 50, 0) / 820);
  const legendTop = 72;
  const margin = { l: 10, r: 20, t: legendTop + 24 * legendRows + noteHeight + 8, b: 110 };
  layout.annotations = [
    caption(wrapText(options.captionText, 120), -58 / plotHeight),
    ...notes.map((n) => ({
      text: n.text,
      xref: `x${n.ax} domain`,
      yref: 'paper',
      x: 0,
      y: 1 + 4 / plotHeight,
      xanchor: 'left',
      yanchor: 'bottom',
      align: 'left',
      showarrow: false,
      font: { size: 11, color: '#666' },
    })),
  ];
  layout.legend = {
    orientation: 'h',
    x: 0,
    xanchor: 'left',
    y: 1 + (margin.t - legendTop) / plotHeight,
    yanchor: 'top',
    font: { size: 12 },
  };
  layout.margin = margin;
  layout.meta = { provenance: options.provenance };
  const height = plotHeight + margin.t + margin.b;
  // Title and subtitle pinned to the top, so the legend row above the panels never runs into them.
  layout.title = { ...(layout.title as object), y: 1 - 28 / height, yanchor: 'top' };
  return { id: options.id, data, layout, width: 860, height };
}

/** Paper Table 3 as differences against its Bradley-Terry row (the paper's side of the loss ablation). */
export function paperLossDifferences(t3: Table3LossAblation): DifferenceRow[] {
  const bt = t3.rows.find((r) => r.lossKey === 'bt');
  if (!bt) throw new Error('paper Table 3 has no Bradley-Terry row (lossKey "bt")');
  return t3.rows
    .filter((r) => r !== bt)
    .map((r) => ({ label: r.loss, paper: [{ base: t3.baseModel, delta: r.score - bt.score }] }));
}

/** The paper's decontamination as a difference: the v0.1 (contaminated) model minus the v0.2 one, per base. */
export function paperDecontaminationDifferences(dm: DecontaminatedModels): DifferenceRow[] {
  const bases = [...new Set(dm.rows.map((r) => r.base))];
  const paper = bases.flatMap((base) => {
    const v1 = dm.rows.find((r) => r.base === base && r.version === 'v0.1');
    const v2 = dm.rows.find((r) => r.base === base && r.version === 'v0.2');
    return v1 && v2 ? [{ base, delta: v1.score - v2.score }] : [];
  });
  return [{ label: 'with contaminated prompts (v0.1)', paper }];
}
