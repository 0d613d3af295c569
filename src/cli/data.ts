// `rmw data list|load`: which public sources are here (mirror or cache), whether each matches its pinned sha256,
// and what loading one gives: rows read, items kept, rows quarantined by reason.
import type { CliCommand, ParsedArgs } from './types.js';
import { flagBool, flagNumber } from './args.js';
import { cachePath, listSources, mirrorPath, SourceIntegrityError, locateSource } from '../data/sources.js';
import { loadSourceById, sourceKind, type SourceKind } from '../data/loaders/index.js';
import { totalQuarantined, type QuarantinedRow } from '../data/loadReport.js';
import { existsSync } from 'node:fs';

interface ListedSource {
  id: string;
  role: string;
  kind: SourceKind;
  present: boolean;
  from: 'mirror' | 'cache' | 'download' | null;
  sha256Ok: boolean | null;
  /** Items kept when loaded (null with --quick, or when the file is missing or corrupt). */
  rows: number | null;
  error?: string;
}

interface LoadResult {
  id: string;
  kind: SourceKind;
  file: string;
  read: number;
  kept: number;
  quarantined: Record<string, number>;
  quarantinedTotal: number;
  examples: QuarantinedRow[];
  ms: number;
  sample?: unknown[];
}

async function list(args: ParsedArgs): Promise<{ sources: ListedSource[] }> {
  const load = !flagBool(args, 'quick');
  const sources: ListedSource[] = [];
  for (const s of listSources()) {
    const row: ListedSource = {
      id: s.id,
      role: s.role,
      kind: sourceKind(s.id),
      present: false,
      from: null,
      sha256Ok: null,
      rows: null,
    };
    row.present = existsSync(mirrorPath(s)) || existsSync(cachePath(s));
    if (row.present) {
      try {
        row.from = locateSource(s.id)?.from ?? null;
        row.sha256Ok = true;
      } catch (err) {
        if (!(err instanceof SourceIntegrityError)) throw err;
        row.sha256Ok = false;
        row.error = err.message;
      }
    }
    if (load && row.sha256Ok) row.rows = (await loadSourceById(s.id)).kept;
    sources.push(row);
  }
  return { sources };
}

async function loadOne(args: ParsedArgs): Promise<LoadResult> {
  const id = args.positional[1];
  if (!id) throw new Error('usage: rmw data load <id> [--show N] [--json]');
  const t0 = performance.now();
  const report = await loadSourceById(id, { strict: flagBool(args, 'strict') });
  const show = flagNumber(args, 'show', 0) ?? 0;
  return {
    id,
    kind: sourceKind(id),
    file: report.file,
    read: report.read,
    kept: report.kept,
    quarantined: report.quarantined,
    quarantinedTotal: totalQuarantined(report),
    examples: report.examples,
    ms: Math.round(performance.now() - t0),
    ...(show > 0 ? { sample: report.items.slice(0, show) } : {}),
  };
}

export const command: CliCommand = {
  name: 'data',
  summary: 'List, verify and load the public sources',
  usage: [
    'usage: rmw data list [--quick] [--json]',
    '       rmw data load <id> [--strict] [--show N] [--json]',
    '',
    'list: every source in data/sources.json with its role, what loading it yields (kind), whether the file is in the',
    '      mirror ($RMW_DATA_DIR, default ../shared/data) or the cache, whether its sha256 matches, and the items kept',
    '      when loaded (--quick skips loading: rows is null).',
    'load: one source through its loader: rows read, items kept, rows quarantined by reason with a few examples.',
    '      --strict turns the first quarantined row into an error naming file, line and field; --show N adds N items.',
  ].join('\n'),
  async run(args) {
    const sub = args.positional[0];
    if (sub === 'list') return list(args);
    if (sub === 'load') return loadOne(args);
    throw new Error(`rmw data: expected "list" or "load", got ${sub === undefined ? 'nothing' : `"${sub}"`}`);
  },
  format(raw) {
    const r = raw as { sources?: ListedSource[] } & Partial<LoadResult>;
    if (r.sources) {
      return r.sources
        .map(
          (s) =>
            `${s.id.padEnd(36)} ${s.role.padEnd(24)} ${!s.present ? 'missing' : s.sha256Ok ? 'ok     ' : 'BAD SHA'} ${s.rows ?? ''}`,
        )
        .join('\n');
    }
    const q = Object.entries(r.quarantined ?? {}).map(([k, n]) => `  ${n}\t${k}`);
    return [
      `${r.id} (${r.kind}): read ${r.read}, kept ${r.kept}, quarantined ${r.quarantinedTotal} in ${r.ms} ms`,
      ...q,
    ].join('\n');
  },
};
