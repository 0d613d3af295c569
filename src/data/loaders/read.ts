// Reading the raw offline files: gzip, JSON documents, JSON Lines and CSV, with errors that name the file and line.
// Row-level problems (a missing field, a wrong type, an empty string) are raised as RowProblem and turned into a
// counted quarantine reason by `eachRow`, or into an InputError in strict mode.
import { readFileSync } from 'node:fs';
import { gunzipSync, createGunzip } from 'node:zlib';
import { InputError } from '../../util/errors.js';
import { LoadAccount } from '../loadReport.js';
import { resolveSource, type ResolvedSource } from '../sources.js';

export interface LoaderOptions {
  /** Throw an InputError on the first bad row instead of quarantining it. */
  strict?: boolean;
}

export type RawRecord = Record<string, unknown>;

/** A problem with one row: becomes a quarantine reason (or an InputError in strict mode). */
export class RowProblem extends Error {
  readonly reason: string;
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

/** Resolve a source id to its verified local file and an empty account for it. */
export async function openSource<T>(id: string): Promise<{ resolved: ResolvedSource; account: LoadAccount<T> }> {
  const resolved = await resolveSource(id);
  return { resolved, account: new LoadAccount<T>(id, resolved.path) };
}

/** File bytes, gunzipped when the name ends in .gz. A truncated or corrupt gzip names the first incomplete line. */
export async function readText(file: string): Promise<string> {
  const bytes = readFileSync(file);
  if (!file.endsWith('.gz')) return bytes.toString('utf8');
  try {
    return gunzipSync(bytes).toString('utf8');
  } catch (err) {
    const partial = await gunzipPartial(bytes);
    const complete = partial.toString('utf8').split('\n').length - 1;
    throw new InputError(
      { file, row: complete + 1, rowKind: 'line' },
      `corrupt or truncated gzip (${(err as Error).message}); ${complete} complete lines decompressed before the fault`,
    );
  }
}

/** Whatever a gzip stream yields before its error: used only to say where a broken file breaks. */
function gunzipPartial(bytes: Buffer): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const z = createGunzip();
    z.on('data', (c: Buffer) => chunks.push(c));
    const finish = () => resolve(Buffer.concat(chunks));
    z.on('error', finish);
    z.on('end', finish);
    z.end(bytes);
  });
}

/** 1-based line of a character offset. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** A whole-file JSON document; a syntax error names the line where the parser stopped. */
export function parseJsonDocument(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const line = pos ? lineOf(text, Number(pos[1])) : lineOf(text, text.length);
    throw new InputError({ file, row: line, rowKind: 'line' }, `malformed JSON (${msg})`);
  }
}

/** A JSON document that must be an array of records (LLMBar, PandaLM, RM-Bench, AlpacaEval, Magpie). */
export async function readJsonArray(file: string): Promise<unknown[]> {
  const doc = parseJsonDocument(await readText(file), file);
  if (!Array.isArray(doc)) throw new InputError({ file }, `expected a JSON array of records, got ${typeof doc}`);
  return doc;
}

export interface Line {
  /** 1-based line number in the (decompressed) file. */
  line: number;
  value: unknown;
}

/** JSON Lines: one value per non-blank line; a bad line is an InputError naming its line. */
export async function readJsonl(file: string): Promise<Line[]> {
  const text = await readText(file);
  const out: Line[] = [];
  let start = 0;
  let line = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const raw = text.slice(start, end).trim();
    start = end + 1;
    if (raw === '') continue;
    try {
      out.push({ line, value: JSON.parse(raw) });
    } catch (err) {
      throw new InputError({ file, row: line, rowKind: 'line' }, `malformed JSON line (${(err as Error).message})`);
    }
  }
  return out;
}

/** CSV (RFC 4180: quoted fields may hold commas, quotes as "" and newlines). Rows come back as header-keyed records. */
export async function readCsv(file: string): Promise<Line[]> {
  return parseCsv(await readText(file), file);
}

