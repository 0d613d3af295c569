// Loss and gradient against the reward gap Δ, for the figure that shows what each loss does to easy (Δ ≫ 0) and
// hard (Δ ≤ 0) pairs. Losses of Δ alone are evaluated at (r_c, r_r) = (Δ/2, −Δ/2); cross-entropy and the centring
// term depend on r_c and r_r separately, and are shown on that same symmetric line (where centring is 0).
import { resolveParams } from './numeric.js';
import { getLoss } from './registry.js';
import type { LossParams } from './types.js';

export interface LossShapeCurve {
  name: string;
  paperName: string;
  formula: string;
  /** The parameters the curve was drawn with (the loss's defaults overlaid with yours). */
  params: LossParams;
  /** loss(Δ) at each grid point. */
  loss: number[];
  /** dLoss/dΔ at each grid point: (dChosen − dRejected)/2, the derivative along r_c = Δ/2, r_r = −Δ/2. */
  grad: number[];
  behaviour?: string;
}

export interface LossCurves {
  delta: number[];
  /** The per-pair margin used for bt-margin (and hinge/MSE with marginFromPairs). */
  margin: number;
  curves: LossShapeCurve[];
  note: string;
}

/** An evenly spaced grid from `from` to `to` inclusive. */
export function deltaGrid(from = -6, to = 6, points = 241): number[] {
  if (!(points >= 2) || !Number.isInteger(points))
    throw new Error(`deltaGrid: points must be an integer ≥ 2, got ${points}`);
  if (!(to > from)) throw new Error(`deltaGrid: need from < to, got ${from}..${to}`);
  return Array.from({ length: points }, (_, i) => from + ((to - from) * i) / (points - 1));
}

/**
 * For each named loss, loss(Δ) and dLoss/dΔ over the grid `deltas`. Centring is not added (plot `center` on its own).
 * `options.margin` (default 1) is the margin given to losses that read a per-pair margin.
 */
export function lossCurves(
  names: string[],
  deltas: number[] = deltaGrid(),
  params: LossParams = {},
  options: { margin?: number } = {},
): LossCurves {
  const margin = options.margin ?? 1;
  for (const [i, d] of deltas.entries()) {
    if (!Number.isFinite(d)) throw new Error(`lossCurves: deltas[${i}] = ${d} is not finite`);
  }
  const curves = names.map((name): LossShapeCurve => {
    const loss = getLoss(name);
    const p = resolveParams(loss, params);
    const values: number[] = [];
    const grads: number[] = [];
    for (const d of deltas) {
      const v = loss.reference(d / 2, -d / 2, margin, p);
      values.push(v.loss);
      grads.push((v.dChosen - v.dRejected) / 2);
    }
    const { center: _c, ...shown } = p;
    return {
      name: loss.name,
      paperName: loss.paperName,
      formula: loss.formula,
      params: loss.kind === 'term' ? p : shown,
      loss: values,
      grad: grads,
      behaviour: loss.behaviour,
    };
  });
  return {
    delta: [...deltas],
    margin,
    curves,
    note:
      "Evaluated at r_c = Δ/2, r_r = −Δ/2 with each loss's reference implementation (float64); " +
      'dLoss/dΔ = (dChosen − dRejected)/2. Centring is not added to the losses.',
  };
}
