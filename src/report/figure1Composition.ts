// Figure 1: the composition of the preference data before and after selection. The paper draws two pies; we draw
// shares as horizontal bars (easier to compare), the paper's sources in one panel (blues) and ours, whose sources are
// the offline stand-ins, in a second panel (oranges).
import type { CompositionRow } from './paperData.js';
import { OURS_COLORS, OURS_NAME, PAPER_COLORS, PAPER_NAME, axis, baseLayout, caption, wrapText, type PlotlyFigure } from './theme.js';

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
  rows: CompositionRow[], order: string[], name: string, color: string, axes: { x: string; y: string }, legendgroup: string,
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
    text: present.map((s) => `${bySource.get(s)!.share.toFixed(1)}% (${bySource.get(s)!.pairs.toLocaleString('en-US')})`),
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

export function figure1Composition(
  paperBefore: CompositionRow[],
  paperAfter: CompositionRow[],
  oursBefore?: CompositionRow[],
  oursAfter?: CompositionRow[],
): PlotlyFigure {
  const withOurs = Boolean(oursAfter && oursAfter.length);
  const paperOrder = sourceOrder(paperBefore, paperAfter).reverse();
  // Horizontal grouped bars stack the first trace at the bottom: add "after" first so "before" reads on top, and
  // reverse the legend to match.
  const data = [
    barTrace(paperAfter, paperOrder, `${PAPER_NAME}: after selection, Skywork 80K v0.1 [T]`, PAPER_COLORS[0], { x: 'x', y: 'y' }, 'paper'),
    barTrace(paperBefore, paperOrder, `${PAPER_NAME}: before selection, Preference 378K [S]`, PAPER_COLORS[3], { x: 'x', y: 'y' }, 'paper'),
  ];
  const layout: Record<string, unknown> = baseLayout(
    'Figure 1: Preference data composition before and after selection',
    'Share of pairs per source (%); bar labels give the share and the pair count',
  );
  const paperDomain = withOurs ? [0, 0.4] : [0, 0.85];
  layout.xaxis = axis('share of pairs (%)', { domain: paperDomain, range: [0, 52], anchor: 'y' });
  layout.yaxis = axis('', { anchor: 'x', ticksuffix: ' ' });
  const annotations: Record<string, unknown>[] = [
    { text: `<b>${PAPER_NAME}</b>`, xref: 'paper', yref: 'paper', x: paperDomain[0], y: 1.02, xanchor: 'left', yanchor: 'bottom', showarrow: false, font: { color: PAPER_COLORS[0] } },
  ];
  if (withOurs) {
    const oursOrder = sourceOrder(oursBefore, oursAfter!).reverse();
    data.push(barTrace(oursAfter!, oursOrder, `${OURS_NAME}: after selection (workbench mix)`, OURS_COLORS[1], { x: 'x2', y: 'y2' }, 'ours'));
    if (oursBefore && oursBefore.length) {
      data.push(barTrace(oursBefore, oursOrder, `${OURS_NAME}: before selection (pool)`, OURS_COLORS[4], { x: 'x2', y: 'y2' }, 'ours'));
    }
    const oursMax = Math.max(...[...(oursBefore ?? []), ...oursAfter!].length ? [
      ...compositionShares(oursBefore ?? []).map((r) => r.share), ...compositionShares(oursAfter!).map((r) => r.share)] : [50]);
    layout.xaxis2 = axis('share of pairs (%)', { domain: [0.6, 1], range: [0, Math.min(100, Math.ceil((oursMax * 1.3) / 5) * 5)], anchor: 'y2' });
    layout.yaxis2 = axis('', { anchor: 'x2', ticksuffix: ' ' });
    annotations.push({ text: `<b>${OURS_NAME}</b> (offline stand-in sources)`, xref: 'paper', yref: 'paper', x: 0.6, y: 1.02, xanchor: 'left', yanchor: 'bottom', showarrow: false, font: { color: OURS_COLORS[0] } });
  }
  annotations.push(caption(wrapText(
    'Paper: "before" = the 378K pool, per-source sizes only in a secondary summary [S] (paper-facts §1.3); "after" = paper Table 1 [T]. ' +
      (withOurs ? 'Ours: the workbench pool and curated mix from the offline data (run record in the results folder).' : 'Ours: no measured mix in the results folder yet, so only the paper is shown.'),
    withOurs ? 170 : 115), -0.36));
  layout.annotations = annotations;
  layout.barmode = 'group';
  layout.bargap = 0.25;
  layout.legend = { orientation: 'v', traceorder: 'reversed+grouped', x: 0, xanchor: 'left', y: -0.13, yanchor: 'top', font: { size: 12 } };
  layout.margin = { l: 10, r: 30, t: 100, b: withOurs ? 190 : 170 };
  return { id: 'figure1-composition', data, layout, width: withOurs ? 1400 : 950, height: 640 };
}
