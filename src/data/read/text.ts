// Reading a file's bytes and text: gzip is undone when the name ends in .gz or the bytes start with the gzip magic
// number; a missing file, a file named .gz that is not gzip, and a truncated or corrupt gzip stream are errors that
// name the file (and, for a broken stream, the first line that did not decompress whole).
import { readFileSync } from 'node:fs';
import { constants, gunzipSync } from 'node:zlib';
import { InputError } from '../../util/errors.js';
import { decodeText, type DecodedText } from './utf8.js';

/** The raw bytes of a file; a missing or unreadable file is an InputError naming it. */
export function readFileBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new InputError({ file: path }, `cannot read file (${code})`);
  }
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Whatever a broken gzip stream yields before its fault: used only to say where the file breaks. */
function partialGunzip(bytes: Uint8Array): Buffer {
  // Z_SYNC_FLUSH returns what a prefix decompresses to instead of failing at its end; the longest prefix that
  // decompresses without an error is found by bisection (a prefix fails exactly when it holds the damaged bytes).
  const upTo = (n: number): Buffer | undefined => {
    try {
      return gunzipSync(bytes.subarray(0, n), { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      return undefined;
    }
  };
  const whole = upTo(bytes.length);
  if (whole) return whole;
  let lo = 0;
  let hi = bytes.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (upTo(mid)) lo = mid;
    else hi = mid;
  }
  return upTo(lo) ?? Buffer.alloc(0);
}

function linesIn(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

/** The file's bytes with gzip undone (see the header for when). */
export function readFileMaybeGzip(path: string): Buffer {
  const raw = readFileBytes(path);
  if (!path.endsWith('.gz') && !isGzip(raw)) return raw;
  if (!isGzip(raw)) throw new InputError({ file: path }, 'named .gz but is not gzip data (no gzip header)');
  try {
    return gunzipSync(raw);
  } catch (err) {
    const truncated = (err as NodeJS.ErrnoException).code === 'Z_BUF_ERROR';
    const what = truncated ? 'truncated gzip (unexpected end of file)' : `corrupt gzip (${(err as Error).message})`;
    const complete = linesIn(partialGunzip(raw));
    throw new InputError(
      { file: path, row: complete + 1, rowKind: 'line' },
      `${what}; ${complete} complete lines decompressed before the fault`,
    );
  }
}

/** A text file (plain or gzip) decoded as UTF-8; bad bytes are marked for the record readers (see utf8.ts). */
export function readTextMarked(path: string): DecodedText {
  return decodeText(readFileMaybeGzip(path));
}

/** A whole text file (plain or gzip) as UTF-8; bytes that are not UTF-8 are an error naming the file and line. */
export function readText(path: string): string {
  const { text, marker } = readTextMarked(path);
  if (marker !== undefined) {
    const line = text.slice(0, text.indexOf(marker)).split('\n').length;
    throw new InputError({ file: path, row: line, rowKind: 'line' }, 'is not valid UTF-8 text');
  }
  return text;
}
