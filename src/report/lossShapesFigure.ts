// The loss shapes of paper Table 3: each loss and its slope dLoss/dΔ as functions of the reward gap Δ = r_c − r_r.
// The curves are computed by the losses area (src/losses); this file only draws them. Neither paper nor ours:
// formulas, so a neutral palette.
import { DASHES, NEUTRAL_COLORS, axis, baseLayout, caption, wrapText, type PlotlyFigure } from './theme.js';

export interface LossCurve {
  /** Registry name, e.g. "bt". */
  name: string;
  /** Table 3's name, e.g. "Bradley-Terry". */
  paperName?: string;
  delta: number[];
  loss: number[];
  dLossdDelta: number[];
  /** How a loss that is not a function of Δ alone was drawn (e.g. r_c = Δ/2, r_r = −Δ/2), and its parameters. */
  note?: string;
}

export function lossShapesFigure(curves: LossCurve[], captionText?: string): PlotlyFigure {
  if (!curves.length) throw new Error('lossShapesFigure: no curves');
  const data: Record<string, unknown>[] = [];
  curves.forEach((c, i) => {
    if (c.delta.length !== c.loss.length || c.delta.length !== c.dLossdDelta.length) {
      throw new Error(
        `lossShapesFigure: curve "${c.name}" has ${c.delta.length} Δ values, ${c.loss.length} losses, ` +
          `${c.dLossdDelta.length} slopes`,
      );
    }
    const style = { color: NEUTRAL_COLORS[i % NEUTRAL_COLORS.length], dash: DASHES[i % DASHES.length], width: 2 };
    const label = c.paperName ?? c.name;
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: label,
      legendgroup: c.name,
      x: c.delta,
      y: c.loss,
      line: style,
      xaxis: 'x',
      yaxis: 'y',
    });
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: label,
      legendgroup: c.name,
      showlegend: false,
      x: c.delta,
      y: c.dLossdDelta,
      line: style,
      xaxis: 'x2',
      yaxis: 'y2',
    });
  });
  const allLoss = curves.flatMap((c) => c.loss).filter(Number.isFinite);
  const layout = baseLayout(
    'Loss shapes of the Table 3 losses',
    'Loss and its slope against the reward gap Δ = r(chosen) − r(rejected)',
  );
  layout.xaxis = axis('Δ = r(chosen) − r(rejected)', { domain: [0, 0.46], anchor: 'y' });
  layout.yaxis = axis('loss', {
    anchor: 'x',
    range: [Math.min(0, ...allLoss) - 0.2, Math.min(Math.max(...allLoss), 8) + 0.2],
  });
  layout.xaxis2 = axis('Δ = r(chosen) − r(rejected)', { domain: [0.56, 1], anchor: 'y2' });
  // Slopes of the bounded losses live in [−1, 0]; MarginMSE's grows linearly and would flatten them, so clip the view.
  const allGrad = curves.flatMap((c) => c.dLossdDelta).filter(Number.isFinite);
  const gradLo = Math.max(Math.min(...allGrad), -2.5);
  const gradHi = Math.min(Math.max(...allGrad), 1.5);
  const clipped = Math.min(...allGrad) < gradLo || Math.max(...allGrad) > gradHi;
  layout.yaxis2 = axis(clipped ? 'dLoss / dΔ (view clipped)' : 'dLoss / dΔ', {
    anchor: 'x2',
    range: [gradLo - 0.1, gradHi + 0.1],
  });
  layout.legend = { orientation: 'v', x: 1.02, xanchor: 'left', y: 1, yanchor: 'top', font: { size: 12 } };
  const notes = curves.filter((c) => c.note).map((c) => `${c.paperName ?? c.name} ${c.note}`);
  if (notes.length) notes[0] = `Parameters: ${notes[0]}`;
  layout.annotations = [
    caption(
      wrapText(
        [
          captionText ??
            "Formulas from paper-facts §3 ([S] for the formulas; the paper's γ, m, t, T were not found, so " +
              'the workbench defaults are used).',
          notes.length ? `${notes.join('; ')}.` : '',
          clippedNote(curves).trim(),
        ]
          .filter(Boolean)
          .join(' '),
        170,
      ),
      -0.2,
    ),
  ];
  layout.margin = { l: 70, r: 20, t: 90, b: 160 };
  return { id: 'loss-shapes', data, layout, width: 1300, height: 600 };
}

/** Names the curves whose loss or slope leaves the drawn ranges, so a reader knows the view is cut. */
function clippedNote(curves: LossCurve[]): string {
  const out = curves.filter((c) => c.loss.some((v) => v > 8) || c.dLossdDelta.some((v) => v < -2.5 || v > 1.5));
  return out.length
    ? ` Views clipped for ${out.map((c) => c.paperName ?? c.name).join(', ')} (unbounded quadratic/linear growth).`
    : '';
}
