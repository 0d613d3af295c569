// Dot plots of RewardBench-scored rows (Table 2, Table 3, decontamination): one panel per column (Score and the
// four sections), one line per model; the paper's rows as blue dots, ours as orange dots with 95% CI bars, models
// trained elsewhere and evaluated here from their supplied rewards as green dots with their bootstrap CIs.
import { oursRowKind, type OursScoreRow } from './oursInputs.js';
import { REWARDBENCH_SECTIONS, type Section } from '../data/rewardbenchSections.js';
import {
  chanceAndBaselineLines,
  EXTERNAL_COLORS,
  EXTERNAL_NAME,
  OURS_COLORS,
  OURS_NAME,
  PAPER_COLORS,
  PAPER_NAME,
  axis,
  baseLayout,
  caption,
  wrapText,
  type PlotlyFigure,
  panelTitle,
} from './theme.js';

export interface PaperDotRow {
  label: string;
  score: number;
  sections: Record<Section, number>;
}

export interface ScoreDotsOptions {
  id: string;
  title: string;
  subtitle?: string;
  captionText: string;
  /**
   * Per panel, whether our reference model carries signal there (experiments/signal.ts decides, from the results):
   * where it does not, our rows are drawn as hollow grey "no signal here" markers and the panel says so.
   */
  signal?: Partial<Record<(typeof PANELS)[number], { signal: boolean; note: string }>>;
}

/** Grey for our numbers on a panel without signal (the same look as report/differenceFigure.ts). */
const NO_SIGNAL_COLOR = '#9e9e9e';

/** Trivial baselines whose best is drawn as a dotted line in each panel (chance is the dashed line at 50%). */
const LENGTH_BASELINE = /longer response wins|shorter response wins/;

const PANELS = ['Score', ...REWARDBENCH_SECTIONS] as const;

/** Labels made unique, in order: a repeat gets its `extras` entry in brackets (when that differs), else "#2", "#3", ...
 * */
export function uniqueLabels(labels: readonly string[], extras: readonly string[] = []): string[] {
  const seen = new Set<string>();
  return labels.map((l, i) => {
    let out = l;
    if (seen.has(out) && extras[i] && extras[i] !== l) out = `${l} [${extras[i]}]`;
    for (let k = 2; seen.has(out); k++) out = `${l} #${k}`;
    seen.add(out);
    return out;
  });
}

