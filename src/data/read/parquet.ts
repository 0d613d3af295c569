// Parquet rows as plain objects through hyparquet, with every codec Hugging Face files use (hyparquet-compressors
// adds ZSTD, GZIP, BROTLI, LZ4 to the built-in SNAPPY). INT64 values come back as numbers when they fit exactly.
// Strings are decoded by the one fatal UTF-8 decoder: a string whose bytes are not UTF-8 makes its row a bad row
// naming the column, instead of becoming U+FFFD.
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { InputError } from '../../util/errors.js';
import type { SourceRecord } from './problem.js';
import { readFileBytes } from './text.js';
import { invalidUtf8, utf8OrUndefined } from './utf8.js';

/** Stands in for a string value whose bytes are not UTF-8, until the row is checked. */
class NotUtf8 {}
const NOT_UTF8 = new NotUtf8();

const parsers = {
  stringFromBytes: (bytes: Uint8Array | undefined) => (bytes ? (utf8OrUndefined(bytes) ?? NOT_UTF8) : bytes),
  jsonFromBytes: (bytes: Uint8Array | undefined) => {
    if (!bytes) return bytes;
    const text = utf8OrUndefined(bytes);
    return text === undefined ? NOT_UTF8 : JSON.parse(text);
  },
};

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (Array.isArray(value)) return value.map(plain);
  if (value === NOT_UTF8) return value;
  if (value && typeof value === 'object' && !(value instanceof Uint8Array) && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v);
    return out;
  }
  return value;
}

/** Dotted path of the first value in `value` that is not UTF-8. */
function notUtf8Field(value: unknown, path: string): string | undefined {
  if (value === NOT_UTF8) return path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = notUtf8Field(value[i], `${path}[${i}]`);
      if (hit) return hit;
    }
  } else if (value && typeof value === 'object' && !(value instanceof Uint8Array) && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) {
      const hit = notUtf8Field(v, path ? `${path}.${k}` : k);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** Every row of a Parquet file as a record (row = 0-based row of the file). */
export async function readParquetRecords(path: string): Promise<SourceRecord[]> {
  const bytes = readFileBytes(path);
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    parquetMetadata(file);
  } catch (err) {
    throw new InputError({ file: path }, `not a readable Parquet file (${(err as Error).message})`);
  }
  let rows: Record<string, unknown>[];
  try {
    rows = (await parquetReadObjects({ file, compressors, parsers: parsers as never })) as Record<string, unknown>[];
  } catch (err) {
    throw new InputError(
      { file: path },
      `Parquet data is corrupt or uses an unsupported encoding (${(err as Error).message})`,
    );
  }
  return rows.map((r, row) => {
    const value = plain(r);
    const bad = notUtf8Field(value, '');
    return bad ? { row, rowKind: 'row', value, problem: invalidUtf8(bad) } : { row, rowKind: 'row', value };
  });
}
