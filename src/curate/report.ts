// What every curation step returns: its output plus an account of what it kept and dropped, by reason.
// Steps are pure: same input (and seed, where a step samples) -> same output, in the same order.

export interface StepReport {
  /** The function's name, in the paper's words (e.g. "adjustArmoScores"). */
  step: string;
  /** Which source or role the step ran on, when it ran on one. */
  scope?: string;
  /** Rows in. */
  input: number;
  /** Rows out. */
  kept: number;
  /** Rows dropped, per reason. input = kept + sum(dropped) for filters; pair-making counts input groups. */
  dropped: Record<string, number>;
  /** The parameters that decided the outcome (thresholds, ratios, seeds, rules). */
  params: Record<string, unknown>;
  /** Plain-language remarks: a skipped stage and why, a stand-in used, a shortfall. */
  notes?: string[];
}

export interface StepResult<T> {
  items: T[];
  report: StepReport;
}

/** A small helper that counts drops by reason while a step walks its input. */
export class DropCounter {
  readonly counts: Record<string, number> = {};
  drop(reason: string, n = 1): void {
    this.counts[reason] = (this.counts[reason] ?? 0) + n;
  }
  get total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }
}

export function stepReport(
  step: string,
  input: number,
  kept: number,
  dropped: Record<string, number>,
  params: Record<string, unknown>,
  extra: { scope?: string; notes?: string[] } = {},
): StepReport {
  const report: StepReport = { step, input, kept, dropped: sortedRecord(dropped), params };
  if (extra.scope !== undefined) report.scope = extra.scope;
  if (extra.notes?.length) report.notes = extra.notes;
  return report;
}

function sortedRecord(r: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of Object.keys(r).sort()) out[k] = r[k];
  return out;
}

/** Pairs per source, sources sorted by name. */
export function countBySource(items: readonly { source: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const it of items) counts[it.source] = (counts[it.source] ?? 0) + 1;
  return sortedRecord(counts);
}
