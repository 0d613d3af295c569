// JSON documents: the whole file parsed at once; the records are the document itself when it is an array, or the
// array found at a dotted `field` path (like the datasets library's `field` option, e.g. "data.rows"). A syntax
// error fails the file and names the line where the text stops being JSON.
import { InputError, type InputLocation } from '../../util/errors.js';
import { getPath } from './path.js';
import { markedField, invalidUtf8, INVALID_UTF8 } from './utf8.js';
import { jsonErrorOffset, lineOfOffset } from './jsonErrorPosition.js';
import type { SourceRecord } from './problem.js';
import { readTextMarked } from './text.js';

/** A whole JSON document; a syntax error is an InputError naming the file and line. */
export function parseJsonDocument(text: string, file: string, marker?: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const at = jsonErrorOffset(text);
    const loc: InputLocation = at >= 0 ? { file, row: lineOfOffset(text, at), rowKind: 'line' } : { file };
    // Bad bytes outside any string break the syntax itself: say so rather than "corrupt JSON".
    if (marker !== undefined && at >= 0 && text[at] === marker) {
      throw new InputError(loc, `${INVALID_UTF8}: bytes that are not valid UTF-8 outside any string`);
    }
    throw new InputError(loc, `corrupt JSON (${(err as Error).message})`);
  }
}

/** The records of a JSON document: row i is the 0-based index in the record array. */
export function jsonRecords(text: string, file: string, field?: string, marker?: string): SourceRecord[] {
  const doc = parseJsonDocument(text, file, marker);
  let list = doc;
  if (field) {
    list = getPath(doc, field);
    if (list === undefined) throw new InputError({ file, field }, 'the document has no such field');
  }
  if (!Array.isArray(list)) {
    const keys = list && typeof list === 'object' ? ` (keys: ${Object.keys(list).slice(0, 10).join(', ')})` : '';
    const hint = field ? '' : '; name the array with --field';
    const got = list === null ? 'null' : typeof list;
    throw new InputError({ file, field }, `expected an array of records, got ${got}${keys}${hint}`);
  }
  return list.map((value, row) => {
    const bad = marker === undefined ? undefined : markedField(value, marker);
    return bad ? { row, rowKind: 'row', value, problem: invalidUtf8(bad) } : { row, rowKind: 'row', value };
  });
}

/** A JSON file (plain or gzip) as records. */
export function readJsonRecords(path: string, field?: string): SourceRecord[] {
  const { text, marker } = readTextMarked(path);
  return jsonRecords(text, path, field, marker);
}
