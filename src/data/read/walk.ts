// The bad-row policy, applied the same way by every loader: each record is counted as read, then either handled or,
// when it is bad (unreadable, not an object, or its handler throws a RowProblem), quarantined with its reason and
// counted, or, under `strict`, turned into an InputError that fails the file naming file, row and field.
import { InputError } from '../../util/errors.js';
import type { LoadAccount } from '../loadReport.js';
import { describeType } from '../validate.js';
import { RowProblem, WHOLE_RECORD, type RawRecord, type ReadOptions, type SourceRecord } from './problem.js';

/** Run `fn` on the record's object; the record's own problem or the RowProblem `fn` throws is returned. */
export function tryRecord(
  rec: SourceRecord,
  fn: (value: RawRecord, rec: SourceRecord) => void,
): RowProblem | undefined {
  if (rec.problem) return rec.problem;
  const v = rec.value;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    return new RowProblem('wrong-type', WHOLE_RECORD, `expected an object, got ${describeType(v)}`);
  }
  try {
    fn(v as RawRecord, rec);
  } catch (err) {
    if (err instanceof RowProblem) return err;
    throw err;
  }
  return undefined;
}

/** The InputError of a bad row under the strict policy, naming file, row and field. */
export function rowError(file: string, rec: Pick<SourceRecord, 'row' | 'rowKind'>, problem: RowProblem): InputError {
  // "(record)" marks a problem with the row as a whole: the error then names no field.
  const field = problem.field === WHOLE_RECORD ? undefined : problem.field;
  return new InputError({ file, row: rec.row, rowKind: rec.rowKind, field }, problem.message);
}

/** Apply the bad-row policy to one bad record of `file` (default: the account's file). */
export function badRow(
  account: LoadAccount<unknown>,
  rec: Pick<SourceRecord, 'row' | 'rowKind'>,
  problem: RowProblem,
  options: ReadOptions,
  file = account.file,
): void {
  if (options.strict) throw rowError(file, rec, problem);
  const where = `${rec.rowKind} ${rec.row}`;
  account.quarantine(rec.row, problem.reason, problem.field, problem.detail ? `${where}: ${problem.detail}` : where);
}

/** Count every record as read and hand each good one to `fn`; bad ones go through the bad-row policy. */
export function eachRecord<T>(
  account: LoadAccount<T>,
  records: readonly SourceRecord[],
  fn: (value: RawRecord, rec: SourceRecord) => void,
  options: ReadOptions = {},
): void {
  for (const rec of records) {
    account.read++;
    const problem = tryRecord(rec, fn);
    if (problem) badRow(account as LoadAccount<unknown>, rec, problem, options);
  }
}
