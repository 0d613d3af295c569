// Duplicate removal. exactDedup drops later pairs whose normalised key repeats an earlier one; nearDedup drops
// later pairs whose prompt is a near duplicate of a kept one: MinHash signatures of word shingles (seeded hash
// functions), LSH banding to find candidates, then the estimated Jaccard similarity (share of equal signature
// slots) must reach `threshold`. The first occurrence always survives, so the result depends on input order.
import { fastWordTokens as wordTokens, tokenHash } from '../data/wordTokens.js';
import { lastUserText, type PreferencePair } from '../data/schema.js';
import { createRng } from '../util/rng.js';
import { DropCounter, stepReport, type StepResult } from './report.js';

export type DedupKey = 'prompt' | 'prompt+responses';

function keyOf(p: PreferencePair, key: DedupKey): string {
  const prompt = p.prompt.map((m) => `${m.role}:${wordTokens(m.content).join(' ')}`).join('\u0001');
  if (key === 'prompt') return prompt;
  return `${prompt}\u0002${wordTokens(p.chosen).join(' ')}\u0002${wordTokens(p.rejected).join(' ')}`;
}

/** Drops pairs whose normalised prompt (and, by default, both responses) repeat an earlier pair's. */
export function exactDedup(
  pairs: readonly PreferencePair[],
  options: { key?: DedupKey; scope?: string } = {},
): StepResult<PreferencePair> {
  const key = options.key ?? 'prompt+responses';
  const seen = new Set<string>();
  const drops = new DropCounter();
  const out: PreferencePair[] = [];
  for (const p of pairs) {
    const k = keyOf(p, key);
    if (seen.has(k)) {
      drops.drop('exact duplicate');
      continue;
    }
    seen.add(k);
    out.push(p);
  }
  return {
    items: out,
    report: stepReport(
      'exactDedup',
      pairs.length,
      out.length,
      drops.counts,
      { key, normalisation: 'word tokens (src/data/ngrams.ts) of every turn' },
      options.scope !== undefined ? { scope: options.scope } : {},
    ),
  };
}

export interface MinHashOptions {
  /** Words per shingle (default 3). */
  shingle?: number;
  /** LSH bands x rows = signature length (defaults 8 x 4 = 32: a pair at Jaccard 0.8 becomes a candidate with p =
   * 0.985). */
  bands?: number;
  rows?: number;
  /** Estimated Jaccard at or above which a pair is a near duplicate (default 0.8). */
  threshold?: number;
  seed?: number;
  /** The text compared (default: last user turn). */
  textOf?: (p: PreferencePair) => string;
  scope?: string;
}

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** MinHash signature of a text's word shingles under `seeds.length` seeded hash functions. */
export function minHashSignature(text: string, seeds: Uint32Array, shingle = 3): Uint32Array {
  const th = Uint32Array.from(wordTokens(text), tokenHash);
  const sig = new Uint32Array(seeds.length).fill(0xffffffff);
  const count = Math.max(1, th.length - shingle + 1);
  for (let i = 0; i < count; i++) {
    let h = 0x811c9dc5 | 0;
    for (let k = i; k < Math.min(i + shingle, th.length); k++) h = Math.imul(h ^ th[k], 0x01000193);
    h >>>= 0;
    for (let k = 0; k < seeds.length; k++) {
      const v = mix32(h ^ seeds[k]);
      if (v < sig[k]) sig[k] = v;
    }
  }
  return sig;
}

export function minHashSeeds(count: number, seed: number): Uint32Array {
  const rng = createRng(seed);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) out[i] = Math.floor(rng.next() * 4294967296) >>> 0;
  return out;
}

export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** Near-duplicate removal by MinHash + LSH (see the file comment). */
export function nearDedup(pairs: readonly PreferencePair[], options: MinHashOptions = {}): StepResult<PreferencePair> {
  const shingle = options.shingle ?? 3,
    bands = options.bands ?? 8,
    rows = options.rows ?? 4;
  const threshold = options.threshold ?? 0.8,
    seed = options.seed ?? 0;
  const textOf = options.textOf ?? ((p: PreferencePair) => lastUserText(p.prompt));
  const seeds = minHashSeeds(bands * rows, seed);
  const buckets: Map<number, number[]>[] = Array.from({ length: bands }, () => new Map());
  const kept: { p: PreferencePair; sig: Uint32Array }[] = [];
  const drops = new DropCounter();
  for (const p of pairs) {
    const sig = minHashSignature(textOf(p), seeds, shingle);
    const keys: number[] = [];
    let dup = false;
    const tried = new Set<number>();
    for (let b = 0; b < bands; b++) {
      // band key: a 30-bit hash of the band's rows (a collision only adds a candidate, verified below)
      let key = b | 0;
      for (let r = b * rows; r < (b + 1) * rows; r++) key = Math.imul(key ^ sig[r], 0x9e3779b1 | 0) ^ (key >>> 15);
      key &= 0x3fffffff;
      keys.push(key);
      if (dup) continue;
      for (const j of buckets[b].get(key) ?? []) {
        if (tried.has(j)) continue;
        tried.add(j);
        if (estimatedJaccard(sig, kept[j].sig) >= threshold) {
          dup = true;
          break;
        }
      }
    }
    if (dup) {
      drops.drop('near duplicate');
      continue;
    }
    const idx = kept.length;
    kept.push({ p, sig });
    keys.forEach((key, b) => {
      const l = buckets[b].get(key);
      if (l) l.push(idx);
      else buckets[b].set(key, [idx]);
    });
  }
  return {
    items: kept.map((k) => k.p),
    report: stepReport(
      'nearDedup',
      pairs.length,
      kept.length,
      drops.counts,
      { method: 'MinHash + LSH', shingle, bands, rows, threshold, seed, text: 'last user turn, word tokens' },
      options.scope !== undefined ? { scope: options.scope } : {},
    ),
  };
}
