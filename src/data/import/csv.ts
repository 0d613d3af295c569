// RFC 4180 CSV: comma-separated fields, optional double quotes around a field, "" for a quote inside quotes,
// newlines allowed inside quotes, CRLF or LF line ends. Each record remembers the line it starts on so errors and
// quarantined rows can point at it.
import { InputError } from '../../util/errors.js';

export interface CsvRecord {
  /** 1-based line number where the record starts. */
  line: number;
  values: string[];
}

export interface CsvTable {
  header: string[];
  records: CsvRecord[];
}

/** All records of the text, the first being the header. An unterminated quote is an error naming its line. */
export function parseCsvRecords(text: string, file: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const values: string[] = [];
    for (;;) {
      let value = '';
      if (text[i] === '"') {
        const quoteLine = line;
        i++;
        for (;;) {
          if (i >= n) throw new InputError({ file, row: quoteLine, rowKind: 'line' }, 'unterminated quoted field');
          const ch = text[i];
          if (ch === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\n') line++;
          value += ch;
          i++;
        }
        if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          throw new InputError(
            { file, row: line, rowKind: 'line' },
            `unexpected character ${JSON.stringify(text[i])} after a closing quote`,
          );
        }
      } else {
        while (i < n && text[i] !== ',' && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n'))
          value += text[i++];
      }
      values.push(value);
      if (i < n && text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') {
      i++;
      line++;
    }
    // A blank line is not a record.
    if (!(values.length === 1 && values[0] === '')) out.push({ line: start, values });
  }
  return out;
}

export function parseCsvTable(text: string, file: string): CsvTable {
  const records = parseCsvRecords(text, file);
  if (records.length === 0) throw new InputError({ file }, 'CSV file is empty (no header row)');
  const [head, ...rest] = records;
  const seen = new Set<string>();
  for (const name of head.values) {
    if (seen.has(name))
      throw new InputError({ file, row: head.line, rowKind: 'line' }, `duplicate column name "${name}" in the header`);
    seen.add(name);
  }
  return { header: head.values, records: rest };
}

/** CSV text for rows of strings, quoting only where RFC 4180 requires it. */
export function formatCsvRow(values: readonly string[]): string {
  return values.map((v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');
}
