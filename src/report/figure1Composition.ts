// Figure 1: the composition of the preference data before and after selection. The paper draws two pies; we draw
// shares as horizontal bars (easier to compare), the paper's sources in one panel (blues) and ours, whose sources are
// the offline stand-ins, in a second panel (oranges).
import type { CompositionRow } from './paperData.js';
import {
  OURS_COLORS,
  OURS_NAME,
  PAPER_COLORS,
  PAPER_NAME,
  axis,
  baseLayout,
  caption,
  wrapText,
  type PlotlyFigure,
} from './theme.js';

export interface CompositionShare {
  source: string;
  pairs: number;
  /** Percent of the total, unrounded. */
  share: number;
}

export function compositionShares(rows: CompositionRow[]): CompositionShare[] {
  const total = rows.reduce((s, r) => s + r.pairs, 0);
  return rows.map((r) => ({ source: r.source, pairs: r.pairs, share: total > 0 ? (100 * r.pairs) / total : 0 }));
}

function barTrace(
  rows: CompositionRow[],
  order: string[],
  name: string,
  color: string,
  axes: { x: string; y: string },
  legendgroup: string,
): Record<string, unknown> {
  const bySource = new Map(compositionShares(rows).map((r) => [r.source, r]));
  const present = order.filter((s) => bySource.has(s));
  const total = rows.reduce((s, r) => s + r.pairs, 0);
  return {
    type: 'bar',
    orientation: 'h',
    name: `${name} (${total.toLocaleString('en-US')} pairs)`,
    legendgroup,
    y: present,
    x: present.map((s) => Number(bySource.get(s)!.share.toFixed(3))),
    text: present.map(
      (s) => `${bySource.get(s)!.share.toFixed(1)}% (${bySource.get(s)!.pairs.toLocaleString('en-US')})`,
    ),
    textposition: 'outside',
    cliponaxis: false,
    textfont: { size: 11 },
    marker: { color, line: { color: '#333', width: 0.5 } },
    xaxis: axes.x,
    yaxis: axes.y,
    hovertemplate: '%{y}: %{text}<extra>%{fullData.name}</extra>',
  };
}

/** Sources in a stable order: as listed in `after`, then any only in `before`. */
function sourceOrder(before: CompositionRow[] | undefined, after: CompositionRow[]): string[] {
  const order = after.map((r) => r.source);
  for (const r of before ?? []) if (!order.includes(r.source)) order.push(r.source);
  return order;
}

/** Default provenance line for ours, when the caller gives none. */
export const FIGURE1_OURS_NOTE = 'the workbench pool and curated mix built from the offline data';

/**
 * Figure 1 with the paper's two series and, when given, ours. `oursNote` says where ours come from (e.g. "run
 * record in figures/results (mix-composition.json)", or "notebook 02, runRecipe('workbench', seed 1)"); it goes
 * into the caption after "Ours:".
 */
