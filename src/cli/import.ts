// rmw import: any file of preference pairs (JSON, JSONL, CSV, Parquet) into the workbench schema, written as
// JSONL, Arrow IPC or Hugging Face Parquet by the output's extension. Every input record is kept or quarantined.
// --out is a single-file output (util/output): never the input file, never a file rmw import did not write.
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { importPairs, type DuplicatePairs, type ImportColumns } from '../data/import/importPairs.js';
import { writePairsArrow } from '../data/io/arrowFile.js';
import { writePairsParquet } from '../data/io/hfParquet.js';
import { writePairsJsonl } from '../data/io/jsonl.js';
import type { PreferencePair } from '../data/schema.js';
import { sha256File } from '../util/hash.js';
import { yieldNow } from '../util/yieldTo.js';
import { openFileOutput } from '../util/output/fileOutput.js';
import { untilDone } from '../util/output/onExit.js';
import type { OutputKind } from '../util/output/marker.js';
import { defineCommand, type FlagValues } from './flags.js';
import { ResultError, UsageError } from './errors.js';
import { offThread } from './offThread.js';
import type { ParsedArgs } from './types.js';

/** What reading the file gave: records read, kept, quarantined by reason. */
export interface ImportCounts {
  file: string;
  read: number;
  kept: number;
  quarantined: Record<string, number>;
  examples: { row: number; reason: string; field?: string; detail?: string }[];
  /** Kept pairs that repeat an earlier kept pair exactly (same prompt, chosen, rejected). */
  duplicates: DuplicatePairs;
}

export interface ImportResult extends ImportCounts {
  out: string;
  sha256: string;
}

const FLAGS = {
  prompt: {
    type: 'string',
    required: true,
    arg: '<col>',
    help: 'column with the prompt: text (one user turn) or a list of {role, content} messages',
  },
  chosen: { type: 'string', arg: '<col>', help: 'column with the preferred response (text or message list)' },
  rejected: { type: 'string', arg: '<col>', help: 'column with the dispreferred response' },
  a: { type: 'string', arg: '<col>', help: 'first of two responses (with --b and --label)' },
  b: { type: 'string', arg: '<col>', help: 'second of two responses' },
  label: { type: 'string', arg: '<col>', help: 'column naming the winner of --a and --b' },
  'a-wins': {
    type: 'string',
    arg: '<v1,v2>',
    help: 'label values meaning A wins (case-insensitive)',
    defaultText: '"A" or the --a column name',
  },
  'b-wins': {
    type: 'string',
    arg: '<v1,v2>',
    help: 'label values meaning B wins',
    defaultText: '"B" or the --b column name',
  },
  field: {
    type: 'string',
    arg: '<path>',
    help: 'dotted path of the record array inside a JSON document, e.g. data.rows',
  },
  id: { type: 'string', arg: '<col>', help: 'column with a record id', defaultText: 'the line or row number' },
  source: { type: 'string', arg: '<name>', help: 'name the pairs carry as their source', defaultText: 'the file name' },
  out: {
    type: 'string',
    required: true,
    arg: '<file>',
    help: 'output .jsonl, .arrow or .parquet (Hugging Face conversational layout: chosen/rejected = conversations)',
  },
} as const;

/** The pairs file of `rmw import` as an output. */
export const IMPORT_OUTPUT: OutputKind = { kind: 'import', writer: 'rmw import', noun: 'imported pairs file' };

/** The writer for an output path, chosen by its extension. */
export function writerFor(out: string): (path: string, pairs: PreferencePair[]) => void {
  const lower = out.toLowerCase();
  if (lower.endsWith('.jsonl')) return writePairsJsonl;
  if (lower.endsWith('.arrow') || lower.endsWith('.feather') || lower.endsWith('.ipc')) return writePairsArrow;
  if (lower.endsWith('.parquet')) return (path, pairs) => writePairsParquet(path, pairs);
  throw new UsageError(`--out ${out}: the file name must end in .jsonl, .arrow or .parquet`);
}

function list(v: string | undefined): string[] | undefined {
  return v === undefined
    ? undefined
    : v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
}

export function columnsFromFlags(flags: FlagValues<typeof FLAGS>): ImportColumns {
  return {
    prompt: flags.prompt,
    chosen: flags.chosen,
    rejected: flags.rejected,
    a: flags.a,
    b: flags.b,
    label: flags.label,
    aWins: list(flags['a-wins']),
    bWins: list(flags['b-wins']),
    field: flags.field,
    id: flags.id,
    source: flags.source,
  };
}

