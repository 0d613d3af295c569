// Pair files (JSONL, Arrow, Parquet) are read through the one record stack with the strict bad-row policy: the files
// are the workbench's own outputs or inputs meant for training, so the first bad row fails the file, naming file,
// row and field, with the schema's reason (validate.ts).
import { LoadAccount } from '../loadReport.js';
import { eachRecord } from '../read/walk.js';
import { RowProblem, type RawRecord, type SourceRecord } from '../read/problem.js';
import type { PreferencePair } from '../schema.js';
import { checkPair } from '../validate.js';

/** The records as pairs; `toPair` maps a file's row layout onto the pair schema (default: the row is the pair). */
export function pairsFromRecords(
  file: string,
  records: readonly SourceRecord[],
  toPair: (value: RawRecord) => unknown = (value) => value,
): PreferencePair[] {
  const account = new LoadAccount<PreferencePair>('pairs', file);
  eachRecord(
    account,
    records,
    (value) => {
      const pair = toPair(value);
      const problem = checkPair(pair);
      if (problem) throw new RowProblem(problem.reason, problem.field, problem.detail);
      account.keep(pair as PreferencePair);
    },
    { strict: true },
  );
  return account.items;
}
