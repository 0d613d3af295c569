// The one look every workbench figure shares. Colour carries provenance: the paper's numbers are drawn in blues,
// ours in oranges, so a reader never mistakes one for the other; neutral things (loss formulas) use a
// colour-blind-safe categorical palette (Okabe & Ito 2008).

/** Blues, dark to light (ColorBrewer "Blues"): the paper's reported numbers. */
export const PAPER_COLORS = ['#08306b', '#2171b5', '#6baed6', '#9ecae1', '#c6dbef'];
/** Oranges, dark to light (ColorBrewer "Oranges"): our measured numbers. */
export const OURS_COLORS = ['#7f2704', '#d94801', '#f16913', '#fd8d3c', '#fdd0a2'];
/** Greens, dark to light (ColorBrewer "Greens"): models trained elsewhere, evaluated here from supplied rewards. */
export const EXTERNAL_COLORS = ['#00441b', '#238b45', '#41ab5d', '#74c476', '#c7e9c0'];
/** Okabe-Ito without yellow (too pale on white), plus grey: for curves that are neither paper nor ours. */
export const NEUTRAL_COLORS = [
  '#000000',
  '#E69F00',
  '#56B4E9',
  '#009E73',
  '#0072B2',
  '#D55E00',
  '#CC79A7',
  '#999999',
  '#6a3d9a',
];
export const DASHES = ['solid', 'dash', 'dot', 'dashdot', 'longdash', 'longdashdot'];

export const PAPER_NAME = 'paper (reported)';
export const OURS_NAME = 'ours (measured)';
export const EXTERNAL_NAME = 'external (scores supplied)';

export const FONT_FAMILY = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';

export interface PlotlyFigure {
  /** File stem under figures/, e.g. "figure1-composition". */
  id: string;
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
  /** Pixel size for static export. */
  width: number;
  height: number;
}

/** Base layout: white background, readable fonts, a title with an optional subtitle line, room for a caption. */
export function baseLayout(title: string, subtitle?: string): Record<string, unknown> {
  return {
    title: {
      text: subtitle ? `${title}<br><span style="font-size:12px;color:#555">${subtitle}</span>` : title,
      x: 0.01,
      xanchor: 'left',
      font: { size: 17 },
    },
    font: { family: FONT_FAMILY, size: 13, color: '#222' },
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#ffffff',
    legend: { orientation: 'h', x: 0, xanchor: 'left', y: -0.12, yanchor: 'top', font: { size: 12 } },
    hoverlabel: { font: { family: FONT_FAMILY } },
  };
}

/** Axis defaults: light grid, visible zero line, outside ticks. */
export function axis(title: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: { text: title, standoff: 8 },
    gridcolor: '#e5e5e5',
    zerolinecolor: '#999',
    linecolor: '#444',
    ticks: 'outside',
    automargin: true,
    ...extra,
  };
}

/** A panel's bold title, centred above the x axis `ax` ("", "2", ...) of a figure drawn as side-by-side panels. */
export function panelTitle(ax: string, title: string, fontSize?: number): Record<string, unknown> {
  return {
    text: `<b>${title}</b>`,
    xref: `x${ax} domain`,
    yref: 'paper',
    x: 0.5,
    y: 1.0,
    xanchor: 'center',
    yanchor: 'bottom',
    showarrow: false,
    ...(fontSize ? { font: { size: fontSize } } : {}),
  };
}

/**
 * Chance (dashed, at 50%) and the best trivial baseline (dotted, where given) as vertical lines across the panel of
 * x axis `ax` ("", "2", ...), in percent: every accuracy panel draws both, so a model left of either has learnt
 * nothing usable there.
 */
export function chanceAndBaselineLines(ax: string, baseline?: number): Record<string, unknown>[] {
  const line = (x: number, dash: string, color: string, width: number) => ({
    type: 'line',
    ...{ xref: `x${ax}`, yref: `y${ax} domain`, x0: x, x1: x, y0: 0, y1: 1 },
    line: { color, width, dash },
  });
  return [
    line(50, 'dash', '#888', 1),
    ...(baseline === undefined ? [] : [line(baseline, 'dot', NEUTRAL_COLORS[7], 1.5)]),
  ];
}

/** A caption in small grey text under the plot area (paper coordinates). */
export function caption(text: string, y = -0.2): Record<string, unknown> {
  return {
    text,
    xref: 'paper',
    yref: 'paper',
    x: 0,
    y,
    xanchor: 'left',
    yanchor: 'top',
    showarrow: false,
    align: 'left',
    font: { size: 11, color: '#555' },
  };
}

/** Wraps plain text at about `width` characters with <br> (Plotly does not wrap annotation text itself). */
export function wrapText(text: string, width = 110): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.join('<br>');
}
