// rmw import: any file of preference pairs (JSON, JSONL, CSV, Parquet) into the workbench schema, written as
// JSONL, Arrow IPC or Hugging Face Parquet by the output's extension. Every input record is kept or quarantined.
import { resolve } from 'node:path';
import { importPairs, type DuplicatePairs, type ImportColumns } from '../data/import/importPairs.js';
import { writePairsArrow } from '../data/io/arrowFile.js';
import { writePairsParquet } from '../data/io/hfParquet.js';
import { writePairsJsonl } from '../data/io/jsonl.js';
import type { PreferencePair } from '../data/schema.js';
import { sha256File } from '../util/hash.js';
import { flagString, requireFlag } from './args.js';
import type { CliCommand, ParsedArgs } from './types.js';

export interface ImportResult {
  file: string;
  read: number;
  kept: number;
  quarantined: Record<string, number>;
  examples: { row: number; reason: string; field?: string; detail?: string }[];
  /** Kept pairs that repeat an earlier kept pair exactly (same prompt, chosen, rejected). */
  duplicates: DuplicatePairs;
  out: string;
  sha256: string;
}

/** The writer for an output path, chosen by its extension. */
export function writerFor(out: string): (path: string, pairs: PreferencePair[]) => void {
  const lower = out.toLowerCase();
  if (lower.endsWith('.jsonl')) return writePairsJsonl;
  if (lower.endsWith('.arrow') || lower.endsWith('.feather') || lower.endsWith('.ipc')) return writePairsArrow;
  if (lower.endsWith('.parquet')) return (path, pairs) => writePairsParquet(path, pairs);
  throw new Error(`--out ${out}: the file name must end in .jsonl, .arrow or .parquet`);
}

function list(v: string | undefined): string[] | undefined {
  return v === undefined
    ? undefined
    : v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
}

export function columnsFromArgs(args: ParsedArgs): ImportColumns {
  return {
    prompt: requireFlag(args, 'prompt'),
    chosen: flagString(args, 'chosen'),
    rejected: flagString(args, 'rejected'),
    a: flagString(args, 'a'),
    b: flagString(args, 'b'),
    label: flagString(args, 'label'),
    aWins: list(flagString(args, 'a-wins')),
    bWins: list(flagString(args, 'b-wins')),
    field: flagString(args, 'field'),
    id: flagString(args, 'id'),
    source: flagString(args, 'source'),
  };
}

export async function runImport(args: ParsedArgs): Promise<ImportResult> {
  const file = args.positional[0];
  if (!file) throw new Error('missing input file: rmw import <file> --prompt <col> ... --out <file>');
  const out = resolve(requireFlag(args, 'out'));
  const write = writerFor(out);
  const report = await importPairs(resolve(file), columnsFromArgs(args));
  write(out, report.items);
  return {
    file: report.file,
    read: report.read,
    kept: report.kept,
    quarantined: report.quarantined,
    examples: report.examples,
    duplicates: report.duplicates,
    out,
    sha256: sha256File(out),
  };
}

export const command: CliCommand = {
  name: 'import',
  summary: 'Import any file of preference pairs (JSON, JSONL, CSV, Parquet) into the workbench schema',
  usage: [
    'rmw import <file> --prompt <col> (--chosen <col> --rejected <col> | --a <col> --b <col> --label <col>',
    '           [--a-wins <v1,v2>] [--b-wins <v1,v2>]) [--field <path>] [--id <col>] [--source <name>]',
    '           --out <file.jsonl|file.arrow|file.parquet> [--json]',
    '',
    '  <file>      .json, .jsonl/.ndjson, .csv (RFC 4180, header row) or .parquet; text formats may be .gz',
    '  --prompt    column with the prompt: text (one user turn) or a list of {role, content} messages',
    '  --chosen / --rejected   columns with the preferred / dispreferred response (text or message list)',
    '  --a / --b / --label     two responses and a column naming the winner',
    '  --a-wins    label values meaning A wins (default: "A" or the --a column name; case-insensitive)',
    '  --b-wins    label values meaning B wins (default: "B" or the --b column name)',
    '  --field     dotted path of the record array inside a JSON document, e.g. data.rows',
    '  --id        column with a record id (default: the line or row number); --source names the pairs',
    '  --out       output; .parquet uses the Hugging Face conversational layout (chosen/rejected = whole conversations)',
    'Prints {read, kept, quarantined: {reason: n}, examples, duplicates, out, sha256}. Every record is kept or',
    'quarantined; kept pairs that repeat an earlier one exactly (same prompt, chosen, rejected) are counted.',
  ].join('\n'),
  run: runImport,
  format(result: unknown): string {
    const r = result as ImportResult;
    const q = Object.entries(r.quarantined).map(([k, n]) => `  ${k}: ${n}`);
    const ex = r.examples.map((e) => `  ${e.reason} (${e.field ?? ''}) ${e.detail ?? ''}`);
    return [
      `read ${r.read}, kept ${r.kept}, quarantined ${r.read - r.kept}`,
      ...(q.length ? ['quarantined by reason:', ...q, 'examples:', ...ex] : []),
      ...(r.duplicates.count
        ? [
            `duplicates: ${r.duplicates.count} kept pairs repeat an earlier pair exactly (${r.duplicates.examples
              .map((d) => `row ${d.row} = row ${d.firstRow}`)
              .join('; ')})`,
          ]
        : []),
      `wrote ${r.out}`,
      `sha256 ${r.sha256}`,
    ].join('\n');
  },
};
