// The source registry: which public files the workbench reads, where each comes from, and how it is verified.
// Resolution order for a file: the offline mirror folder (default ../shared/data, $RMW_DATA_DIR), then the local
// download cache ($RMW_CACHE_DIR), then a download from the pinned public URL. Every path is checked by sha256.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, dataMirrorDir, fromRoot } from '../util/paths.js';
import { setting } from '../config/env.js';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { sha256Hex } from '../util/hash.js';

export type SourceRole =
  | 'train-pool'
  | 'train-pool-contaminated'
  | 'format-sample'
  | 'eval'
  | 'eval-extra'
  | 'reference-scores'
  | 'decontam';

export interface SourceEntry {
  id: string;
  repo: string;
  commit: string;
  path: string;
  /** Path under the mirror folder. */
  local: string;
  bytes: number;
  sha256: string;
  license: string;
  role: SourceRole;
  note: string;
  url: string;
}

let manifest: SourceEntry[] | undefined;

/** The manifest of public source files (data/sources.json, facts taken from the shared data manifest). */
export function listSources(): SourceEntry[] {
  if (!manifest) {
    const path = fromRoot('data', 'sources.json');
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as SourceEntry[];
    if (!Array.isArray(parsed)) throw new Error(`${path}: expected a JSON array of sources`);
    manifest = parsed;
  }
  return manifest;
}

export function getSource(id: string): SourceEntry {
  const entry = listSources().find((s) => s.id === id);
  if (!entry) {
    throw new Error(
      `unknown source "${id}"; known sources: ${listSources()
        .map((s) => s.id)
        .join(', ')}`,
    );
  }
  return entry;
}

export interface ResolvedSource {
  entry: SourceEntry;
  path: string;
  from: 'mirror' | 'cache' | 'download';
}

export class SourceIntegrityError extends Error {
  constructor(entry: SourceEntry, path: string, actual: string) {
    super(
      `source "${entry.id}": ${path} has sha256 ${actual}, expected ${entry.sha256}. ` +
        `The file is corrupt or a different version; delete it (or fix $RMW_DATA_DIR) so the pinned copy is used, ` +
        `or download it again from ${entry.url}`,
    );
    this.name = 'SourceIntegrityError';
  }
}

const verified = new Map<string, string>();

/** sha256 of a file, remembered per path, size and mtime so repeated loads do not re-hash. */
function fileSha256(path: string): string {
  const st = statSync(path);
  const key = `${path}:${st.size}:${st.mtimeMs}`;
  const hit = verified.get(key);
  if (hit) return hit;
  const digest = sha256Hex(readFileSync(path));
  verified.set(key, digest);
  return digest;
}

function checked(entry: SourceEntry, path: string): string {
  const actual = fileSha256(path);
  if (actual !== entry.sha256) throw new SourceIntegrityError(entry, path, actual);
  return path;
}

export function mirrorPath(entry: SourceEntry): string {
  return join(dataMirrorDir(), entry.local);
}

export function cachePath(entry: SourceEntry): string {
  return join(cacheDir(), entry.local);
}

/** Where the file would come from without downloading, or undefined when neither the mirror nor the cache has it. */
export function locateSource(id: string): ResolvedSource | undefined {
  const entry = getSource(id);
  const mirror = mirrorPath(entry);
  if (existsSync(mirror)) return { entry, path: checked(entry, mirror), from: 'mirror' };
  const cached = cachePath(entry);
  if (existsSync(cached)) return { entry, path: checked(entry, cached), from: 'cache' };
  return undefined;
}

export interface ResolveOptions {
  /** Allow a download when the mirror and cache lack the file (default: true unless $RMW_OFFLINE=1). */
  download?: boolean;
  /** Refuse downloads larger than this many bytes (default 64 MiB). */
  maxBytes?: number;
}

/** The verified local path of a source file, downloading it into the cache when needed and allowed. */
export async function resolveSource(id: string, options: ResolveOptions = {}): Promise<ResolvedSource> {
  const found = locateSource(id);
  if (found) return found;
  const entry = getSource(id);
  const allow = options.download ?? !setting('offline');
  if (!allow) {
    throw new Error(
      `source "${id}" is not in the mirror (${mirrorPath(entry)}) nor the cache (${cachePath(entry)}), and downloads ` +
        `are off. Set RMW_DATA_DIR to a folder holding ${entry.local}, or allow downloads (unset RMW_OFFLINE).`,
    );
  }
  const path = await downloadSource(entry, options.maxBytes ?? 64 * 1024 * 1024);
  return { entry, path, from: 'download' };
}

async function downloadSource(entry: SourceEntry, maxBytes: number): Promise<string> {
  if (entry.bytes > maxBytes) {
    throw new Error(`source "${entry.id}" is ${entry.bytes} bytes, over the download cap of ${maxBytes}`);
  }
  let response: Response;
  try {
    response = await fetch(entry.url);
  } catch (err) {
    throw new Error(
      `source "${entry.id}": download from ${entry.url} failed (${(err as Error).message}). ` +
        `Without internet, point RMW_DATA_DIR at a copy of the data folder.`,
    );
  }
  if (!response.ok)
    throw new Error(`source "${entry.id}": download from ${entry.url} answered HTTP ${response.status}`);
  const body = new Uint8Array(await response.arrayBuffer());
  if (body.byteLength > maxBytes) throw new Error(`source "${entry.id}": download exceeded ${maxBytes} bytes`);
  const digest = sha256Hex(body);
  if (digest !== entry.sha256) {
    throw new Error(
      `source "${entry.id}": downloaded bytes have sha256 ${digest}, expected ${entry.sha256}; not cached`,
    );
  }
  const target = cachePath(entry);
  writeFileAtomic(target, body);
  return target;
}
