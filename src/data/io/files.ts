// File plumbing shared by the pair writers and readers: atomic writes (temp file + rename, so a crash never leaves
// a half-written table under the real name) and reading text that may be gzip-compressed, with errors that name
// the file and what is wrong with it (truncated gzip, invalid UTF-8).
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { InputError } from '../../util/errors.js';

/** Write bytes to `path` through a temporary file in the same folder and a rename. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

export function isGzipBytes(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The file's bytes, gunzipped when the name ends in .gz or the content starts with the gzip magic number. */
export function readMaybeGzip(path: string): Uint8Array {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (err) {
    throw new InputError(
      { file: path },
      `cannot read file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  if (!path.endsWith('.gz') && !isGzipBytes(raw)) return raw;
  if (!isGzipBytes(raw)) throw new InputError({ file: path }, 'named .gz but is not gzip data (no gzip header)');
  try {
    return gunzipSync(raw);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const what =
      code === 'Z_BUF_ERROR'
        ? 'gzip data is truncated (unexpected end of file)'
        : `gzip data is corrupt (${(err as Error).message})`;
    throw new InputError({ file: path }, what);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes as UTF-8 text (a leading BOM is dropped); invalid UTF-8 is an error naming the file. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new InputError({ file }, 'is not valid UTF-8 text');
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function readTextFile(path: string): string {
  return decodeUtf8(readMaybeGzip(path), path);
}
