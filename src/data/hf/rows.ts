// Shared plumbing for the Hugging Face loaders: walk a file's records, turn each into items or a quarantined row
// with a reason, and small typed getters that say which field is wrong.
import type { LoadAccount } from '../loadReport.js';
import type { Message } from '../schema.js';
import { checkMessages, describeType } from '../validate.js';
import { readRecords, type SourceRecord } from '../import/records.js';

/** Thrown inside a row handler to quarantine the row. */
export class RowProblem {
  constructor(
    readonly reason: string,
    readonly field: string,
    readonly detail: string,
  ) {}
}

export function text(row: Record<string, unknown>, key: string): string {
  const v = row[key];
  if (v === undefined || v === null) throw new RowProblem('missing-field', key, 'is missing');
  if (typeof v !== 'string') throw new RowProblem('wrong-type', key, `expected a string, got ${describeType(v)}`);
  if (v.trim() === '') throw new RowProblem('empty-string', key, 'is an empty string');
  return v;
}

export function optionalText(row: Record<string, unknown>, key: string): string | undefined {
  const v = row[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new RowProblem('wrong-type', key, `expected a string, got ${describeType(v)}`);
  return v.trim() === '' ? undefined : v;
}

export function num(row: Record<string, unknown>, key: string): number {
  const v = row[key];
  if (v === undefined || v === null) throw new RowProblem('missing-field', key, 'is missing');
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new RowProblem('wrong-type', key, `expected a finite number, got ${describeType(v)}`);
  return v;
}

export function messages(value: unknown, field: string): Message[] {
  const p = checkMessages(value, field);
  if (p) throw new RowProblem(p.reason, p.field, p.detail);
  return (value as Message[]).map((m) => ({ role: m.role, content: m.content }));
}

/** Read every record of `path` and hand each object record to `handle`; problems are quarantined and counted. */
export async function walkRecords<T>(
  path: string,
  account: LoadAccount<T>,
  handle: (row: Record<string, unknown>, rec: SourceRecord) => void,
): Promise<void> {
  const { records } = await readRecords(path);
  for (const rec of records) {
    account.read++;
    try {
      if (rec.broken) throw new RowProblem(rec.broken.reason, '(record)', rec.broken.detail);
      const v = rec.value;
      if (v === null || typeof v !== 'object' || Array.isArray(v))
        throw new RowProblem('wrong-type', '(record)', `expected an object, got ${describeType(v)}`);
      handle(v as Record<string, unknown>, rec);
    } catch (err) {
      if (!(err instanceof RowProblem)) throw err;
      account.quarantine(rec.row, err.reason, err.field, `${rec.rowKind} ${rec.row}: ${err.detail}`);
    }
  }
}

export function userPromptOf(content: string): Message[] {
  return [{ role: 'user', content }];
}
