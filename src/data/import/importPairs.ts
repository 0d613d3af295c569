// The generic importer: any file of preference records (JSON, JSONL, CSV, Parquet) to PreferencePair rows, given
// which columns hold what. Two shapes:
//   pairs:  prompt + chosen + rejected columns;
//   ranked: prompt + response A + response B + a label column naming the winner.
// Every record is kept or quarantined with a reason (counted in the LoadReport); nothing is dropped silently.
import { basename } from 'node:path';
import { LoadAccount, type LoadReport } from '../loadReport.js';
import type { Message, PreferencePair } from '../schema.js';
import { checkMessages, checkPair, describeType } from '../validate.js';
import { getPath, readRecords } from './records.js';

export interface ImportColumns {
  /** Column with the prompt: a string (one user turn) or a list of {role, content} messages. */
  prompt: string;
  chosen?: string;
  rejected?: string;
  a?: string;
  b?: string;
  /** Column whose value names the winner of A vs B. */
  label?: string;
  /** Label values meaning "A wins" (default: "A" or the A column's name, case-insensitive). */
  aWins?: string[];
  /** Label values meaning "B wins" (default: "B" or the B column's name, case-insensitive). */
  bWins?: string[];
  /** Path of the record array inside a JSON document, e.g. "data.rows". */
  field?: string;
  /** Column holding a record id (default: the row or line number). */
  id?: string;
  /** Source name for the pairs (default: the file name without extensions). */
  source?: string;
}

type Shape =
  | { kind: 'pairs'; chosen: string; rejected: string }
  | { kind: 'ranked'; a: string; b: string; label: string };

function shapeOf(c: ImportColumns): Shape {
  const pairCols = c.chosen !== undefined || c.rejected !== undefined;
  const rankCols = c.a !== undefined || c.b !== undefined || c.label !== undefined;
  if (pairCols && rankCols) throw new Error('give either --chosen/--rejected or --a/--b/--label, not both');
  if (pairCols) {
    if (!c.chosen || !c.rejected) throw new Error('--chosen and --rejected go together');
    return { kind: 'pairs', chosen: c.chosen, rejected: c.rejected };
  }
  if (!c.a || !c.b || !c.label) throw new Error('give --chosen and --rejected, or --a, --b and --label');
  return { kind: 'ranked', a: c.a, b: c.b, label: c.label };
}

class Skip {
  constructor(
    readonly reason: string,
    readonly field: string,
    readonly detail: string,
  ) {}
}

function promptOf(value: unknown, field: string): Message[] {
  if (value === undefined || value === null) throw new Skip('missing-field', field, 'is missing');
  if (typeof value === 'string') {
    if (value.trim() === '') throw new Skip('empty-string', field, 'is an empty string');
    return [{ role: 'user', content: value }];
  }
  const p = checkMessages(value, field);
  if (p) throw new Skip(p.reason, p.field, p.detail);
  return (value as Message[]).map((m) => ({ role: m.role, content: m.content }));
}

/** A response cell: plain text, or a message list whose last message is the assistant's. */
function responseOf(value: unknown, field: string): string {
  if (value === undefined || value === null) throw new Skip('missing-field', field, 'is missing');
  if (typeof value === 'string') {
    if (value.trim() === '') throw new Skip('empty-string', field, 'is an empty string');
    return value;
  }
  if (Array.isArray(value)) {
    const p = checkMessages(value, field);
    if (p) throw new Skip(p.reason, p.field, p.detail);
    const last = value[value.length - 1] as Message;
    if (last.role !== 'assistant')
      throw new Skip('bad-value', field, `the last message must be the assistant's, got "${last.role}"`);
    return last.content;
  }
  throw new Skip('wrong-type', field, `expected a string or a message list, got ${describeType(value)}`);
}

function labelText(value: unknown, field: string): string {
  if (value === undefined || value === null) throw new Skip('missing-field', field, 'is missing');
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw new Skip('wrong-type', field, `expected a string or number, got ${describeType(value)}`);
  }
  return String(value).trim().toLowerCase();
}

export function defaultSourceName(path: string): string {
  return basename(path)
    .replace(/(\.gz)$/i, '')
    .replace(/\.[^.]+$/, '');
}

/** Import every record of `path` as a pair, or quarantine it with a reason. */
export async function importPairs(path: string, columns: ImportColumns): Promise<LoadReport<PreferencePair>> {
  const shape = shapeOf(columns);
  const source = columns.source ?? defaultSourceName(path);
  const aWins = new Set((columns.aWins ?? ['A', columns.a ?? 'A']).map((s) => s.trim().toLowerCase()));
  const bWins = new Set((columns.bWins ?? ['B', columns.b ?? 'B']).map((s) => s.trim().toLowerCase()));
  for (const v of aWins) if (bWins.has(v)) throw new Error(`label value "${v}" cannot mean both A wins and B wins`);
  const { records } = await readRecords(path, { field: columns.field });
  const account = new LoadAccount<PreferencePair>(source, path);
  const ids = new Set<string>();
  for (const rec of records) {
    account.read++;
    try {
      if (rec.broken) throw new Skip(rec.broken.reason, '(record)', rec.broken.detail);
      const v = rec.value;
      if (v === null || typeof v !== 'object' || Array.isArray(v)) {
        throw new Skip('wrong-type', '(record)', `expected an object, got ${describeType(v)}`);
      }
      const prompt = promptOf(getPath(v, columns.prompt), columns.prompt);
      let chosen: string, rejected: string;
      if (shape.kind === 'pairs') {
        chosen = responseOf(getPath(v, shape.chosen), shape.chosen);
        rejected = responseOf(getPath(v, shape.rejected), shape.rejected);
      } else {
        const a = responseOf(getPath(v, shape.a), shape.a);
        const b = responseOf(getPath(v, shape.b), shape.b);
        const label = labelText(getPath(v, shape.label), shape.label);
        if (aWins.has(label)) {
          chosen = a;
          rejected = b;
        } else if (bWins.has(label)) {
          chosen = b;
          rejected = a;
        } else {
          throw new Skip(
            'label-unrecognised',
            shape.label,
            `"${label}" is neither an A-wins value (${[...aWins].join(', ')}) nor a B-wins value (${[...bWins].join(', ')})`,
          );
        }
      }
      if (chosen === rejected)
        throw new Skip(
          'identical-responses',
          shape.kind === 'pairs' ? shape.chosen : shape.a,
          'both responses are the same text',
        );
      let id = `${source}:${rec.row}`;
      if (columns.id) {
        const raw = getPath(v, columns.id);
        if (raw === undefined || raw === null || String(raw).trim() === '')
          throw new Skip('missing-field', columns.id, 'is missing');
        id = `${source}:${String(raw)}`;
      }
      if (ids.has(id)) throw new Skip('duplicate-id', columns.id ?? '(row)', `id ${id} was already used`);
      const pair: PreferencePair = { id, source, prompt, chosen, rejected };
      const problem = checkPair(pair);
      if (problem) throw new Skip(problem.reason, problem.field, problem.detail);
      ids.add(id);
      account.keep(pair);
    } catch (err) {
      if (!(err instanceof Skip)) throw err;
      account.quarantine(rec.row, err.reason, err.field, `${rec.rowKind} ${rec.row}: ${err.detail}`);
    }
  }
  return account.report();
}
