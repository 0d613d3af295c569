// Arrow IPC files (the random-access "file" format and the stream format) as records: each table row becomes a plain
// object (lists as arrays, structs as objects, 64-bit integers as numbers). apache-arrow decodes strings leniently
// (bad bytes become U+FFFD), so every string buffer is first checked with the one fatal UTF-8 decoder and a row
// holding bad bytes becomes a bad row naming the field, exactly as in the other formats.
import { DataType, Vector, tableFromIPC, type Data, type Table } from 'apache-arrow';
import { InputError } from '../../util/errors.js';
import type { SourceRecord } from './problem.js';
import { readFileBytes } from './text.js';
import { invalidUtf8, utf8OrUndefined } from './utf8.js';

/** Where element i of a Data sits: the table row and the field path down to it. */
type Where = (i: number) => { row: number; path: string };

/** Record the first field of each row whose string bytes are not UTF-8. */
function checkStrings(data: Data, where: Where, bad: Map<number, string>): void {
  const type = data.type;
  const note = (i: number) => {
    const w = where(i);
    if (!bad.has(w.row)) bad.set(w.row, w.path);
  };
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) {
    const offsets = data.valueOffsets as ArrayLike<number | bigint>;
    const values = data.values as Uint8Array;
    for (let i = 0; i < data.length; i++) {
      if (!data.getValid(i)) continue;
      const bytes = values.subarray(Number(offsets[i]), Number(offsets[i + 1]));
      if (utf8OrUndefined(bytes) === undefined) note(i);
    }
  } else if (DataType.isList(type) || DataType.isLargeList(type) || DataType.isMap(type)) {
    const offsets = data.valueOffsets as ArrayLike<number | bigint>;
    const owner: number[] = [];
    const first: number[] = [];
    for (let i = 0; i < data.length; i++) {
      const begin = Number(offsets[i]);
      for (let j = begin; j < Number(offsets[i + 1]); j++) {
        owner[j] = i;
        first[j] = begin;
      }
    }
    checkStrings(
      data.children[0],
      (j) => {
        const w = where(owner[j]);
        return { row: w.row, path: `${w.path}[${j - first[j]}]` };
      },
      bad,
    );
  } else if (DataType.isFixedSizeList(type)) {
    const size = type.listSize;
    checkStrings(
      data.children[0],
      (j) => {
        const w = where(Math.floor(j / size));
        return { row: w.row, path: `${w.path}[${j % size}]` };
      },
      bad,
    );
  } else if (DataType.isStruct(type)) {
    type.children.forEach((f, k) =>
      checkStrings(
        data.children[k],
        (i) => {
          const w = where(i);
          return { row: w.row, path: `${w.path}.${f.name}` };
        },
        bad,
      ),
    );
  } else if (DataType.isDictionary(type) && data.dictionary) {
    const badEntries = new Set<number>();
    let base = 0;
    for (const d of data.dictionary.data) {
      const found = new Map<number, string>();
      checkStrings(d, (i) => ({ row: base + i, path: '' }), found);
      for (const k of found.keys()) badEntries.add(k);
      base += d.length;
    }
    const keys = data.values as ArrayLike<number | bigint>;
    for (let i = 0; i < data.length; i++) if (data.getValid(i) && badEntries.has(Number(keys[i]))) note(i);
  }
}

function plain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (value instanceof Vector) return Array.from(value as Iterable<unknown>, plain);
  if (value instanceof Uint8Array || value instanceof Date) return value;
  if (typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    const obj = (value as { toJSON(): Record<string, unknown> }).toJSON();
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

/** The rows of an Arrow table as records (row = 0-based row of the table). */
export function arrowRecords(table: Table): SourceRecord[] {
  const bad = new Map<number, string>();
  let start = 0;
  for (const batch of table.batches) {
    const base = start;
    batch.schema.fields.forEach((f, k) =>
      checkStrings(batch.data.children[k], (i) => ({ row: base + i, path: f.name }), bad),
    );
    start += batch.numRows;
  }
  const names = table.schema.fields.map((f) => f.name);
  const columns = names.map((n) => table.getChild(n)!);
  const out: SourceRecord[] = [];
  for (let row = 0; row < table.numRows; row++) {
    const value: Record<string, unknown> = {};
    names.forEach((n, k) => {
      value[n] = plain(columns[k].get(row));
    });
    const field = bad.get(row);
    out.push(field ? { row, rowKind: 'row', value, problem: invalidUtf8(field) } : { row, rowKind: 'row', value });
  }
  return out;
}

/** An Arrow IPC file as a table; a file that is not Arrow is an InputError naming it. */
export function readArrowTable(path: string): Table {
  const bytes = readFileBytes(path);
  try {
    return tableFromIPC(bytes);
  } catch (err) {
    throw new InputError({ file: path }, `not a readable Arrow IPC file (${(err as Error).message})`);
  }
}

/** An Arrow IPC file as records. */
export function readArrowRecords(path: string): SourceRecord[] {
  return arrowRecords(readArrowTable(path));
}
