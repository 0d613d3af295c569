// CSV (RFC 4180): comma-separated fields, optional double quotes around a field, "" for a quote inside quotes,
// newlines allowed inside quotes, LF or CRLF line ends; the first record is the header, whose names must be unique.
// Records become header-keyed objects of strings (CSV has no other type). A row with the wrong number of fields is a
// bad row; an unterminated quote or text after a closing quote breaks the framing, so it fails the file.
import { InputError } from '../../util/errors.js';
import { RowProblem, WHOLE_RECORD, type SourceRecord } from './problem.js';
import { readTextMarked } from './text.js';
import { invalidUtf8 } from './utf8.js';

/** The quarantine reason of a CSV row whose field count differs from the header's. */
export const CSV_FIELD_COUNT = 'csv-field-count';

export interface CsvRow {
  /** 1-based line number where the record starts. */
  line: number;
  values: string[];
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
}

/** Every record of the text (blank lines skipped), the header first. */
function parseRows(text: string, file: string): CsvRow[] {
  const out: CsvRow[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  // Whole runs are sliced with indexOf, not read character by character: the XSTest files hold long quoted fields.
  while (i < n) {
    const start = line;
    const values: string[] = [];
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === 34) {
        const quoteLine = line;
        const parts: string[] = [];
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) throw new InputError({ file, row: quoteLine, rowKind: 'line' }, 'unterminated quoted field');
          parts.push(text.slice(j, q));
          if (text.charCodeAt(q + 1) === 34) {
            parts.push('"');
            j = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        value = parts.join('');
        for (let k = value.indexOf('\n'); k >= 0; k = value.indexOf('\n', k + 1)) line++;
        const c = text.charCodeAt(i);
        if (i < n && c !== 44 && c !== 10 && !(c === 13 && text.charCodeAt(i + 1) === 10)) {
          throw new InputError(
            { file, row: line, rowKind: 'line' },
            `unexpected character ${JSON.stringify(text[i])} after a closing quote`,
          );
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || (c === 13 && text.charCodeAt(j + 1) === 10)) break;
          j++;
        }
        value = text.slice(i, j);
        i = j;
      }
      values.push(value);
      if (i < n && text.charCodeAt(i) === 44) {
        i++;
        continue;
      }
      break;
    }
    if (text.charCodeAt(i) === 13) i++;
    if (text.charCodeAt(i) === 10) {
      i++;
      line++;
    }
    if (!(values.length === 1 && values[0] === '')) out.push({ line: start, values });
  }
  return out;
}

/** The header and the data rows; an empty file or a repeated column name is an InputError. */
export function parseCsv(text: string, file: string): CsvTable {
  const rows = parseRows(text, file);
  if (rows.length === 0) throw new InputError({ file }, 'CSV file is empty (no header row)');
  const [head, ...rest] = rows;
  const seen = new Set<string>();
  for (const name of head.values) {
    if (seen.has(name))
      throw new InputError({ file, row: head.line, rowKind: 'line' }, `duplicate column name "${name}" in the header`);
    seen.add(name);
  }
  return { header: head.values, rows: rest };
}

/** The data rows as records keyed by the header names (row = 1-based line where the record starts). */
export function csvRecords(text: string, file: string, marker?: string): SourceRecord[] {
  const { header, rows } = parseCsv(text, file);
  return rows.map(({ line, values }) => {
    if (values.length !== header.length) {
      const detail = `has ${values.length} fields, the header has ${header.length}`;
      return {
        row: line,
        rowKind: 'line',
        value: undefined,
        problem: new RowProblem(CSV_FIELD_COUNT, WHOLE_RECORD, detail),
      };
    }
    const value: Record<string, string> = {};
    let bad: string | undefined;
    header.forEach((name, k) => {
      value[name] = values[k];
      if (bad === undefined && marker !== undefined && values[k].includes(marker)) bad = name;
    });
    return bad === undefined
      ? { row: line, rowKind: 'line', value }
      : { row: line, rowKind: 'line', value, problem: invalidUtf8(bad) };
  });
}

/** A CSV file (plain or gzip) as records. */
export function readCsvRecords(path: string): SourceRecord[] {
  const { text, marker } = readTextMarked(path);
  return csvRecords(text, path, marker);
}