export function scoreDotsFigure(
  paperRows: PaperDotRow[],
  oursRows: OursScoreRow[],
  options: ScoreDotsOptions,
): PlotlyFigure {
  // Top to bottom: paper rows in their printed order, then ours (Plotly draws category axes bottom-up). Each row
  // gets its own line: repeated labels are numbered, or two rows would share a line and the band below miscount.
  const paperLabels = uniqueLabels(paperRows.map((r) => r.label));
  const isExternal = (r: OursScoreRow) => oursRowKind(r) === 'external';
  const oursLabels = uniqueLabels(oursRows.map((r) => `${r.label} (${isExternal(r) ? 'external' : 'ours'})`));
  // Measured rows in two groups by provenance, each its own trace (colour, legend entry).
  const groups = [
    { name: OURS_NAME, group: 'ours', colors: OURS_COLORS, keep: (r: OursScoreRow) => !isExternal(r) },
    { name: EXTERNAL_NAME, group: 'external', colors: EXTERNAL_COLORS, keep: isExternal },
  ]
    .map((g) => ({ ...g, idx: oursRows.flatMap((r, k) => (g.keep(r) ? [k] : [])) }))
    .filter((g) => g.idx.length);
  const labels = [...paperLabels, ...oursLabels];
  const categories = [...labels].reverse();
  const data: Record<string, unknown>[] = [];
  const layout = baseLayout(
    options.title,
    options.subtitle ??
      'RewardBench score and sections (%); ours with 95% CI bars; dashed = chance (50%), dotted = best length baseline',
  );
  const n = PANELS.length;
  // Drawn at a notebook page's width (860 px), so figures/, the notebooks and the book show one layout.
  const gap = 0.04;
  const w = (1 - gap * (n - 1)) / n;
  const annotations: Record<string, unknown>[] = [];
  const shapes: Record<string, unknown>[] = [];
  PANELS.forEach((panel, i) => {
    const ax = i === 0 ? '' : String(i + 1);
    const value = (r: PaperDotRow | OursScoreRow) => (panel === 'Score' ? r.score : r.sections[panel]);
    const ci = (r: OursScoreRow) => (panel === 'Score' ? r.ci?.score : r.ci?.sections?.[panel]);
    const paperVals = paperRows.map(value);
    const oursVals = oursRows.map(value);
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: PAPER_NAME,
      legendgroup: 'paper',
      showlegend: i === 0,
      x: paperVals,
      y: paperLabels,
      marker: { color: PAPER_COLORS[1], size: 9, symbol: 'circle', line: { color: PAPER_COLORS[0], width: 1 } },
      xaxis: `x${ax}`,
      yaxis: `y${ax}`,
      hovertemplate: `%{y}<br>${panel}: %{x:.1f}<extra>${PAPER_NAME}</extra>`,
    });
    const quiet = options.signal?.[panel]?.signal === false;
    const firstQuiet = PANELS.findIndex((p) => options.signal?.[p]?.signal === false);
    const firstLoud = PANELS.findIndex((p) => options.signal?.[p]?.signal !== false);
    for (const g of groups) {
      const rows = g.idx.map((k) => oursRows[k]);
      const ciRows = rows.map(ci);
      const grey = quiet && g.group === 'ours';
      data.push({
        type: 'scatter',
        mode: 'markers',
        name: grey ? 'ours: no signal here (hollow grey)' : g.name,
        legendgroup: grey ? 'ours-no-signal' : g.group,
        // Each style enters the legend once: at the first panel drawn in it.
        showlegend: grey ? i === firstQuiet : i === (g.group === 'ours' ? firstLoud : 0),
        x: rows.map(value),
        y: g.idx.map((k) => oursLabels[k]),
        error_x: ciRows.some(Boolean)
          ? {
              type: 'data',
              symmetric: false,
              color: grey ? NO_SIGNAL_COLOR : g.colors[0],
              thickness: 1.5,
              width: 4,
              array: rows.map((r, k) => (ciRows[k] ? ciRows[k]![1] - value(r) : 0)),
              arrayminus: rows.map((r, k) => (ciRows[k] ? value(r) - ciRows[k]![0] : 0)),
            }
          : undefined,
        marker: grey
          ? { color: '#ffffff', size: 10, symbol: 'diamond', line: { color: NO_SIGNAL_COLOR, width: 1.5 } }
          : { color: g.colors[2], size: 10, symbol: 'diamond', line: { color: g.colors[0], width: 1 } },
        xaxis: `x${ax}`,
        yaxis: `y${ax}`,
        hovertemplate: `%{y}<br>${panel}: %{x:.1f}<extra>${g.name}</extra>`,
      });
    }
    const lows = [...paperVals, ...oursVals, ...oursRows.map((r) => ci(r)?.[0] ?? value(r))];
    const lo = Math.max(0, Math.floor((Math.min(...lows) - 3) / 5) * 5);
    layout[`xaxis${ax}`] = axis('%', {
      domain: [i * (w + gap), i * (w + gap) + w],
      anchor: `y${ax}`,
      range: [lo, 100],
      // At most three intervals across a panel about 100 px wide, so neighbouring panels' labels never meet.
      dtick: 100 - lo > 60 ? 40 : 100 - lo > 30 ? 20 : 100 - lo > 15 ? 10 : 5,
    });
    layout[`yaxis${ax}`] = axis('', {
      anchor: `x${ax}`,
      type: 'category',
      categoryorder: 'array',
      categoryarray: categories,
      showticklabels: i === 0,
      matches: i === 0 ? undefined : 'y',
      ticksuffix: ' ',
    });
    annotations.push(panelTitle(ax, quiet ? `${panel}<br>(no signal)` : panel));
    // Chance (dashed) and the best length baseline (dotted): a model left of either has learnt nothing usable.
    const lengths = oursRows.filter((r) => LENGTH_BASELINE.test(r.label)).map(value);
    shapes.push(...chanceAndBaselineLines(ax, lengths.length ? Math.max(...lengths) : undefined));
  });
  if (oursRows.length) {
    // A light band behind our rows (category indices 0 .. n−1, the bottom of the axis) across all panels.
    shapes.unshift({
      type: 'rect',
      xref: 'paper',
      yref: 'y',
      x0: 0,
      x1: 1,
      y0: -0.5,
      y1: oursRows.length - 0.5,
      fillcolor: 'rgba(253,208,162,0.25)',
      line: { width: 0 },
      layer: 'below',
    });
  }
  layout.shapes = shapes;
  const height = 300 + 28 * labels.length;
  const margin = { l: 10, r: 20, t: 170, b: 150 };
  const plotHeight = height - margin.t - margin.b;
  // The caption starts under the panels, right of the row labels (about a third of the page).
  annotations.push(caption(wrapText(options.captionText, 85), -70 / plotHeight));
  layout.annotations = annotations;
  // The legend under the subtitle, above the panel titles (two lines where a panel says it has no signal).
  layout.legend = {
    orientation: 'h',
    x: 0,
    xanchor: 'left',
    y: 1 + 42 / plotHeight,
    yanchor: 'bottom',
    font: { size: 12 },
  };
  // Title and subtitle pinned to the top, so the legend row under them never runs into them.
  layout.title = { ...(layout.title as object), y: 1 - 16 / height, yanchor: 'top' };
  layout.margin = margin;
  return { id: options.id, data, layout, width: 860, height };
}
