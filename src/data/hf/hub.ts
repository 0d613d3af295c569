// Files of the paper's Hugging Face datasets: resolved from the local cache, else downloaded from the hub's
// resolve URL (https://huggingface.co/datasets/<repo>/resolve/<revision>/<file>) into the cache.
// These files are too large for the offline mirror and have no pinned sha256 here; a download is written
// atomically and its sha256 is returned so callers can record which bytes they used.
// $RMW_OFFLINE=1 refuses downloads. Gated datasets (allenai/wildguardmix) need a token in $HF_TOKEN.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cacheDir } from '../../util/paths.js';
import { setting } from '../../config/env.js';
import { sha256Hex } from '../../util/hash.js';
import { writeFileAtomic } from '../../util/atomicWrite.js';

export interface HfFileSpec {
  /** Dataset repository, e.g. "nvidia/HelpSteer2". */
  repo: string;
  /** Path inside the repository, e.g. "train.jsonl.gz". */
  file: string;
  /** Branch, tag or commit (default "main"). */
  revision?: string;
}

export interface HfResolveOptions {
  /** Allow a download when the cache lacks the file (default: true unless $RMW_OFFLINE=1). */
  download?: boolean;
  /** Refuse downloads larger than this many bytes (default 2 GiB). */
  maxBytes?: number;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export interface ResolvedHfFile {
  path: string;
  from: 'cache' | 'download';
  sha256?: string;
}

export function hfFileUrl(spec: HfFileSpec): string {
  const enc = spec.file.split('/').map(encodeURIComponent).join('/');
  return `https://huggingface.co/datasets/${spec.repo}/resolve/${encodeURIComponent(spec.revision ?? 'main')}/${enc}`;
}

export function hfCachePath(spec: HfFileSpec): string {
  return join(cacheDir(), 'hf', ...spec.repo.split('/'), spec.revision ?? 'main', ...spec.file.split('/'));
}

/** The local path of a hub file, downloading it into the cache when allowed. */
export async function resolveHfFile(spec: HfFileSpec, options: HfResolveOptions = {}): Promise<ResolvedHfFile> {
  const cached = hfCachePath(spec);
  if (existsSync(cached)) return { path: cached, from: 'cache' };
  const url = hfFileUrl(spec);
  const allow = options.download ?? !setting('offline');
  if (!allow) {
    throw new Error(
      `${spec.repo}/${spec.file} is not in the cache (${cached}) and downloads are off (RMW_OFFLINE=1). ` +
        `Unset RMW_OFFLINE to download it from ${url}, or place the file at that cache path.`,
    );
  }
  const headers: Record<string, string> = {};
  const token = setting('hfToken');
  if (token) headers.authorization = `Bearer ${token}`;
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, { headers, redirect: 'follow' });
  } catch (err) {
    throw new Error(
      `${spec.repo}/${spec.file}: download from ${url} failed (${(err as Error).message}); without internet, ` +
        `set RMW_OFFLINE=1 and use the offline sources`,
    );
  }
  if (response.status === 401 || response.status === 403) {
    throw new Error(
      `${spec.repo}/${spec.file}: the hub answered HTTP ${response.status}; this dataset is gated: accept its ` +
        `terms on huggingface.co and set HF_TOKEN`,
    );
  }
  if (!response.ok) throw new Error(`${spec.repo}/${spec.file}: download from ${url} answered HTTP ${response.status}`);
  const maxBytes = options.maxBytes ?? 2 * 1024 ** 3;
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes)
    throw new Error(`${spec.repo}/${spec.file} is ${declared} bytes, over the download cap of ${maxBytes}`);
  const body = new Uint8Array(await response.arrayBuffer());
  if (body.byteLength > maxBytes) throw new Error(`${spec.repo}/${spec.file}: download exceeded ${maxBytes} bytes`);
  mkdirSync(dirname(cached), { recursive: true });
  writeFileAtomic(cached, body);
  return { path: cached, from: 'download', sha256: sha256Hex(body) };
}

/** sha256 of a resolved file (for run records). */
export function hfFileSha256(path: string): string {
  return sha256Hex(readFileSync(path));
}
