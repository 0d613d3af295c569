// Records from any tabular file a user may hold: JSON (an array, or an array nested at a `field` path such as
// "data.rows", like the datasets library's `field` option), JSON Lines, CSV with a header, or Parquet; `.gz` for
// the text formats. Each record keeps where it came from (line or row) so the importer can say which one is bad.
import { basename } from 'node:path';
import { InputError, type InputLocation } from '../../util/errors.js';
import { readTextFile } from '../io/files.js';
import { parseJsonl } from '../io/jsonl.js';
import { jsonErrorOffset, lineOfOffset } from '../io/jsonErrorPosition.js';
import { readParquetRows } from '../io/parquetRows.js';
import { parseCsvTable } from './csv.js';

export type RecordFormat = 'json' | 'jsonl' | 'csv' | 'parquet';

export interface SourceRecord {
  /** 1-based line (JSONL, CSV) or 0-based row (JSON arrays, Parquet). */
  row: number;
  rowKind: 'line' | 'row';
  value: unknown;
  /** Set when the record is structurally broken (e.g. a CSV row with the wrong number of fields). */
  broken?: { reason: string; detail: string };
}

export function detectFormat(path: string): RecordFormat {
  const name = basename(path).toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.parquet')) return 'parquet';
  throw new InputError(
    { file: path },
    'unknown file type: expected .json, .jsonl, .ndjson, .csv or .parquet (optionally .gz)',
  );
}

/** Value at a dotted path ("data.rows"); a key containing dots is tried whole first. */
export function getPath(value: unknown, path: string): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  const obj = value as Record<string, unknown>;
  if (path in obj) return obj[path];
  for (let cut = path.indexOf('.'); cut > 0; cut = path.indexOf('.', cut + 1)) {
    const head = path.slice(0, cut);
    if (!(head in obj)) continue;
    const found = getPath(obj[head], path.slice(cut + 1));
    if (found !== undefined) return found;
  }
  return undefined;
}

function jsonRecords(text: string, path: string, field: string | undefined): SourceRecord[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const at = jsonErrorOffset(text);
    const loc: InputLocation = at >= 0 ? { file: path, row: lineOfOffset(text, at), rowKind: 'line' } : { file: path };
    throw new InputError(loc, `corrupt JSON (${(err as Error).message})`);
  }
  let list = doc;
  if (field) {
    list = getPath(doc, field);
    if (list === undefined) throw new InputError({ file: path, field }, 'the document has no such field');
  }
  if (!Array.isArray(list)) {
    const keys = list && typeof list === 'object' ? ` (keys: ${Object.keys(list).slice(0, 10).join(', ')})` : '';
    const hint = field ? '' : '; name the array with --field';
    throw new InputError(
      { file: path, field },
      `expected an array of records, got ${list === null ? 'null' : typeof list}${keys}${hint}`,
    );
  }
  return list.map((value, row) => ({ row, rowKind: 'row' as const, value }));
}

function csvRecords(text: string, path: string): SourceRecord[] {
  const { header, records } = parseCsvTable(text, path);
  return records.map(({ line, values }) => {
    if (values.length !== header.length) {
      return {
        row: line,
        rowKind: 'line' as const,
        value: undefined,
        broken: { reason: 'csv-field-count', detail: `has ${values.length} fields, the header has ${header.length}` },
      };
    }
    const obj: Record<string, string> = {};
    header.forEach((name, j) => {
      obj[name] = values[j];
    });
    return { row: line, rowKind: 'line' as const, value: obj };
  });
}

/** Every record of the file, in file order. */
export async function readRecords(
  path: string,
  options: { field?: string } = {},
): Promise<{ format: RecordFormat; records: SourceRecord[] }> {
  const format = detectFormat(path);
  if (format === 'parquet') {
    if (options.field)
      throw new InputError({ file: path, field: options.field }, '--field applies to JSON documents, not Parquet');
    const rows = await readParquetRows(path);
    return { format, records: rows.map((value, row) => ({ row, rowKind: 'row', value })) };
  }
  const text = readTextFile(path);
  if (format === 'jsonl') {
    if (options.field)
      throw new InputError({ file: path, field: options.field }, '--field applies to JSON documents, not JSON Lines');
    return {
      format,
      records: parseJsonl(text, path).map(({ line, value }) => ({ row: line, rowKind: 'line', value })),
    };
  }
  if (format === 'csv') {
    if (options.field)
      throw new InputError({ file: path, field: options.field }, '--field applies to JSON documents, not CSV');
    return { format, records: csvRecords(text, path) };
  }
  return { format, records: jsonRecords(text, path, options.field) };
}
