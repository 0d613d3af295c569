// Helpers behind notebooks/03_losses.ipynb: each loss's pull dLoss/dΔ on a hard, a borderline and an easy pair,
// that pull relative to Bradley-Terry's as a figure, and the paper's Table 3 scores beside the slopes.
import { lossCurves, type LossCurves } from '../losses/curves.js';
import { getLoss } from '../losses/registry.js';
import type { LossParams } from '../losses/types.js';
import type { Table3LossAblation } from '../report/paperData.js';
import { DASHES, NEUTRAL_COLORS, axis, baseLayout, caption, wrapText, type PlotlyFigure } from '../report/theme.js';
import { PAPER_LABEL, fmtFixed, type ReportTable } from '../report/tableRender.js';

/** The reward gaps the notebook reads slopes at: badly wrong, wrong, a tie, right, clearly right. */
export const PROBE_DELTAS: readonly number[] = [-4, -1, 0, 1, 4];

/** dLoss/dΔ of `name` at each Δ (on the line r_c = Δ/2, r_r = −Δ/2, margin `margin`). */
export function slopesAt(name: string, deltas: readonly number[], params: LossParams = {}, margin = 1): number[] {
  return lossCurves([name], [...deltas], params, { margin }).curves[0].grad;
}

function paramText(p: LossParams): string {
  const e = Object.entries(p).filter(([k]) => k !== 'center' && k !== 'marginFromPairs');
  return e.length ? e.map(([k, v]) => `${k} = ${v}`).join(', ') : '–';
}

/** One row per loss: formula, parameters, dLoss/dΔ at PROBE_DELTAS (or `deltas`). */
export function slopeTable(names: readonly string[], deltas: readonly number[] = PROBE_DELTAS): ReportTable {
  return {
    id: 'loss-slopes',
    title: 'How hard each loss pulls a pair: dLoss/dΔ at chosen reward gaps Δ',
    columns: [
      { label: 'Loss', align: 'left' },
      { label: 'Formula', align: 'left' },
      { label: 'Parameters', align: 'left' },
      ...deltas.map((d) => ({ label: `Δ = ${d}`, align: 'right' as const })),
    ],
    rows: names.map((n) => {
      const loss = getLoss(n);
      const c = lossCurves([n], [...deltas]).curves[0];
      return [loss.paperName, loss.formula, paramText(c.params), ...c.grad.map((g) => fmtFixed(g, 3))];
    }),
    breaks: [],
    notes: [
      'Negative = gradient descent raises r(chosen) − r(rejected); 0 = the pair no longer moves the model; ' +
        'positive = it pushes the gap back down.',
      "Computed by each loss's float64 reference at r_c = Δ/2, r_r = −Δ/2 (src/losses lossCurves), margin 1 " +
        'for losses that read one; workbench defaults for γ, m, t, T.',
    ],
  };
}

/**
 * Each loss's slope divided by Bradley-Terry's at the same Δ: 1 = pulls like BT, above 1 = harder, 0 = ignores the
 * pair, below 0 = pushes the gap back. BT's slope −σ(−Δ) is never 0, so the ratio is always defined.
 */
export function relativeSlopes(curves: LossCurves): { name: string; paperName: string; ratio: number[] }[] {
  const bt = curves.delta.map((d) => getLoss('bt').reference(d / 2, -d / 2, curves.margin, {}));
  return curves.curves.map((c) => ({
    name: c.name,
    paperName: c.paperName,
    ratio: c.grad.map((g, i) => g / ((bt[i].dChosen - bt[i].dRejected) / 2)),
  }));
}

/** The relative pull of every loss against Δ, one line each, view clipped to [−1, 3]. */
export function relativeSlopeFigure(curves: LossCurves): PlotlyFigure {
  const rel = relativeSlopes(curves);
  const data = rel.map((r, i) => ({
    type: 'scatter',
    mode: 'lines',
    name: r.paperName,
    x: curves.delta,
    y: r.ratio,
    line: { color: NEUTRAL_COLORS[i % NEUTRAL_COLORS.length], dash: DASHES[i % DASHES.length], width: 2 },
  }));
  const layout = baseLayout(
    'Which pairs each loss trains on, relative to Bradley-Terry',
    "Slope dLoss/dΔ divided by Bradley-Terry's at the same gap: 1 = same pull as BT, 0 = pair ignored, < 0 = " +
      'gap pushed back (view clipped to −1…3)',
  );
  layout.xaxis = axis('Δ = r(chosen) − r(rejected)   ← hard pairs (ranked wrong) · easy pairs (ranked right) →');
  layout.yaxis = axis('pull relative to Bradley-Terry', { range: [-1, 3] });
  layout.legend = { orientation: 'v', x: 1.02, xanchor: 'left', y: 1, yanchor: 'top', font: { size: 12 } };
  layout.shapes = [
    { type: 'line', xref: 'paper', x0: 0, x1: 1, y0: 1, y1: 1, line: { color: '#999', dash: 'dot', width: 1 } },
  ];
  layout.annotations = [
    caption(
      wrapText(
        'Ours (computed from the formulas, not measured on data): float64 reference losses at r_c = Δ/2, r_r ' +
          '= −Δ/2 with the workbench defaults ' +
          "(γ = 2, m = 1, t = 0.5, T = 2; the paper's values were not found). MarginMSE leaves the view: its " +
          'pull grows linearly and turns positive beyond Δ = m, ' +
          "and Cross-entropy's ratio depends on where r_c and r_r sit, not only on Δ.",
        150,
      ),
      -0.2,
    ),
  ];
  layout.margin = { l: 80, r: 20, t: 100, b: 140 };
  return { id: 'loss-relative-slopes', data, layout, width: 1200, height: 560 };
}

/** Paper Table 3 beside the slope each loss puts on a hard (Δ = −1) and an easy (Δ = +4) pair. */
export function table3BesideSlopes(t3: Table3LossAblation, hard = -1, easy = 4): ReportTable {
  return {
    id: 'table3-beside-slopes',
    title: `Paper Table 3 (${t3.baseModel}, ${t3.data}) beside each loss's pull on a hard and an easy pair`,
    columns: [
      { label: 'Loss', align: 'left' },
      { label: 'Score', align: 'right' },
      { label: 'Chat', align: 'right' },
      { label: 'Chat Hard', align: 'right' },
      { label: 'Safety', align: 'right' },
      { label: 'Reasoning', align: 'right' },
      { label: `dL/dΔ at Δ = ${hard} (hard)`, align: 'right' },
      { label: `dL/dΔ at Δ = +${easy} (easy)`, align: 'right' },
    ],
    rows: t3.rows.map((r) => {
      const [h, e] = slopesAt(r.lossKey, [hard, easy]);
      const s = r.sections;
      return [
        r.loss,
        fmtFixed(r.score, 1),
        fmtFixed(s.Chat, 1),
        fmtFixed(s['Chat Hard'], 1),
        fmtFixed(s.Safety, 1),
        fmtFixed(s.Reasoning, 1),
        fmtFixed(h, 3),
        fmtFixed(e, 3),
      ];
    }),
    breaks: [],
    notes: [
      `Score columns: ${PAPER_LABEL}, ${t3.source}`,
      'Slope columns: computed here from each formula with the workbench defaults (the paper does not publish ' +
        'γ, m, t, T), margin 1.',
    ],
  };
}