export function figure1Composition(
  paperBefore: CompositionRow[],
  paperAfter: CompositionRow[],
  oursBefore?: CompositionRow[],
  oursAfter?: CompositionRow[],
  oursNote: string = FIGURE1_OURS_NOTE,
): PlotlyFigure {
  const withOurs = Boolean(oursAfter && oursAfter.length);
  const paperOrder = sourceOrder(paperBefore, paperAfter).reverse();
  // Horizontal grouped bars stack the first trace at the bottom: add "after" first so "before" reads on top, and
  // reverse the legend to match.
  const data = [
    barTrace(
      paperAfter,
      paperOrder,
      `${PAPER_NAME}: after selection, Skywork 80K v0.1 [T]`,
      PAPER_COLORS[0],
      { x: 'x', y: 'y' },
      'paper',
    ),
    barTrace(
      paperBefore,
      paperOrder,
      `${PAPER_NAME}: before selection, Preference 378K [S]`,
      PAPER_COLORS[3],
      { x: 'x', y: 'y' },
      'paper',
    ),
  ];
  const layout: Record<string, unknown> = baseLayout(
    'Figure 1: Preference data composition before and after selection',
    'Share of pairs per source (%); bar labels give the share and the pair count',
  );
  // Panels stacked (the paper's above ours), each the page's full width: the figure fits a notebook page (860 px)
  // as drawn, so figures/, the notebooks and the book show one layout.
  const paperDomain = withOurs ? [0.58, 1] : [0, 1];
  const oursDomain = [0, 0.4];
  layout.xaxis = axis('share of pairs (%)', { domain: [0, 1], range: [0, 52], anchor: 'y' });
  layout.yaxis = axis('', { anchor: 'x', ticksuffix: ' ', domain: paperDomain });
  const header = (text: string, y: number, color: string) => ({
    text,
    xref: 'paper',
    yref: 'paper',
    x: 0,
    y,
    xanchor: 'left',
    yanchor: 'bottom',
    showarrow: false,
    font: { color },
  });
  const annotations: Record<string, unknown>[] = [header(`<b>${PAPER_NAME}</b>`, 1.01, PAPER_COLORS[0])];
  if (withOurs) {
    const oursOrder = sourceOrder(oursBefore, oursAfter!).reverse();
    data.push(
      barTrace(
        oursAfter!,
        oursOrder,
        `${OURS_NAME}: after selection (workbench mix)`,
        OURS_COLORS[1],
        { x: 'x2', y: 'y2' },
        'ours',
      ),
    );
    if (oursBefore && oursBefore.length)
      data.push(
        barTrace(
          oursBefore,
          oursOrder,
          `${OURS_NAME}: before selection (pool)`,
          OURS_COLORS[4],
          { x: 'x2', y: 'y2' },
          'ours',
        ),
      );
    const shares = [...compositionShares(oursBefore ?? []), ...compositionShares(oursAfter!)].map((r) => r.share);
    const oursMax = Math.max(...shares);
    layout.xaxis2 = axis('share of pairs (%)', {
      domain: [0, 1],
      range: [0, Math.min(100, Math.ceil((oursMax * 1.3) / 5) * 5)],
      anchor: 'y2',
    });
    layout.yaxis2 = axis('', { anchor: 'x2', ticksuffix: ' ', domain: oursDomain });
    annotations.push(header(`<b>${OURS_NAME}</b> (offline stand-in sources)`, oursDomain[1] + 0.01, OURS_COLORS[0]));
  }
  // Below the plot, in pixels: tick labels and axis title (~60), the legend (~22 a row), then the caption.
  const captionLines = wrapText(
    'Paper: "before" = the 378K pool, per-source sizes only in a secondary summary [S] (paper-facts §1.3); ' +
      '"after" = paper Table 1 [T]. ' +
      (withOurs ? `Ours: ${oursNote.replace(/\.$/, '')}.` : 'Ours: no measured mix given, so only the paper is shown.'),
    110,
  );
  const legendTop = 62,
    legendRows = data.length,
    captionTop = legendTop + 22 * legendRows + 16;
  const nCaption = captionLines.split('<br>').length;
  const top = 100,
    bottom = captionTop + 16 * nCaption + 20,
    height = (withOurs ? 640 : 380) + bottom;
  const plotHeight = height - top - bottom;
  annotations.push(caption(captionLines, -captionTop / plotHeight));
  layout.annotations = annotations;
  layout.barmode = 'group';
  layout.bargap = 0.25;
  layout.legend = {
    orientation: 'v',
    traceorder: 'reversed',
    x: 0,
    xanchor: 'left',
    y: -legendTop / plotHeight,
    yanchor: 'top',
    font: { size: 12 },
  };
  layout.margin = { l: 10, r: 30, t: top, b: bottom };
  return { id: 'figure1-composition', data, layout, width: 860, height };
}
