// Any tabular file a user or a source may hold, as records in file order, the format told by the file name: JSON
// (an array, or one nested at a `field` path), JSON Lines, CSV with a header, Parquet or Arrow IPC; `.gz` for the
// text formats.
import { basename } from 'node:path';
import { InputError } from '../../util/errors.js';
import { readArrowRecords } from './arrow.js';
import { readCsvRecords } from './csv.js';
import { readJsonRecords } from './json.js';
import { readJsonlRecords } from './jsonl.js';
import { readParquetRecords } from './parquet.js';
import type { SourceRecord } from './problem.js';

export type RecordFormat = 'json' | 'jsonl' | 'csv' | 'parquet' | 'arrow';

export function detectFormat(path: string): RecordFormat {
  const name = basename(path).toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.parquet')) return 'parquet';
  if (name.endsWith('.arrow') || name.endsWith('.feather') || name.endsWith('.ipc')) return 'arrow';
  throw new InputError(
    { file: path },
    'unknown file type: expected .json, .jsonl, .ndjson, .csv, .parquet or .arrow (the text formats optionally .gz)',
  );
}

const FORMAT_NAMES: Record<RecordFormat, string> = {
  json: 'JSON',
  jsonl: 'JSON Lines',
  csv: 'CSV',
  parquet: 'Parquet',
  arrow: 'Arrow',
};

/** Every record of the file, in file order. `field` (JSON only) is the dotted path of the record array. */
export async function readRecords(
  path: string,
  options: { field?: string } = {},
): Promise<{ format: RecordFormat; records: SourceRecord[] }> {
  const format = detectFormat(path);
  if (options.field && format !== 'json') {
    throw new InputError(
      { file: path, field: options.field },
      `--field applies to JSON documents, not ${FORMAT_NAMES[format]}`,
    );
  }
  if (format === 'parquet') return { format, records: await readParquetRecords(path) };
  if (format === 'arrow') return { format, records: readArrowRecords(path) };
  if (format === 'jsonl') return { format, records: readJsonlRecords(path) };
  if (format === 'csv') return { format, records: readCsvRecords(path) };
  return { format, records: readJsonRecords(path, options.field) };
}
