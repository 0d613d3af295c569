// What every reader hands back and what goes wrong with one row: a record (where it sits in its file, its value, or
// the problem that made it unreadable) and RowProblem, the one error for a bad row, carrying a short stable reason
// (counted in load reports), the field it is in and a detail for people.

/** Read options shared by every reader and loader: the bad-row policy. */
export interface ReadOptions {
  /**
   * The bad-row policy. false (default): a bad row is quarantined with its reason and counted, and reading goes on;
   * true: the first bad row fails the whole file with an InputError naming file, row and field.
   */
  strict?: boolean;
}

export type RawRecord = Record<string, unknown>;

/** One record of a file, in file order. */
export interface SourceRecord {
  /** 1-based line (JSON Lines, CSV) or 0-based row (JSON arrays, Parquet, Arrow), as `rowKind` says. */
  row: number;
  rowKind: 'line' | 'row';
  value: unknown;
  /** Set when the record could not be read (wrong CSV field count, a line that is not JSON, bytes not UTF-8). */
  problem?: RowProblem;
}

/** The field named by a problem with a row as a whole (unreadable, not an object). */
export const WHOLE_RECORD = '(record)';

/** A problem with one row: quarantined with its reason, or an InputError under the strict policy. */
export class RowProblem extends Error {
  readonly reason: string;
  /** Dotted path of the field at fault, e.g. `prompt[1].role`; absent when the row as a whole is at fault. */
  readonly field?: string;
  readonly detail?: string;
  constructor(reason: string, field?: string, detail?: string) {
    super(detail ? `${reason}: ${detail}` : reason);
    this.name = 'RowProblem';
    this.reason = reason;
    this.field = field;
    this.detail = detail;
  }
}
