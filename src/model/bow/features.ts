// Hashed bag-of-n-grams features of an encoded (prompt, response): unigrams and bigrams of BPE ids, counted
// separately for the prompt and the response, hashed into 2^k buckets, value log(1 + count).
//
// Hash: FNV-1a (32-bit) over the 32-bit words [segment·4 + order, id1, id2] (bytes little-endian), then the
// murmur3 finaliser (fmix32) so the low bits used as the bucket index are well mixed. The segment tag keeps
// "token in the prompt" and "token in the response" apart; order tags unigram (1) against bigram (2).
import type { EncodedItem } from '../trainable.js';

export interface SparseFeatures {
  /** Bucket indices, strictly increasing. */
  indices: Int32Array;
  /** log1p(count) per bucket. */
  values: Float32Array;
}

export interface FeatureOptions {
  /** log2 of the number of buckets. */
  hashBits: number;
  /** Include bigrams (true) or unigrams only. */
  bigrams: boolean;
  /** Also featurise the prompt (default true); false = response features only. */
  promptFeatures?: boolean;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnvWord(h: number, w: number): number {
  h = Math.imul(h ^ (w & 0xff), FNV_PRIME);
  h = Math.imul(h ^ ((w >>> 8) & 0xff), FNV_PRIME);
  h = Math.imul(h ^ ((w >>> 16) & 0xff), FNV_PRIME);
  return Math.imul(h ^ (w >>> 24), FNV_PRIME);
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The 32-bit hash of an n-gram feature (exported for tests and for the PyTorch benchmark's cross-check). */
export function ngramHash(segment: number, order: 1 | 2, id1: number, id2 = 0): number {
  let h = fnvWord(FNV_OFFSET, segment * 4 + order);
  h = fnvWord(h, id1);
  if (order === 2) h = fnvWord(h, id2);
  return fmix32(h);
}

let scratch = new Int32Array(4096);

/** Sparse features of one item (segment 0 = prompt ids, 1 = response ids; bigrams never cross the boundary). */
export function itemFeatures(item: EncodedItem, options: FeatureOptions): SparseFeatures {
  const { ids, promptLength } = item;
  const mask = (2 ** options.hashBits - 1) >>> 0;
  const maxN = 2 * ids.length;
  if (scratch.length < maxN) scratch = new Int32Array(maxN);
  let n = 0;
  for (let seg = options.promptFeatures === false ? 1 : 0; seg < 2; seg++) {
    const start = seg === 0 ? 0 : promptLength,
      end = seg === 0 ? promptLength : ids.length;
    for (let i = start; i < end; i++) {
      scratch[n++] = (ngramHash(seg, 1, ids[i]) & mask) | 0;
      if (options.bigrams && i > start) scratch[n++] = (ngramHash(seg, 2, ids[i - 1], ids[i]) & mask) | 0;
    }
  }
  const sorted = scratch.subarray(0, n).sort();
  let unique = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) unique++;
  const indices = new Int32Array(unique),
    values = new Float32Array(unique);
  let u = -1;
  for (let i = 0; i < n; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) {
      u++;
      indices[u] = sorted[i];
      values[u] = 1;
    } else values[u]++;
  }
  for (let i = 0; i < unique; i++) values[i] = Math.log1p(values[i]);
  return { indices, values };
}

/** Features remembered per encoded item object (items are immutable and shared, see tokenizer.ts). */
export class FeatureCache {
  private readonly map = new WeakMap<EncodedItem, SparseFeatures>();
  constructor(readonly options: FeatureOptions) {}
  get(item: EncodedItem): SparseFeatures {
    let f = this.map.get(item);
    if (!f) {
      f = itemFeatures(item, this.options);
      this.map.set(item, f);
    }
    return f;
  }
}
