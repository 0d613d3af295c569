// The one UTF-8 decoder of every reader (text, JSON, JSON Lines, CSV, Parquet, Arrow): fatal, so bytes that are not
// UTF-8 are never turned into U+FFFD silently. Whole text files that fail are decoded once more with each bad byte
// replaced by a marker character the file does not otherwise contain, so the readers can name the record and field
// that holds the bad bytes instead of refusing the whole file.
import { RowProblem, WHOLE_RECORD } from './problem.js';

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The quarantine reason of a string whose bytes are not UTF-8. */
export const INVALID_UTF8 = 'invalid-utf8';

/** The problem raised for a field whose bytes are not UTF-8. */
export function invalidUtf8(field: string): RowProblem {
  return new RowProblem(INVALID_UTF8, field, 'holds bytes that are not valid UTF-8');
}

/** The bytes as text, or undefined when they are not valid UTF-8. */
export function utf8OrUndefined(bytes: Uint8Array): string | undefined {
  try {
    return fatal.decode(bytes);
  } catch {
    return undefined;
  }
}

export interface DecodedText {
  /** The text, a leading byte-order mark dropped. */
  text: string;
  /** Set when some bytes were not UTF-8: each bad byte sequence stands as this character in `text`. */
  marker?: string;
}

const isCont = (b: number | undefined) => b !== undefined && b >= 0x80 && b <= 0xbf;
const inRange = (b: number | undefined, lo: number, hi: number) => b !== undefined && b >= lo && b <= hi;

/** Length of the well-formed UTF-8 sequence starting at `i` (Unicode Table 3-7), or 0 when it is not one. */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) return isCont(b[i + 1]) ? 2 : 0;
  if (c === 0xe0) return inRange(b[i + 1], 0xa0, 0xbf) && isCont(b[i + 2]) ? 3 : 0;
  if (c === 0xed) return inRange(b[i + 1], 0x80, 0x9f) && isCont(b[i + 2]) ? 3 : 0;
  if (c >= 0xe1 && c <= 0xef) return isCont(b[i + 1]) && isCont(b[i + 2]) ? 3 : 0;
  if (c === 0xf0) return inRange(b[i + 1], 0x90, 0xbf) && isCont(b[i + 2]) && isCont(b[i + 3]) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return isCont(b[i + 1]) && isCont(b[i + 2]) && isCont(b[i + 3]) ? 4 : 0;
  if (c === 0xf4) return inRange(b[i + 1], 0x80, 0x8f) && isCont(b[i + 2]) && isCont(b[i + 3]) ? 4 : 0;
  return 0;
}

/** A private-use character that does not occur in `text`. */
function freeMarker(text: string): string {
  for (let c = 0xe000; c <= 0xf8ff; c++) {
    const ch = String.fromCharCode(c);
    if (!text.includes(ch)) return ch;
  }
  throw new Error('no free private-use character to mark bytes that are not UTF-8');
}

/** Text file bytes decoded; bytes that are not UTF-8 become `marker` (see DecodedText). */
export function decodeText(bytes: Uint8Array): DecodedText {
  let text = utf8OrUndefined(bytes);
  let marker: string | undefined;
  if (text === undefined) {
    const pieces: string[] = [];
    let start = 0;
    let i = 0;
    while (i < bytes.length) {
      const n = sequenceLength(bytes, i);
      if (n > 0) {
        i += n;
        continue;
      }
      pieces.push(fatal.decode(bytes.subarray(start, i)));
      pieces.push('\0');
      i++;
      while (i < bytes.length && sequenceLength(bytes, i) === 0) i++;
      start = i;
    }
    pieces.push(fatal.decode(bytes.subarray(start)));
    marker = freeMarker(pieces.filter((_, k) => k % 2 === 0).join(''));
    text = pieces.map((p, k) => (k % 2 === 1 ? marker : p)).join('');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return marker === undefined ? { text } : { text, marker };
}

/** Dotted path of the first string (key or value) inside `value` that holds `marker`, or undefined. */
export function markedField(value: unknown, marker: string, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes(marker) ? path || WHOLE_RECORD : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = markedField(value[i], marker, `${path}[${i}]`);
      if (hit) return hit;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const at = path ? `${path}.${k}` : k;
      if (k.includes(marker)) return at;
      const hit = markedField(v, marker, at);
      if (hit) return hit;
    }
  }
  return undefined;
}
