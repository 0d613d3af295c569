// JSON Lines files of preference pairs: one pair per line, keys in schema order, absent optional fields omitted,
// `meta` keys sorted, so the same pairs always give the same bytes. Reading validates every line and names the
// 1-based line number (and field) of the first bad one. `.gz` files are read transparently.
import { InputError } from '../../util/errors.js';
import type { PreferencePair } from '../schema.js';
import { validatePair } from '../validate.js';
import { readTextFile, writeFileAtomic } from './files.js';

const KEY_ORDER = [
  'id',
  'source',
  'prompt',
  'chosen',
  'rejected',
  'margin',
  'chosenScore',
  'rejectedScore',
  'category',
  'chosenModel',
  'rejectedModel',
  'split',
  'subset',
  'meta',
] as const;

/** A pair as a plain object with a fixed key order (what JSONL lines and other text outputs print). */
export function orderedPair(pair: PreferencePair): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of KEY_ORDER) {
    const v = pair[key];
    if (v === undefined) continue;
    if (key === 'prompt') out.prompt = pair.prompt.map((m) => ({ role: m.role, content: m.content }));
    else if (key === 'meta') {
      const meta: Record<string, unknown> = {};
      for (const k of Object.keys(pair.meta!).sort()) meta[k] = pair.meta![k];
      out.meta = meta;
    } else out[key] = v;
  }
  return out;
}

export function pairsToJsonl(pairs: readonly PreferencePair[]): string {
  return pairs.map((p) => `${JSON.stringify(orderedPair(p))}\n`).join('');
}

export function writePairsJsonl(path: string, pairs: readonly PreferencePair[]): void {
  writeFileAtomic(path, pairsToJsonl(pairs));
}

export interface JsonLine {
  /** 1-based line number in the file. */
  line: number;
  value: unknown;
}

/** Parse JSON Lines text; blank lines are skipped; a bad line is an InputError naming the file and line. */
export function parseJsonl(text: string, file: string): JsonLine[] {
  const out: JsonLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    if (raw.trim() === '') continue;
    try {
      out.push({ line: i + 1, value: JSON.parse(raw) });
    } catch (err) {
      throw new InputError({ file, row: i + 1, rowKind: 'line' }, `corrupt JSON (${(err as Error).message})`);
    }
  }
  return out;
}

export function readPairsJsonl(path: string): PreferencePair[] {
  return parseJsonl(readTextFile(path), path).map(({ line, value }) =>
    validatePair(value, { file: path, row: line, rowKind: 'line' }),
  );
}
