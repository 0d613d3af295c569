// The output folder of an export: written only if it is new, empty, or holds nothing but what an earlier export of
// the same kind wrote (its manifest lists every file), so an export never overwrites a file it did not create.
// Files are written atomically and their sha256 recorded for the manifest.
import { chmodSync, existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { fromRoot } from '../util/paths.js';
import { sha256Hex } from '../util/hash.js';

export const MANIFEST = 'job.json';
export const WRITTEN_BY = 'rmw export';

export interface WrittenFile {
  path: string;
  sha256: string;
  bytes: number;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Throws unless `dir` may be written: absent, empty, or only files a previous `kind` export listed. Returns the files
 * that earlier export wrote (to remove those this one does not write again).
 */
export function checkOutputFolder(dir: string, kind: string, manifest = MANIFEST): string[] {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) throw new Error(`--out ${dir} exists and is not a folder`);
  const present = listFiles(dir);
  if (!present.length) return [];
  const manifestFile = join(dir, manifest);
  let listed: Set<string> | undefined;
  if (existsSync(manifestFile)) {
    try {
      const m = JSON.parse(readFileSync(manifestFile, 'utf8'));
      if (m.writtenBy === WRITTEN_BY && m.kind === kind)
        listed = new Set([manifest, ...(m.files as WrittenFile[]).map((f) => f.path)]);
    } catch {
      listed = undefined;
    }
  }
  const foreign = present.find((f) => !listed?.has(f));
  if (foreign !== undefined)
    throw new Error(
      `refusing to write into ${dir}: it holds ${foreign}, which an earlier \`${WRITTEN_BY} ${kind}\` did not write ` +
        '(choose a new or empty folder)',
    );
  return present;
}

export class OutputFolder {
  private readonly written: WrittenFile[] = [];
  private readonly previous: string[];
  constructor(
    readonly dir: string,
    readonly kind: string,
  ) {
    this.previous = checkOutputFolder(dir, kind);
  }

  write(path: string, data: string | Uint8Array, options: { executable?: boolean } = {}): void {
    const full = join(this.dir, path);
    writeFileAtomic(full, data);
    if (options.executable) chmodSync(full, 0o755);
    this.written.push({
      path,
      sha256: sha256Hex(data),
      bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.length,
    });
  }

  /** Copies one of the product's Python programs (src/export/python) into the folder. */
  copyPython(name: string, as = name): void {
    this.write(as, readFileSync(fromRoot('src', 'export', 'python', name), 'utf8'), { executable: true });
  }

  files(): WrittenFile[] {
    return [...this.written];
  }

  /** Writes the manifest (job.json) last: what was written, by what, with `body` (the job's facts). */
  finish(body: Record<string, unknown>): WrittenFile[] {
    const manifest = { writtenBy: WRITTEN_BY, kind: this.kind, ...body, files: this.files() };
    const now = new Set(this.written.map((f) => f.path));
    for (const old of this.previous) if (old !== MANIFEST && !now.has(old)) rmSync(join(this.dir, old));
    writeFileAtomic(join(this.dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    return this.files();
  }
}
