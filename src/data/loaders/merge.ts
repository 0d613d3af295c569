// Combining the reports of several files of one source family (e.g. six HumanEvalPack languages) into one.
import { LoadAccount, type LoadReport } from '../loadReport.js';

/** Several reports of the same item type as one: counts summed, items concatenated in order. */
export function mergeReports<T>(source: string, parts: LoadReport<T>[]): LoadReport<T> {
  const acct = new LoadAccount<T>(source, parts.map((p) => p.file).join(', '));
  for (const p of parts) {
    acct.read += p.read;
    for (const item of p.items) acct.keep(item);
    for (const [reason, n] of Object.entries(p.quarantined))
      acct.quarantined[reason] = (acct.quarantined[reason] ?? 0) + n;
    acct.examples.push(...p.examples);
  }
  return acct.report();
}
