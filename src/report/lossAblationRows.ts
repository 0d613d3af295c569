// Table 3's "ours" rows labelled by their loss. The experiments give every loss-ablation row the same `label`
// (the model and data, e.g. "bow, curated mix") and the loss in `loss`; drawn or tabulated by `label` they would
// collapse onto one line. Here each row is named by its loss: the registry's paper name when `loss` is a registry
// name or alias (plus its parameters, so BT and BT + reward centring stay apart), else `loss` as written.
import { getLoss } from '../losses/registry.js';
import type { LossParams } from '../losses/types.js';
import type { OursScoreRow } from './oursInputs.js';
import { scoreDotsFigure, uniqueLabels, type PaperDotRow } from './scoreDotsFigure.js';
import type { PlotlyFigure } from './theme.js';
import type { Table3LossAblation } from './paperData.js';

const SYMBOLS: Partial<Record<keyof LossParams, string>> = { gamma: 'γ', m: 'm', t: 't', temperature: 'T' };

/** "γ = 2, m = 1" for the numeric loss parameters other than centring (empty when there are none). */
function paramText(params: LossParams): string {
  return (Object.keys(SYMBOLS) as (keyof LossParams)[])
    .filter((k) => typeof params[k] === 'number')
    .map((k) => `${SYMBOLS[k]} = ${params[k]}`)
    .join(', ');
}

/** The name of one ours row's loss: paper name (+ parameters, + reward centring) or `loss` verbatim; `label` without
 * `loss`. */
export function oursLossLabel(row: Pick<OursScoreRow, 'label' | 'loss' | 'lossParams'>): string {
  if (row.loss === undefined || row.loss.trim() === '') return row.label;
  let name: string;
  try {
    name = getLoss(row.loss).paperName;
  } catch {
    return row.loss; // a free-text label such as "BT + reward centring (λ = 0.01)": already says what it is
  }
  const params = row.lossParams ?? {};
  const p = paramText(params);
  if (p) name += ` (${p})`;
  if (params.center) name += ` + reward centring (λ = ${params.center})`;
  return name;
}

/** Ours rows with `label` replaced by their (unique) loss name; the model/data label moves to `modelLabel`. */
export function labelOursByLoss(rows: readonly OursScoreRow[]): (OursScoreRow & { modelLabel: string })[] {
  const labels = uniqueLabels(
    rows.map(oursLossLabel),
    rows.map((r) => r.label),
  );
  return rows.map((r, i) => ({ ...r, label: labels[i], modelLabel: r.label }));
}

/** Table 3 as a dot plot: the paper's losses (blue), ours labelled by loss (orange, 95% CI bars). */
export function table3LossAblationDots(
  paper: Table3LossAblation,
  ours: readonly OursScoreRow[] = [],
  options: { id?: string; title?: string; captionText?: string } = {},
): PlotlyFigure {
  const paperRows: PaperDotRow[] = paper.rows.map((r) => ({ label: r.loss, score: r.score, sections: r.sections }));
  return scoreDotsFigure(paperRows, labelOursByLoss(ours), {
    id: options.id ?? 'table3-loss-ablation-dots',
    title: options.title ?? `Table 3 as a plot: loss ablation (paper: ${paper.baseModel}, ${paper.data})`,
    captionText:
      options.captionText ??
      `Paper rows from paper Table 3 [T]. ${
        ours.length
          ? 'Ours: same data, model and schedule for every loss; mean over seeds with 95% CI.'
          : 'Ours: no measured loss-ablation rows yet.'
      }`,
  });
}
