// JSON Lines files of preference pairs: one pair per line, keys in schema order, absent optional fields omitted,
// `meta` keys sorted, so the same pairs always give the same bytes. Reading validates every line and names the
// 1-based line number (and field) of the first bad one. `.gz` files are read transparently.
import { writeFileAtomic } from '../../util/atomicWrite.js';
import { readJsonlRecords } from '../read/jsonl.js';
import type { PreferencePair } from '../schema.js';
import { pairsFromRecords } from './pairRecords.js';

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

/** Pairs from a JSONL file (plain or gzip); the first bad line fails the file, naming line and field. */
export function readPairsJsonl(path: string): PreferencePair[] {
  return pairsFromRecords(path, readJsonlRecords(path));
}
