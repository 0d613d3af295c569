// Figure 2: distributions of each source's mean judge score per prompt, after the per-source offset, with the
// mean of each source as a dashed vertical line (the paper draws ArmoRM scores of the four Magpie subsets, with the
// Air and Pro (Llama 3) subsets lowered by 0.1 and 0.05; paper-facts §2.1). Ours: the offline scored data.
import type { ResponseGroup } from '../data/schema.js';
import { OURS_COLORS, OURS_NAME, axis, baseLayout, caption, wrapText, type PlotlyFigure } from './theme.js';

export interface AdjustedScoreSummary {
  source: string;
  /** Prompts with at least one scored response. */
  n: number;
  offset: number;
  /** Mean over prompts of the per-prompt mean score, before the offset. */
  mean: number;
  /** mean − offset. */
  adjustedMean: number;
  /** Per-prompt adjusted scores, in input order. */
  values: number[];
}

/** Per source: the mean score of each prompt's responses minus the source's offset (offset 0 when not given). */
export function adjustedScoreSummary(
  groupsBySource: Record<string, ResponseGroup[]>,
  offsets: Record<string, number> = {},
): AdjustedScoreSummary[] {
  return Object.entries(groupsBySource).map(([source, groups]) => {
    const offset = offsets[source] ?? 0;
    const raw: number[] = [];
    for (const g of groups) {
      const scores = g.responses
        .map((r) => r.score)
        .filter((s): s is number => typeof s === 'number' && Number.isFinite(s));
      if (scores.length) raw.push(scores.reduce((a, b) => a + b, 0) / scores.length);
    }
    const mean = raw.length ? raw.reduce((a, b) => a + b, 0) / raw.length : NaN;
    return { source, n: raw.length, offset, mean, adjustedMean: mean - offset, values: raw.map((v) => v - offset) };
  });
}

export interface Figure2Options {
  /** File stem (default "figure2-score-distributions"). */
  id?: string;
  /** What the score is, with its units, for the x axis. */
  scoreLabel: string;
  /** One line under the title. */
  subtitle?: string;
  /** Caption text: say where the data come from, and that the paper's own data needs the network. */
  captionText: string;
  bins?: number;
}

export function figure2ScoreDistributions(
  groupsBySource: Record<string, ResponseGroup[]>,
  offsets: Record<string, number>,
  options: Figure2Options,
): PlotlyFigure {
  const summary = adjustedScoreSummary(groupsBySource, offsets).filter((s) => s.n > 0);
  if (!summary.length) throw new Error('figure2ScoreDistributions: no source has a scored response');
  const all = summary.flatMap((s) => s.values);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const bins = options.bins ?? 40;
  const size = (hi - lo || 1) / bins;
  const rows = summary.length;
  const gap = 0.1;
  const h = (1 - gap * (rows - 1)) / rows;
  const data: Record<string, unknown>[] = [];
  const shapes: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  // The paper's title speaks of adjusted scores; only say so when an offset was applied to some source.
  const adjusted = summary.some((s) => s.offset !== 0);
  const layout = baseLayout(
    adjusted
      ? 'Figure 2 analogue: adjusted score distributions per source'
      : 'Figure 2 analogue: score distributions per source (no offsets)',
    options.subtitle ?? `${OURS_NAME}; dashed line = mean${adjusted ? ' after the offset' : ''}`,
  );
  summary.forEach((s, i) => {
    const ax = i === 0 ? '' : String(i + 1);
    const top = 1 - i * (h + gap);
    const color = OURS_COLORS[i % 2 === 0 ? 1 : 3];
    data.push({
      type: 'histogram',
      name: s.source,
      x: s.values,
      xbins: { start: lo, end: hi + size / 2, size },
      marker: { color, line: { color: OURS_COLORS[0], width: 0.4 } },
      opacity: 0.9,
      xaxis: `x${ax}`,
      yaxis: `y${ax}`,
      showlegend: false,
      hovertemplate: `${s.source}<br>score %{x}<br>%{y} prompts<extra></extra>`,
    });
    layout[`xaxis${ax}`] = axis(i === rows - 1 ? options.scoreLabel : '', {
      anchor: `y${ax}`,
      range: [lo - size, hi + size],
      matches: i === 0 ? undefined : 'x',
      showticklabels: i === rows - 1,
    });
    layout[`yaxis${ax}`] = axis('prompts', {
      domain: [Math.max(0, top - h), top],
      anchor: `x${ax}`,
      title: { text: 'prompts', font: { size: 11 } },
    });
    shapes.push({
      type: 'line',
      xref: `x${ax}`,
      yref: `y${ax} domain`,
      x0: s.adjustedMean,
      x1: s.adjustedMean,
      y0: 0,
      y1: 1,
      line: { color: OURS_COLORS[0], dash: 'dash', width: 2 },
    });
    const off = s.offset ? `, offset −${s.offset}` : '';
    annotations.push({
      text: `<b>${s.source}</b> (n = ${s.n} prompts${off}): mean ${s.adjustedMean.toFixed(3)} (dashed line)`,
      xref: `x${ax} domain`,
      yref: `y${ax} domain`,
      x: 0,
      y: 1.02,
      xanchor: 'left',
      yanchor: 'bottom',
      showarrow: false,
      font: { size: 12 },
    });
  });
  const height = 170 + rows * 170;
  annotations.push(caption(wrapText(options.captionText, 130), -60 / (height - 240)));
  layout.shapes = shapes;
  layout.annotations = annotations;
  layout.bargap = 0.05;
  layout.showlegend = false;
  layout.margin = { l: 70, r: 30, t: 115, b: 140 };
  return { id: options.id ?? 'figure2-score-distributions', data, layout, width: 1000, height };
}
