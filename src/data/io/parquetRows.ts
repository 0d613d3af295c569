// Parquet rows as plain objects through hyparquet, with every codec Hugging Face files use (hyparquet-compressors
// adds ZSTD, GZIP, BROTLI, LZ4 to the built-in SNAPPY). INT64 values come back as numbers when they fit exactly.
import { readFileSync } from 'node:fs';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { InputError } from '../../util/errors.js';

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object' && !(value instanceof Uint8Array) && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v);
    return out;
  }
  return value;
}

/** All rows of a Parquet file, in file order (row i is 0-based row i of the file). */
export async function readParquetRows(path: string): Promise<Record<string, unknown>[]> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new InputError(
      { file: path },
      `cannot read file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    parquetMetadata(file);
  } catch (err) {
    throw new InputError({ file: path }, `not a readable Parquet file (${(err as Error).message})`);
  }
  let rows: Record<string, unknown>[];
  try {
    rows = (await parquetReadObjects({ file, compressors })) as Record<string, unknown>[];
  } catch (err) {
    throw new InputError(
      { file: path },
      `Parquet data is corrupt or uses an unsupported encoding (${(err as Error).message})`,
    );
  }
  return rows.map((r) => plain(r) as Record<string, unknown>);
}
