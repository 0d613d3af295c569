// A published file whose rows are already preference pairs, loaded whole: read its records, turn each good row into
// a pair (a row the mapping rejects with a RowProblem goes through the bad-row policy of walk.ts), and report what
// was read, kept and quarantined. The loaders of pair-shaped sources (Magpie DPO, OffsetBias, the Skywork preference
// sets, RewardBench) differ only in their row mapping.
import { LoadAccount, type LoadReport } from '../loadReport.js';
import type { PreferencePair } from '../schema.js';
import type { RawRecord, ReadOptions, SourceRecord } from './problem.js';
import { readRecords } from './records.js';
import { eachRecord } from './walk.js';

export async function loadPairFile(
  path: string,
  source: string,
  options: ReadOptions,
  toPair: (row: RawRecord, rec: SourceRecord) => PreferencePair,
): Promise<LoadReport<PreferencePair>> {
  const account = new LoadAccount<PreferencePair>(source, path);
  const { records } = await readRecords(path);
  eachRecord(account, records, (row, rec) => account.keep(toPair(row, rec)), options);
  return account.report();
}
