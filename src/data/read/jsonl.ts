// JSON Lines: one JSON value per line (LF or CRLF); blank lines are skipped but still counted, so line numbers match
// an editor's. A line that is not JSON, or holds bytes that are not UTF-8, is a bad row (the next line stands on its
// own), handled by the caller's bad-row policy.
// A line longer than MAX_RECORD_BYTES is quarantined as oversize without being decoded (a 1 GB line would not fit
// in a JavaScript string and failed the whole import), and a line whose object repeats a key is a bad row: JSON.parse
// keeps the last value silently.
import { RowProblem, WHOLE_RECORD, type SourceRecord } from './problem.js';
import { readFileMaybeGzip } from './text.js';
import { decodeText, INVALID_UTF8, invalidUtf8, markedField } from './utf8.js';

/** The quarantine reason of a JSON Lines line that is not JSON. */
export const CORRUPT_JSON = 'corrupt-json';
/** The quarantine reason of a line whose object gives one key twice. */
export const DUPLICATE_KEY = 'duplicate-key';
/** The quarantine reason of a line longer than MAX_RECORD_BYTES. */
export const OVERSIZE_RECORD = 'oversize-record';
/** The longest line read as a record: 64 MiB, far above any real preference pair (the largest public ones are a few
 * hundred KB), far below V8's string limit (~512 MiB). */
export const MAX_RECORD_BYTES = 64 * 2 ** 20;

/**
 * The first key an object in the JSON text gives twice (`{"a":1,"a":2}` → "a"), or undefined. The text must be
 * valid JSON (it is scanned after JSON.parse accepted it).
 */
export function duplicateKey(text: string): string | undefined {
  const stack: (Set<string> | null)[] = []; // one key set per open object, null per open array
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top && expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.has(key)) return key;
        top.add(key);
        expectKey = false;
      }
      i = j;
    } else if (ch === '{') {
      stack.push(new Set());
      expectKey = true;
    } else if (ch === '[') stack.push(null);
    else if (ch === '}' || ch === ']') stack.pop();
    else if (ch === ',') expectKey = stack[stack.length - 1] != null;
  }
  return undefined;
}

/** The records of JSON Lines text: row = 1-based line number (`firstLine` is the number of the text's first). */
export function jsonlRecords(text: string, marker?: string, firstLine = 1): SourceRecord[] {
  const out: SourceRecord[] = [];
  let start = 0;
  let line = firstLine - 1;
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
    const twice = !bad && raw.includes('{') ? duplicateKey(raw) : undefined;
    out.push(
      bad
        ? { row: line, rowKind: 'line', value, problem: invalidUtf8(bad) }
        : twice !== undefined
          ? {
              row: line,
              rowKind: 'line',
              value: undefined,
              problem: new RowProblem(DUPLICATE_KEY, twice, `the key "${twice}" is given twice in one object`),
            }
          : { row: line, rowKind: 'line', value },
    );
  }
  return out;
}

/**
 * JSON Lines bytes as records, `maxRecordBytes` per line at most: the bytes are decoded in pieces of whole lines
 * (so no string grows past the engine's limit), and a longer line is a bad row, its size named.
 */
export function jsonlRecordsFromBytes(bytes: Buffer, maxRecordBytes = MAX_RECORD_BYTES): SourceRecord[] {
  const out: SourceRecord[] = [];
  let pieceStart = 0;
  let pieceFirstLine = 1;
  let line = 0;
  const flush = (end: number) => {
    if (end > pieceStart) {
      const { text, marker } = decodeText(bytes.subarray(pieceStart, end));
      out.push(...jsonlRecords(text, marker, pieceFirstLine));
    }
  };
  for (let start = 0; start < bytes.length; ) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    line++;
    if (end - start > maxRecordBytes) {
      flush(start);
      const mib = ((end - start) / 2 ** 20).toFixed(1);
      const limit = (maxRecordBytes / 2 ** 20).toFixed(0);
      const problem = new RowProblem(OVERSIZE_RECORD, WHOLE_RECORD, `${mib} MiB on one line, over ${limit} MiB`);
      out.push({ row: line, rowKind: 'line', value: undefined, problem });
      pieceStart = end + 1;
      pieceFirstLine = line + 1;
    } else if (end + 1 - pieceStart > maxRecordBytes) {
      flush(start);
      pieceStart = start;
      pieceFirstLine = line;
    }
    start = end + 1;
  }
  flush(bytes.length);
  return out;
}

/** A JSON Lines file (plain or gzip) as records. */
export function readJsonlRecords(path: string): SourceRecord[] {
  return jsonlRecordsFromBytes(readFileMaybeGzip(path));
}
