// Number formats shared by the results tables, the headline and CONCLUSIONS.md: signed differences in points
// with their seed CI, starred when the CI excludes 0.
import type { Difference } from './aggregate.js';

/** "+1.2" / "−0.3" (a true minus sign), one decimal. */
export function signed(x: number): string {
  return `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}`;
}

/** A seed-paired difference as "+1.2 [+0.1, +2.3] *" (* = its CI excludes 0); "–" when not measured. */
export function fmtDiff(d: Difference | undefined): string {
  if (!d) return '–';
  return `${signed(d.mean)}${d.ci95 ? ` [${signed(d.ci95[0])}, ${signed(d.ci95[1])}]` : ''}${d.exceeds ? ' *' : ''}`;
}
