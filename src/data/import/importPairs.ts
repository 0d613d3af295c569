// The generic importer: any file of preference records (JSON, JSONL, CSV, Parquet, Arrow) to PreferencePair rows,
// given which columns hold what. Two shapes:
//   pairs:  prompt + chosen + rejected columns;
//   ranked: prompt + response A + response B + a label column naming the winner.
// Every record is kept or quarantined with a reason (counted in the LoadReport); nothing is dropped silently. Exact
// repeats of a kept pair (same prompt, chosen and rejected) are kept and counted, so the user sees them.
import { basename } from 'node:path';
import { LoadAccount, type LoadReport } from '../loadReport.js';
import { messages, text } from '../read/getters.js';
import { getPath } from '../read/path.js';
import { RowProblem, type RawRecord, type ReadOptions } from '../read/problem.js';
import { readRecords } from '../read/records.js';
import { eachRecord } from '../read/walk.js';
import { userPrompt, type Message, type PreferencePair } from '../schema.js';
import { checkPair, describeType } from '../validate.js';

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

/** A prompt cell: text (one user turn) or a list of {role, content} messages. */
function promptOf(rec: RawRecord, field: string): Message[] {
  const v = getPath(rec, field);
  return typeof v === 'string' || v === undefined || v === null ? userPrompt(text(rec, field)) : messages(rec, field);
}

/** A response cell: plain text, or a message list whose last message is the assistant's. */
function responseOf(rec: RawRecord, field: string): string {
  const v = getPath(rec, field);
  if (typeof v === 'string' || v === undefined || v === null) return text(rec, field);
  if (!Array.isArray(v))
    throw new RowProblem('wrong-type', field, `expected a string or a message list, got ${describeType(v)}`);
  const list = messages(rec, field);
  const last = list[list.length - 1];
  if (last.role !== 'assistant')
    throw new RowProblem('bad-value', field, `the last message must be the assistant's, got "${last.role}"`);
  return last.content;
}

function labelText(rec: RawRecord, field: string): string {
  const v = getPath(rec, field);
  if (v === undefined || v === null) throw new RowProblem('missing-field', field, 'is missing');
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
    throw new RowProblem('wrong-type', field, `expected a string or number, got ${describeType(v)}`);
  }
  return String(v).trim().toLowerCase();
}

export function defaultSourceName(path: string): string {
  return basename(path)
    .replace(/(\.gz)$/i, '')
    .replace(/\.[^.]+$/, '');
}

/** Exact repeats among the kept pairs: same prompt, chosen and rejected as an earlier kept pair. */
export interface DuplicatePairs {
  /** Kept pairs that repeat an earlier one. They are kept (removing them is curation's job) but counted. */
  count: number;
  /** The first few repeats: the row and the row of the pair it repeats. */
  examples: { row: number; firstRow: number }[];
}

export interface ImportReport extends LoadReport<PreferencePair> {
  duplicates: DuplicatePairs;
}

const DUPLICATE_EXAMPLES = 5;

/** Import every record of `path` as a pair, or quarantine it with a reason (or fail the file under `strict`). */
export async function importPairs(
  path: string,
  columns: ImportColumns,
  options: ReadOptions = {},
): Promise<ImportReport> {
  const shape = shapeOf(columns);
  const source = columns.source ?? defaultSourceName(path);
  const aWins = new Set((columns.aWins ?? ['A', columns.a ?? 'A']).map((s) => s.trim().toLowerCase()));
  const bWins = new Set((columns.bWins ?? ['B', columns.b ?? 'B']).map((s) => s.trim().toLowerCase()));
  for (const v of aWins) if (bWins.has(v)) throw new Error(`label value "${v}" cannot mean both A wins and B wins`);
  const { records } = await readRecords(path, { field: columns.field });
  const account = new LoadAccount<PreferencePair>(source, path);
  const ids = new Set<string>();
  const firstRowOf = new Map<string, number>();
  const duplicates: DuplicatePairs = { count: 0, examples: [] };
  eachRecord(
    account,
    records,
    (v, rec) => {
      const prompt = promptOf(v, columns.prompt);
      let chosen: string, rejected: string;
      if (shape.kind === 'pairs') {
        chosen = responseOf(v, shape.chosen);
        rejected = responseOf(v, shape.rejected);
      } else {
        const a = responseOf(v, shape.a);
        const b = responseOf(v, shape.b);
        const label = labelText(v, shape.label);
        if (aWins.has(label)) {
          chosen = a;
          rejected = b;
        } else if (bWins.has(label)) {
          chosen = b;
          rejected = a;
        } else {
          throw new RowProblem(
            'label-unrecognised',
            shape.label,
            `"${label}" is neither an A-wins value (${[...aWins].join(', ')}) nor a B-wins value ` +
              `(${[...bWins].join(', ')})`,
          );
        }
      }
      if (chosen === rejected)
        throw new RowProblem(
          'identical-responses',
          shape.kind === 'pairs' ? shape.chosen : shape.a,
          'both responses are the same text',
        );
      let id = `${source}:${rec.row}`;
      if (columns.id) {
        const raw = getPath(v, columns.id);
        if (raw === undefined || raw === null || String(raw).trim() === '')
          throw new RowProblem('missing-field', columns.id, 'is missing');
        id = `${source}:${String(raw)}`;
      }
      if (ids.has(id)) throw new RowProblem('duplicate-id', columns.id ?? '(row)', `id ${id} was already used`);
      const pair: PreferencePair = { id, source, prompt, chosen, rejected };
      const problem = checkPair(pair);
      if (problem) throw new RowProblem(problem.reason, problem.field, problem.detail);
      ids.add(id);
      const key = JSON.stringify([prompt.map((m) => [m.role, m.content]), chosen, rejected]);
      const first = firstRowOf.get(key);
      if (first === undefined) firstRowOf.set(key, rec.row);
      else if (duplicates.count++ < DUPLICATE_EXAMPLES) duplicates.examples.push({ row: rec.row, firstRow: first });
      account.keep(pair);
    },
    options,
  );
  return { ...account.report(), duplicates };
}
