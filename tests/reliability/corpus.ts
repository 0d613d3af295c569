// The bad-input corpus, generated from a few real rows (never committed): each defect a careless or hostile user
// could hand the workbench, applied to pair files (JSON Lines and Parquet, as `rmw import` and `rmw train` read
// them) and to score files (as `rmw eval --scores` reads them). Some defects are harmless and must be read exactly
// like the clean file (a byte-order mark, CRLF line ends, one huge line); the others must be refused or quarantined
// with a message naming the file, the line or row and the field.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PreferencePair } from '../../src/data/schema.js';
import { pairsToParquetBytes } from '../../src/data/io/hfParquet.js';

export const DEFECTS = [
  'empty',
  'truncated',
  'corrupt',
  'wrong-columns',
  'wrong-types',
  'bad-utf8',
  'bom',
  'crlf',
  'huge-line',
  'nan',
] as const;
export type Defect = (typeof DEFECTS)[number];

/** Defects a reader must take in its stride: the rows read are those of the clean file. */
export const HARMLESS: readonly Defect[] = ['bom', 'crlf', 'huge-line'];

/** Characters of the huge response: far past any token budget, small enough for a quick test. */
export const HUGE_CHARS = 3_000_000;

const enc = new TextEncoder();

function jsonl(records: readonly object[], eol = '\n'): string {
  return records.map((r) => JSON.stringify(r)).join(eol) + eol;
}

/** The second record's text with `field`'s value replaced by raw JSON text (a NaN, bytes that are not UTF-8). */
function withRawValue(records: readonly object[], field: string, raw: Uint8Array): Uint8Array {
  const marker = '"@@RAW@@"';
  const text = jsonl(records.map((r, i) => (i === 1 ? { ...r, [field]: '@@RAW@@' } : r)));
  const at = text.indexOf(marker);
  return Buffer.concat([enc.encode(text.slice(0, at)), raw, enc.encode(text.slice(at + marker.length))]);
}

export interface CorpusShape {
  /** The field a defect damages in the second record. */
  field: string;
  /** A value of the wrong type for it. */
  wrongType: unknown;
  /** The text field that holds the huge value (harmless: the reader keeps or ignores it). */
  hugeField: string;
  /** The record with its columns renamed, for wrong-columns. */
  rename: (r: Record<string, unknown>) => Record<string, unknown>;
}

/** One JSON Lines file per defect from `records` (at least three). */
export function jsonlCorpus(
  records: readonly Record<string, unknown>[],
  shape: CorpusShape,
): Record<Defect, Uint8Array> {
  const { field, rename } = shape;
  const clean = jsonl(records);
  const secondLineEnd = clean.indexOf('\n', clean.indexOf('\n') + 1);
  return {
    empty: new Uint8Array(0),
    // cut inside the last record, as a copy or a download stopped half-way leaves it
    truncated: enc.encode(clean.slice(0, clean.length - Math.floor(clean.split('\n').at(-2)!.length / 2))),
    // a record with a broken structure in the middle of the file
    corrupt: enc.encode(
      `${clean.slice(0, secondLineEnd + 1)}{"id": "x", "${field}": [}\n${clean.slice(secondLineEnd + 1)}`,
    ),
    'wrong-columns': enc.encode(jsonl(records.map(rename))),
    'wrong-types': enc.encode(jsonl(records.map((r, i) => (i === 1 ? { ...r, [field]: shape.wrongType } : r)))),
    'bad-utf8': withRawValue(records, field, Uint8Array.from([0x22, 0x6f, 0x6b, 0xc3, 0x28, 0x22])), // "ok\xC3("
    bom: enc.encode(`\uFEFF${clean}`),
    crlf: enc.encode(jsonl(records, '\r\n')),
    'huge-line': enc.encode(
      jsonl(
        records.map((r, i) =>
          i === 1 ? { ...r, [shape.hugeField]: 'the answer is no. '.repeat(HUGE_CHARS / 18) } : r,
        ),
      ),
    ),
    nan: withRawValue(records, field, enc.encode('NaN')),
  };
}

/** Parquet files with a damaged body: the same pairs' file cut short, and one with bytes overwritten mid-file. */
export function parquetCorpus(pairs: PreferencePair[]): { truncated: Uint8Array; corrupt: Uint8Array } {
  const bytes = pairsToParquetBytes(pairs, 'implicit', 'id-source');
  const corrupt = Uint8Array.from(bytes);
  corrupt.fill(0x7f, Math.floor(bytes.length / 3), Math.floor(bytes.length / 3) + 64);
  return { truncated: bytes.slice(0, Math.floor(bytes.length * 0.6)), corrupt };
}

/** Writes each file of a corpus as `<dir>/<defect><ext>`; returns defect -> path. */
export function writeCorpus<K extends string>(
  dir: string,
  files: Record<K, Uint8Array>,
  ext: string,
): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const [name, bytes] of Object.entries(files) as [K, Uint8Array][]) {
    out[name] = join(dir, `${name}${ext}`);
    writeFileSync(out[name], bytes);
  }
  return out;
}