/**
 * Imports, and writes only a non-empty result: when every record is quarantined (or there is none) nothing is
 * written and the counts are printed with the reason, exit code 1.
 */
async function importFile(flags: FlagValues<typeof FLAGS>, file: string | undefined): Promise<ImportResult> {
  if (!file) throw new UsageError('missing input file: rmw import <file> --prompt <col> ... --out <file>');
  const out = resolve(flags.out);
  writerFor(out); // an unknown extension is refused before any work
  const output = openFileOutput(out, { kind: IMPORT_OUTPUT, inputs: [{ path: file, what: 'the file imported' }] });
  // the pairs are written beside the output under a temporary name (swept if the process is killed with -9), then
  // put in place under the output's lock
  const temp = join(dirname(out), `.${basename(out)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const removeTemp = () => rmSync(temp, { force: true });
  const forget = untilDone(removeTemp);
  try {
    // reading, checking and writing every record is synchronous: done off the main thread, so a Ctrl-C stops it
    const read = await offThread<ImportCounts & { sha256?: string }>(
      new URL(import.meta.url),
      'importTo',
      [resolve(file), columnsFromFlags(flags), out, temp],
      `nothing written to ${out}`,
    );
    const { sha256, ...counts } = read;
    if (sha256 === undefined) {
      const reasons = Object.entries(counts.quarantined).map(([k, n]) => `${n} ${k}`);
      throw new ResultError(
        counts.read === 0
          ? `${counts.file} holds no records; nothing written to ${out}`
          : `kept 0 of ${counts.read} records (quarantined: ${reasons.join(', ')}); nothing written to ${out}`,
        counts,
      );
    }
    await yieldNow(); // a signal that came as the pairs were written stops it here, before they are put in place
    output.writeWith((path) => renameSync(temp, path));
    return { ...counts, out, sha256 };
  } finally {
    removeTemp();
    forget();
    output.abandon();
  }
}

/**
 * Reads, checks and converts the file's records and writes those kept to `temp` in the format of `out`'s extension
 * (nothing when none is kept); run in a worker thread (offThread). The counts, and the written file's sha256.
 */
export async function importTo(
  file: string,
  columns: ImportColumns,
  out: string,
  temp: string,
): Promise<ImportCounts & { sha256?: string }> {
  const report = await importPairs(file, columns);
  const counts: ImportCounts = {
    file: report.file,
    read: report.read,
    kept: report.kept,
    quarantined: report.quarantined,
    examples: report.examples,
    duplicates: report.duplicates,
  };
  if (report.kept === 0) return counts;
  writerFor(out)(temp, report.items);
  return { ...counts, sha256: sha256File(temp) };
}

export const command = defineCommand({
  name: 'import',
  summary: 'Import any file of preference pairs (JSON, JSONL, CSV, Parquet) into the workbench schema',
  synopsis: [
    'rmw import <file> --prompt <col> (--chosen <col> --rejected <col> | --a <col> --b <col> --label <col>',
    '           [--a-wins <v1,v2>] [--b-wins <v1,v2>]) [--field <path>] [--id <col>] [--source <name>]',
    '           --out <file.jsonl|file.arrow|file.parquet> [--json]',
  ],
  description: [
    '<file>: .json, .jsonl/.ndjson, .csv (RFC 4180, header row) or .parquet; text formats may be .gz.',
    'Prints {read, kept, quarantined: {reason: n}, examples, duplicates, out, sha256}. Every record is kept or',
    'quarantined; kept pairs that repeat an earlier one exactly (same prompt, chosen, rejected) are counted. When',
    'none is kept nothing is written and the command fails (exit code 1) after printing the counts.',
  ],
  flags: FLAGS,
  positionals: { max: 1, names: 'one input file' },
  run: (flags, positional) => importFile(flags, positional[0]),
  format(result: unknown): string {
    const r = result as ImportCounts & Partial<ImportResult>;
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
      ...(r.out ? [`wrote ${r.out}`, `sha256 ${r.sha256}`] : []),
    ].join('\n');
  },
});

/** `rmw import` on tokenized arguments (the flags are checked as on the command line). */
export function runImport(args: ParsedArgs): Promise<ImportResult> {
  return command.run(args) as Promise<ImportResult>;
}
