// The first or last N BPE ids of a text without tokenising all of it, so a 50 MB response costs about what reading
// it costs (issue: whole-text BPE is worse than linear on long runs of one character class).
//
// Why the result equals "encode everything, then slice": cl100k_base first splits text with a regular expression
// into pre-tokens ("chunks": a word with its leading space, up to 3 digits, a punctuation run, a whitespace run) and
// runs BPE inside each chunk; no id spans two chunks. So the first N ids come from the first N chunks (each chunk
// gives at least one id), and the last N ids from the last N chunks. The head is found by matching chunks lazily
// from the start. For the tail, matching must start where the whole-text split has a boundary; two kinds of place
// always are one (checked against the split pattern, alternative by alternative):
//   - a space followed by a letter (the space opens the next word's chunk; no earlier alternative takes a space
//     that is followed by a non-space), and
//   - a line break followed by a non-space (every alternative that can hold a line break ends at the last one).
// The tail starts at such a place close to the end (or at 0) and widens until it holds N ids.
//
// The one approximation: a single chunk longer than MAX_CHUNK_CHARS (a run of 40,000 spaces, say) is cut to that
// many characters before BPE, whose cost grows faster than linearly with chunk length. The longest chunk in the
// workbench's 52 source files is 29,857 characters (an AlpacaEval output of spaces), so real data is never cut.
import { CL100K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import { encodeText } from './tokenizer.js';

/** The longest cl100k_base token, in characters (128 spaces): N ids never cover more than 128·N characters. */
export const MAX_TOKEN_CHARS = 128;
/** A chunk longer than this is cut before BPE (see the header); at least the longest chunk of our real data. */
export const MAX_CHUNK_CHARS = 32_768;
/** Texts up to this length are encoded whole (cached, shared by both sides of a pair), then sliced. */
export const WHOLE_TEXT_CHARS = 16_384;

export interface TokenBudgetOptions {
  /** Tests lower these to reach the bounded paths with small inputs. */
  wholeTextChars?: number;
  maxChunkChars?: number;
}

const LETTER = /\p{L}/u;
const SPACE = /\s/u;

/** The first `n` ids of encodeText(text). */
export function encodeTextHead(text: string, n: number, options: TokenBudgetOptions = {}): Int32Array {
  if (n <= 0) return new Int32Array(0);
  const whole = options.wholeTextChars ?? WHOLE_TEXT_CHARS;
  if (text.length <= whole) return sliceHead(encodeText(text), n);
  const cap = options.maxChunkChars ?? MAX_CHUNK_CHARS;
  const out: number[] = [];
  const split = new RegExp(CL100K_TOKEN_SPLIT_REGEX.source, 'gu');
  let m: RegExpExecArray | null;
  while (out.length < n && (m = split.exec(text)) !== null) {
    const chunk = m[0];
    if (chunk.length > cap) {
      pushAll(out, encodeText(chunk.slice(0, cap)));
      break; // the rest of this chunk is unknown, so nothing after it may follow
    }
    pushAll(out, encodeText(chunk));
  }
  return Int32Array.from(out.length > n ? out.slice(0, n) : out);
}

/** The last `n` ids of encodeText(text). */
export function encodeTextTail(text: string, n: number, options: TokenBudgetOptions = {}): Int32Array {
  if (n <= 0) return new Int32Array(0);
  const whole = options.wholeTextChars ?? WHOLE_TEXT_CHARS;
  if (text.length <= whole) return sliceTail(encodeText(text), n);
  const cap = options.maxChunkChars ?? MAX_CHUNK_CHARS;
  // Start about 8 characters per wanted id before the end (English runs 4); widen until the tail holds n ids.
  for (let window = Math.max(64, 8 * n); ; window *= 4) {
    const start = boundaryAtOrBefore(text, Math.max(0, text.length - window));
    const ids = tailFrom(text, start, n, cap);
    if (ids.length >= n || start === 0) return sliceTail(ids, n);
  }
}

/** The last n ids of the chunks of text[start..]: chunk positions kept in a ring of n, then BPE from the end. */
function tailFrom(text: string, start: number, n: number, cap: number): Int32Array {
  const starts = new Int32Array(n),
    ends = new Int32Array(n);
  let count = 0;
  const split = new RegExp(CL100K_TOKEN_SPLIT_REGEX.source, 'gu');
  split.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = split.exec(text)) !== null) {
    starts[count % n] = m.index;
    ends[count % n] = m.index + m[0].length;
    count++;
  }
  const pieces: Int32Array[] = [];
  let have = 0;
  for (let k = count - 1; k >= Math.max(0, count - n) && have < n; k--) {
    const a = starts[k % n],
      b = ends[k % n];
    if (b - a > cap) {
      pieces.push(encodeText(text.slice(b - cap, b)));
      have += pieces[pieces.length - 1].length;
      break; // the part of this chunk before the cut is unknown, so nothing before it may precede
    }
    pieces.push(encodeText(text.slice(a, b)));
    have += pieces[pieces.length - 1].length;
  }
  const out = new Int32Array(have);
  let at = have;
  for (const p of pieces) {
    at -= p.length;
    out.set(p, at);
  }
  return out;
}

/** The last place at or before `pos` where the whole-text split surely has a chunk boundary (see the header). */
function boundaryAtOrBefore(text: string, pos: number): number {
  for (let i = pos; i > 0; i--) {
    const before = text[i - 1],
      at = text.codePointAt(i)!;
    const here = String.fromCodePoint(at);
    if (before === ' ' && LETTER.test(here)) return i - 1;
    if ((before === '\n' || before === '\r') && !SPACE.test(here)) return i;
  }
  return 0;
}

function sliceHead(ids: Int32Array, n: number): Int32Array {
  return ids.length > n ? ids.subarray(0, n) : ids;
}

function sliceTail(ids: Int32Array, n: number): Int32Array {
  return ids.length > n ? ids.subarray(ids.length - n) : ids;
}

function pushAll(out: number[], ids: Int32Array): void {
  for (let i = 0; i < ids.length; i++) out.push(ids[i]);
}
