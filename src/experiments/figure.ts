// One dot plot per experiment: a panel per headline metric (held-out, RewardBench-lite score and sections,
// RM-Bench, JudgeBench), one row per variant with its seed mean and 95% CI bar, the length baselines and random
// as grey marks, and a dashed line at chance (50%). Ours only: the paper's rows are in the report's Table figures.
import {
  axis,
  baseLayout,
  caption,
  NEUTRAL_COLORS,
  OURS_COLORS,
  OURS_NAME,
  wrapText,
  type PlotlyFigure,
} from '../report/theme.js';
import { HEADLINE_METRICS, type MetricSummary } from './aggregate.js';

export interface FigureRow {
  label: string;
  metrics: Record<string, MetricSummary>;
  kind: 'ours' | 'baseline';
}

export function experimentFigure(
  id: string,
  title: string,
  rows: FigureRow[],
  captionText: string,
  metrics = HEADLINE_METRICS,
): PlotlyFigure {
  const labels = rows.map((r) => r.label);
  const categories = [...labels].reverse();
  const layout = baseLayout(
    title,
    'ours (measured): mean over training seeds with 95% CI; grey = baselines; dashed = chance (50%)',
  );
  const data: Record<string, unknown>[] = [];
  const n = metrics.length;
  const gap = 0.02;
  const w = (1 - gap * (n - 1)) / n;
  const annotations: Record<string, unknown>[] = [];
  const shapes: Record<string, unknown>[] = [];
  metrics.forEach((m, i) => {
    const ax = i === 0 ? '' : String(i + 1);
    for (const kind of ['ours', 'baseline'] as const) {
      const rs = rows.filter((r) => r.kind === kind && r.metrics[m.key]);
      if (!rs.length) continue;
      const val = (r: FigureRow) => r.metrics[m.key].mean;
      const ci = (r: FigureRow) => r.metrics[m.key].ci95;
      data.push({
        type: 'scatter',
        mode: 'markers',
        name: kind === 'ours' ? OURS_NAME : 'baselines (length, random)',
        legendgroup: kind,
        showlegend: i === 0,
        x: rs.map(val),
        y: rs.map((r) => r.label),
        error_x: {
          type: 'data',
          symmetric: false,
          color: kind === 'ours' ? OURS_COLORS[0] : NEUTRAL_COLORS[7],
          thickness: 1.5,
          width: 3,
          array: rs.map((r) => (ci(r) ? ci(r)![1] - val(r) : 0)),
          arrayminus: rs.map((r) => (ci(r) ? val(r) - ci(r)![0] : 0)),
        },
        marker:
          kind === 'ours'
            ? { color: OURS_COLORS[2], size: 9, symbol: 'diamond', line: { color: OURS_COLORS[0], width: 1 } }
            : { color: NEUTRAL_COLORS[7], size: 8, symbol: 'square' },
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
      domain: [i * (w + gap), i * (w + gap) + w],
      anchor: `y${ax}`,
      range: [lo, hi],
      dtick: hi - lo > 60 ? 20 : hi - lo > 30 ? 10 : 5,
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
    shapes.push({
      type: 'line',
      xref: `x${ax}`,
      yref: `y${ax} domain`,
      x0: 50,
      x1: 50,
      y0: 0,
      y1: 1,
      line: { color: '#888', width: 1, dash: 'dash' },
    });
    annotations.push({
      text: `<b>${m.label}</b>`,
      xref: `x${ax} domain`,
      yref: 'paper',
      x: 0.5,
      y: 1.0,
      xanchor: 'center',
      yanchor: 'bottom',
      showarrow: false,
      font: { size: 11 },
    });
  });
  const height = 300 + 30 * labels.length;
  annotations.push(caption(wrapText(captionText, 190), -90 / (height - 240)));
  layout.annotations = annotations;
  layout.shapes = shapes;
  layout.legend = {
    orientation: 'h',
    x: 1,
    xanchor: 'right',
    y: 1 + 60 / (height - 260),
    yanchor: 'bottom',
    font: { size: 12 },
  };
  layout.margin = { l: 10, r: 20, t: 130, b: 160 };
  return { id, data, layout, width: 1600, height };
}