export function parseCsv(text: string, file: string): Line[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const n = text.length;
  // Scans with indexOf and slices whole runs (not character by character): the XSTest files are multi-line quoted.
  while (i < n) {
    let cell: string;
    if (text.charCodeAt(i) === 34) {
      const quoteLine = line;
      let j = i + 1;
      const parts: string[] = [];
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new InputError({ file, row: quoteLine, rowKind: 'line' }, 'unterminated quoted CSV field');
        parts.push(text.slice(j, q));
        if (text.charCodeAt(q + 1) === 34) {
          parts.push('"');
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      cell = parts.join('');
      for (let k = 0; k < cell.length; k++) if (cell.charCodeAt(k) === 10) line++;
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === 44 || c === 10 || c === 13) break;
        j++;
      }
      cell = text.slice(i, j);
      i = j;
    }
    cells.push(cell);
    const c = text.charCodeAt(i);
    if (c === 44) {
      i++;
      if (i === n) {
        cells.push('');
        rows.push({ line: rowLine, cells });
        cells = [];
      }
      continue;
    }
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) {
      throw new InputError({ file, row: line, rowKind: 'line' }, 'text after a closing quote in a CSV field');
    }
    rows.push({ line: rowLine, cells });
    cells = [];
    i++;
    line++;
    rowLine = line;
  }
  if (rows.length === 0) throw new InputError({ file }, 'empty CSV file (no header)');
  const header = rows[0].cells;
  const out: Line[] = [];
  for (const r of rows.slice(1)) {
    if (r.cells.length === 1 && r.cells[0] === '') continue;
    if (r.cells.length !== header.length) {
      throw new InputError(
        { file, row: r.line, rowKind: 'line' },
        `CSV row has ${r.cells.length} fields, header has ${header.length}`,
      );
    }
    const rec: RawRecord = {};
    header.forEach((h, k) => {
      rec[h] = r.cells[k];
    });
    out.push({ line: r.line, value: rec });
  }
  return out;
}

/**
 * Walk rows into an account: each row is counted as read, then `fn` keeps items via the account or throws a
 * RowProblem, which is quarantined with its reason (or rethrown as an InputError when strict).
 */
export function eachRow<T>(
  account: LoadAccount<T>,
  rows: Line[],
  rowKind: 'line' | 'row',
  fn: (record: RawRecord, row: number) => void,
  options: LoaderOptions = {},
): void {
  for (const { line, value } of rows) {
    account.read++;
    try {
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new RowProblem('row is not an object');
      fn(value as RawRecord, line);
    } catch (err) {
      if (!(err instanceof RowProblem)) throw err;
      if (options.strict)
        throw new InputError({ file: account.file, row: line, rowKind, field: err.field }, err.message);
      account.quarantine(line, err.reason, err.field, err.detail);
    }
  }
}

/** Array rows numbered 0-based, as the InputLocation convention for JSON arrays says. */
export function arrayRows(values: unknown[]): Line[] {
  return values.map((value, i) => ({ line: i, value }));
}

/** A required non-empty string field. */
export function text(rec: RawRecord, field: string, allowEmpty = false): string {
  const v = rec[field];
  if (v === undefined || v === null) throw new RowProblem(`missing field "${field}"`, field);
  if (typeof v !== 'string') throw new RowProblem(`field "${field}" is not a string`, field, `got ${typeof v}`);
  if (!allowEmpty && v.trim() === '') throw new RowProblem(`empty field "${field}"`, field);
  return v;
}

/** A required finite number (numeric strings accepted, as CSV and some JSON files store numbers as text). */
export function num(rec: RawRecord, field: string): number {
  const v = rec[field];
  if (v === undefined || v === null || v === '') throw new RowProblem(`missing field "${field}"`, field);
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw new RowProblem(`field "${field}" is not a number`, field, `got ${JSON.stringify(v)}`);
  return n;
}

/** A required nested object. */
export function obj(rec: RawRecord, field: string): RawRecord {
  const v = rec[field];
  if (v === undefined || v === null) throw new RowProblem(`missing field "${field}"`, field);
  if (typeof v !== 'object' || Array.isArray(v)) throw new RowProblem(`field "${field}" is not an object`, field);
  return v as RawRecord;
}

/** A required array. */
export function list(rec: RawRecord, field: string): unknown[] {
  const v = rec[field];
  if (v === undefined || v === null) throw new RowProblem(`missing field "${field}"`, field);
  if (!Array.isArray(v)) throw new RowProblem(`field "${field}" is not an array`, field);
  return v;
}

/** A required array of strings (non-empty unless allowEmpty), optionally of an exact length. */
export function textList(rec: RawRecord, field: string, length?: number, allowEmpty = false): string[] {
  const v = list(rec, field);
  if (length !== undefined && v.length !== length) {
    throw new RowProblem(`field "${field}" does not have ${length} entries`, field, `got ${v.length}`);
  }
  return v.map((x, k) => {
    if (typeof x !== 'string') throw new RowProblem(`field "${field}" is not a string`, `${field}[${k}]`);
    if (!allowEmpty && x.trim() === '') throw new RowProblem(`empty field "${field}"`, `${field}[${k}]`);
    return x;
  });
}
