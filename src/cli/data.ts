// `rmw data list|load`: which public sources are here (mirror or cache), whether each matches its pinned sha256,
// and what loading one gives: rows read, items kept, rows quarantined by reason.
import { defineCommand, type FlagValues } from './flags.js';
import { ResultError, UsageError } from './errors.js';
import { cachePath, listSources, mirrorPath, SourceIntegrityError, locateSource } from '../data/sources.js';
import { dataMirrorDir } from '../util/paths.js';
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

const FLAGS = {
  quick: { type: 'boolean', help: 'list: check presence and sha256 only, without loading (rows is null)' },
  strict: { type: 'boolean', help: 'load: the first quarantined row is an error naming file, line and field' },
  show: { type: 'integer', min: 0, default: 0, help: 'load: add the first N items to the result' },
} as const;

/**
 * Every source, whatever happens to any one of them; the listing is then a failure (exit 1, after it is printed)
 * when a file is missing, fails its sha256 check or does not load, so a script cannot take a broken mirror for a
 * good one.
 */
async function list(flags: FlagValues<typeof FLAGS>): Promise<{ sources: ListedSource[] }> {
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
    if (!flags.quick && row.sha256Ok) {
      try {
        row.rows = (await loadSourceById(s.id)).kept;
      } catch (err) {
        row.error = `does not load: ${(err as Error).message}`;
      }
    }
    sources.push(row);
  }
  const missing = sources.filter((s) => !s.present).map((s) => s.id);
  const badSha = sources.filter((s) => s.sha256Ok === false).map((s) => s.id);
  const unloadable = sources.filter((s) => s.sha256Ok && s.error).map((s) => s.id);
  const problems = [
    missing.length ? `${missing.length} missing (${missing.join(', ')}; mirror ${dataMirrorDir()})` : '',
    badSha.length ? `${badSha.length} with a wrong sha256 (${badSha.join(', ')})` : '',
    unloadable.length ? `${unloadable.length} that do not load (${unloadable.join(', ')})` : '',
  ].filter(Boolean);
  if (problems.length) {
    throw new ResultError(`${sources.length} sources listed; ${problems.join('; ')}`, { sources });
  }
  return { sources };
}

async function loadOne(flags: FlagValues<typeof FLAGS>, id: string | undefined): Promise<LoadResult> {
  if (!id) throw new UsageError('name a source: rmw data load <id> [--show N] [--json] (rmw data list shows the ids)');
  const t0 = performance.now();
  const report = await loadSourceById(id, { strict: flags.strict });
  const show = flags.show;
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

function status(s: ListedSource): string {
  if (!s.present) return 'missing';
  if (!s.sha256Ok) return 'BAD SHA';
  return s.error ? 'NO LOAD' : 'ok     ';
}

export const command = defineCommand({
  name: 'data',
  summary: 'List, verify and load the public sources',
  synopsis: ['rmw data list [--quick] [--json]', 'rmw data load <id> [--strict] [--show N] [--json]'],
  description: [
    'list: every source in data/sources.json with its role, what loading it yields (kind), whether the file is in the',
    '      mirror ($RMW_DATA_DIR, default ../shared/data) or the cache, whether its sha256 matches, and the items kept',
    '      when loaded (--quick skips loading: rows is null). Exit code 1 (after the listing) when a file is missing,',
    '      has a wrong sha256 or does not load.',
    'load: one source through its loader: rows read, items kept, rows quarantined by reason with a few examples.',
    '      --strict turns the first quarantined row into an error naming file, line and field; --show N adds N items.',
  ],
  flags: FLAGS,
  positionals: { max: 2, names: '"list", or "load" and a source id' },
  async run(flags, positional) {
    const [sub, id] = positional;
    if (sub === 'list' && id === undefined) {
      if (flags.strict || flags.show) throw new UsageError('--strict and --show apply to rmw data load');
      return list(flags);
    }
    if (sub === 'list') throw new UsageError(`unexpected argument "${id}": rmw data list takes no source id`);
    if (sub === 'load') {
      if (flags.quick) throw new UsageError('--quick applies to rmw data list');
      return loadOne(flags, id);
    }
    throw new UsageError(`expected "list" or "load", got ${sub === undefined ? 'nothing' : `"${sub}"`}`);
  },
  format(raw) {
    const r = raw as { sources?: ListedSource[] } & Partial<LoadResult>;
    if (r.sources) {
      return r.sources.map((s) => `${s.id.padEnd(36)} ${s.role.padEnd(24)} ${status(s)} ${s.rows ?? ''}`).join('\n');
    }
    const q = Object.entries(r.quarantined ?? {}).map(([k, n]) => `  ${n}\t${k}`);
    return [
      `${r.id} (${r.kind}): read ${r.read}, kept ${r.kept}, quarantined ${r.quarantinedTotal} in ${r.ms} ms`,
      ...q,
    ].join('\n');
  },
});
