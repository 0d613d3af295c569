// JSON Lines: one JSON value per line (LF or CRLF); blank lines are skipped but still counted, so line numbers match
// an editor's. A line that is not JSON, or holds bytes that are not UTF-8, is a bad row (the next line stands on its
// own), handled by the caller's bad-row policy.
import { RowProblem, WHOLE_RECORD, type SourceRecord } from './problem.js';
import { readTextMarked } from './text.js';
import { INVALID_UTF8, invalidUtf8, markedField } from './utf8.js';

/** The quarantine reason of a JSON Lines line that is not JSON. */
export const CORRUPT_JSON = 'corrupt-json';

/** The records of JSON Lines text: row = 1-based line number. */
export function jsonlRecords(text: string, marker?: string): SourceRecord[] {
  const out: SourceRecord[] = [];
  let start = 0;
  let line = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const raw = text.slice(start, end);
    start = end + 1;
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      const problem =
        marker !== undefined && raw.includes(marker)
          ? new RowProblem(INVALID_UTF8, WHOLE_RECORD, 'bytes that are not valid UTF-8 outside any string')
          : new RowProblem(CORRUPT_JSON, WHOLE_RECORD, `not JSON (${(err as Error).message})`);
      out.push({ row: line, rowKind: 'line', value: undefined, problem });
      continue;
    }
    const bad = marker !== undefined && raw.includes(marker) ? markedField(value, marker) : undefined;
    out.push(
      bad ? { row: line, rowKind: 'line', value, problem: invalidUtf8(bad) } : { row: line, rowKind: 'line', value },
    );
  }
  return out;
}

/** A JSON Lines file (plain or gzip) as records. */
export function readJsonlRecords(path: string): SourceRecord[] {
  const { text, marker } = readTextMarked(path);
  return jsonlRecords(text, marker);
}
