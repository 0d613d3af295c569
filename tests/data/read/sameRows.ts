// One tiny table written in every format the readers take (JSONL, gzip JSONL, JSON, CSV, Parquet, Arrow), cell by
// cell as raw bytes, so a test can put the same bad cell in every format and expect the same answer from each.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Table, Utf8, Vector, makeData, tableToIPC, type Data } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';

/** A cell: text, or raw bytes (which may be invalid UTF-8). Cells must not hold quotes, commas or newlines. */
export type Cell = string | Uint8Array;
export type Row = Record<string, Cell>;

export interface Written {
  format: string;
  file: string;
  rowKind: 'line' | 'row';
  /** Where the k-th (0-based) data record sits in this file. */
  rowOf: (k: number) => number;
}

const bytes = (c: Cell) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c));

function jsonObject(row: Row): Buffer {
  const parts: Buffer[] = [Buffer.from('{')];
  Object.entries(row).forEach(([k, v], i) => {
    parts.push(Buffer.from(`${i ? ',' : ''}"${k}":"`), bytes(v), Buffer.from('"'));
  });
  parts.push(Buffer.from('}'));
  return Buffer.concat(parts);
}

/** An Arrow Utf8 column of the cells' bytes, as written (no check). */
export function utf8Data(cells: Cell[]): Data<Utf8> {
  const encoded = cells.map(bytes);
  const offsets = new Int32Array(encoded.length + 1);
  encoded.forEach((b, i) => (offsets[i + 1] = offsets[i] + b.length));
  return makeData({
    type: new Utf8(),
    length: encoded.length,
    nullCount: 0,
    valueOffsets: offsets,
    data: new Uint8Array(Buffer.concat(encoded)),
  });
}

/** The rows written as `<name>.jsonl`, `.jsonl.gz`, `.json`, `.csv`, `.parquet` and `.arrow` in `dir`. */
export function writeSameRows(dir: string, name: string, rows: Row[]): Written[] {
  const columns = Object.keys(rows[0]);
  const path = (ext: string) => join(dir, `${name}.${ext}`);
  const jsonl = Buffer.concat(rows.flatMap((r) => [jsonObject(r), Buffer.from('\n')]));
  writeFileSync(path('jsonl'), jsonl);
  writeFileSync(path('jsonl.gz'), gzipSync(jsonl));
  writeFileSync(
    path('json'),
    Buffer.concat([
      Buffer.from('[\n'),
      ...rows.flatMap((r, k) => [k ? Buffer.from(',\n') : Buffer.alloc(0), jsonObject(r)]),
      Buffer.from('\n]\n'),
    ]),
  );
  const csvLine = (cells: Cell[]) =>
    Buffer.concat([...cells.flatMap((c, k) => [Buffer.from(k ? ',' : ''), bytes(c)]), Buffer.from('\n')]);
  writeFileSync(path('csv'), Buffer.concat([csvLine(columns), ...rows.map((r) => csvLine(columns.map((c) => r[c])))]));
  const parquet = parquetWriteBuffer({
    columnData: columns.map((c) => ({
      name: c,
      data: rows.map((r) => new Uint8Array(bytes(r[c]))) as never,
      type: 'STRING' as const,
    })),
  });
  writeFileSync(path('parquet'), new Uint8Array(parquet));
  const table = new Table(Object.fromEntries(columns.map((c) => [c, new Vector([utf8Data(rows.map((r) => r[c]))])])));
  writeFileSync(path('arrow'), tableToIPC(table, 'file'));
  const line = (k: number) => k + 1;
  const row = (k: number) => k;
  return [
    { format: 'JSONL', file: path('jsonl'), rowKind: 'line', rowOf: line },
    { format: 'gzip JSONL', file: path('jsonl.gz'), rowKind: 'line', rowOf: line },
    { format: 'JSON', file: path('json'), rowKind: 'row', rowOf: row },
    { format: 'CSV', file: path('csv'), rowKind: 'line', rowOf: (k) => k + 2 },
    { format: 'Parquet', file: path('parquet'), rowKind: 'row', rowOf: row },
    { format: 'Arrow', file: path('arrow'), rowKind: 'row', rowOf: row },
  ];
}
