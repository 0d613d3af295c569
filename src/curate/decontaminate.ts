// Decontamination by n-gram overlap: a training pair is flagged when one of its user turns shares at least
// `threshold` distinct word n-grams with one benchmark prompt. The paper's table counts ">7-gram" matches
// (paper-facts §2.5 [T]), so the default is n = 8 with threshold 1. Normalisation is the shared one in
// src/data/ngrams.ts (NFKC, lowercase, word tokens of letters/digits), so evaluation's contamination table flags
// the same overlaps. A benchmark prompt shorter than n words can share no n-gram; it is matched when a user turn
// equals it word for word (shortExact, default on), or it would escape the check entirely.
import { fastWordTokens, tokenHash } from '../data/wordTokens.js';
import type { PreferencePair } from '../data/schema.js';
import { DropCounter, stepReport, type StepReport } from './report.js';

export interface BenchmarkPrompt {
  /** Benchmark id, e.g. "llmbar", "hep", "xstest", "rmbench", "judgebench", "mt-bench". */
  benchmark: string;
  /** Item id within the benchmark. */
  id: string;
  text: string;
}

export interface DecontamOptions {
  n?: number;
  /** Distinct shared n-grams with ONE benchmark prompt needed to flag a pair (default 1). */
  threshold?: number;
  shortExact?: boolean;
  /** The texts of a pair to check (default: each user turn; the last turn when there is no user role). */
  textsOf?: (p: PreferencePair) => string[];
  scope?: string;
}

export interface DecontamFlag {
  pairId: string;
  source: string;
  benchmark: string;
  benchmarkItemId: string;
  /** The first shared n-gram (normalised words), or the whole prompt for a short exact match. */
  ngram: string;
  /** Distinct n-grams shared with that benchmark prompt. */
  matches: number;
}

export interface DecontamResult {
  items: PreferencePair[];
  flagged: DecontamFlag[];
  report: StepReport;
  /** Per benchmark: how many of its prompts match at least one flagged training prompt (paper-facts §2.5 column 1). */
  benchmarkPromptsMatched: Record<string, number>;
}

export function userTurnTexts(p: PreferencePair): string[] {
  const t = p.prompt.filter((m) => m.role === 'user').map((m) => m.content);
  return t.length ? t : p.prompt.length ? [p.prompt[p.prompt.length - 1].content] : [];
}

// Two 32-bit hashes of a window of token hashes; a slot matches only when both agree, and every hit is then
// verified word for word, so a hash collision can never flag a pair.
function windowHashes(th: Uint32Array, start: number, n: number, out: Uint32Array): void {
  let h1 = 0x811c9dc5 | 0,
    h2 = 0x9e3779b9 | 0;
  for (let k = start; k < start + n; k++) {
    const t = th[k] | 0;
    h1 = Math.imul(h1 ^ t, 0x01000193);
    h2 = Math.imul((h2 + t) | 0, 0x85ebca6b | 0) ^ (h2 >>> 13);
  }
  out[0] = h1 >>> 0;
  out[1] = h2 >>> 0;
}

const VOCAB_BITS = 1 << 22;
const BIGRAM_BITS = 1 << 24;

function bigramBit(a: number, b: number): number {
  return (Math.imul(a ^ Math.imul(b, 0x9e3779b1 | 0), 0x85ebca6b | 0) >>> 7) & (BIGRAM_BITS - 1);
}

/**
 * An index of benchmark prompts, built once and reused across sources. Lookups go through an open-addressing table
 * over typed arrays (a JS Map with number keys was several times slower for the 80K x 3K case,
 * bench/curate-decontam.ts), and windows containing a word or a word bigram that no benchmark prompt has are skipped
 * through bitsets of benchmark word and bigram hashes (a false positive only costs a lookup, never a wrong flag).
 */
export class BenchmarkNgramIndex {
  readonly n: number;
  readonly prompts: readonly BenchmarkPrompt[];
  private readonly docs: string[][] = [];
  private readonly vocabBits = new Uint8Array(VOCAB_BITS >>> 3);
  private readonly bigramBits = new Uint8Array(BIGRAM_BITS >>> 3);
  private readonly mask: number;
  private readonly slotH1: Uint32Array;
  private readonly slotH2: Uint32Array;
  private readonly slotHead: Int32Array;
  private entryDoc: Int32Array;
  private entryPos: Int32Array;
  private entryNext: Int32Array;
  private entries = 0;
  private readonly short = new Map<string, number[]>();

  constructor(prompts: readonly BenchmarkPrompt[], n = 8) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`n-gram size must be a positive integer, got ${n}`);
    this.n = n;
    this.prompts = prompts;
    let windows = 0;
    for (const bp of prompts) {
      const toks = fastWordTokens(bp.text);
      this.docs.push(toks);
      windows += Math.max(0, toks.length - n + 1);
    }
    let size = 1024;
    while (size < windows * 2) size *= 2;
    this.mask = size - 1;
    this.slotH1 = new Uint32Array(size);
    this.slotH2 = new Uint32Array(size);
    this.slotHead = new Int32Array(size).fill(-1);
    this.entryDoc = new Int32Array(windows);
    this.entryPos = new Int32Array(windows);
    this.entryNext = new Int32Array(windows);
    const hh = new Uint32Array(2);
    this.docs.forEach((toks, doc) => {
      const th = Uint32Array.from(toks, tokenHash);
      for (const h of th) this.vocabBits[(h & (VOCAB_BITS - 1)) >>> 3] |= 1 << (h & 7);
      for (let i = 1; i < th.length; i++) {
        const b = bigramBit(th[i - 1], th[i]);
        this.bigramBits[b >>> 3] |= 1 << (b & 7);
      }
      if (toks.length > 0 && toks.length < n) {
        const k = toks.join(' ');
        const l = this.short.get(k);
        if (l) l.push(doc);
        else this.short.set(k, [doc]);
      }
      for (let p = 0; p + n <= th.length; p++) {
        windowHashes(th, p, n, hh);
        const slot = this.findSlot(hh[0], hh[1]);
        if (this.slotHead[slot] < 0) {
          this.slotH1[slot] = hh[0];
          this.slotH2[slot] = hh[1];
        }
        const e = this.entries++;
        this.entryDoc[e] = doc;
        this.entryPos[e] = p;
        this.entryNext[e] = this.slotHead[slot];
        this.slotHead[slot] = e;
      }
    });
  }

  /** The slot holding (h1, h2), or the empty slot where it would go. */
  private findSlot(h1: number, h2: number): number {
    let slot = h1 & this.mask;
    while (this.slotHead[slot] >= 0 && (this.slotH1[slot] !== h1 || this.slotH2[slot] !== h2))
      slot = (slot + 1) & this.mask;
    return slot;
  }

  /** Per benchmark doc: the distinct shared n-grams with `text` (n-gram strings), plus short exact matches. */
  match(text: string, shortExact: boolean): Map<number, Set<string>> {
    const toks = fastWordTokens(text);
    const n = this.n;
    const hits = new Map<number, Set<string>>();
    const add = (doc: number, g: string) => {
      const s = hits.get(doc);
      if (s) s.add(g);
      else hits.set(doc, new Set([g]));
    };
    if (shortExact && toks.length > 0 && toks.length < n) {
      const k = toks.join(' ');
      for (const doc of this.short.get(k) ?? []) add(doc, k);
    }
    if (toks.length < n) return hits;
    const th = new Uint32Array(toks.length);
    const hh = new Uint32Array(2);
    let lastUnknown = -1;
    for (let end = 0; end < toks.length; end++) {
      const h = (th[end] = tokenHash(toks[end]));
      if ((this.vocabBits[(h & (VOCAB_BITS - 1)) >>> 3] & (1 << (h & 7))) === 0) {
        lastUnknown = end;
        continue;
      }
      if (end > 0) {
        // a window can only match if each of its bigrams occurs in some benchmark prompt
        const b = bigramBit(th[end - 1], h);
        if ((this.bigramBits[b >>> 3] & (1 << (b & 7))) === 0) {
          lastUnknown = end - 1;
        }
      }
      const start = end - n + 1;
      if (start < 0 || lastUnknown >= start) continue;
      windowHashes(th, start, n, hh);
      const slot = this.findSlot(hh[0], hh[1]);
      for (let e = this.slotHead[slot]; e >= 0; e = this.entryNext[e]) {
        const d = this.docs[this.entryDoc[e]],
          pos = this.entryPos[e];
        let same = true;
        for (let k = 0; k < n && same; k++) same = d[pos + k] === toks[start + k];
        if (same) add(this.entryDoc[e], toks.slice(start, start + n).join(' '));
      }
    }
    return hits;
  }
}

export function decontaminateByNgram(
  pairs: readonly PreferencePair[],
  benchmarks: readonly BenchmarkPrompt[] | BenchmarkNgramIndex,
  options: DecontamOptions = {},
): DecontamResult {
  const n = options.n ?? (benchmarks instanceof BenchmarkNgramIndex ? benchmarks.n : 8);
  const index = benchmarks instanceof BenchmarkNgramIndex ? benchmarks : new BenchmarkNgramIndex(benchmarks, n);
  if (index.n !== n) throw new Error(`index built with n = ${index.n}, asked for n = ${n}`);
  const threshold = options.threshold ?? 1;
  const shortExact = options.shortExact ?? true;
  const textsOf = options.textsOf ?? userTurnTexts;
  const drops = new DropCounter();
  const flagged: DecontamFlag[] = [];
  const matchedDocs = new Set<number>();
  const items: PreferencePair[] = [];
  for (const p of pairs) {
    let best: { doc: number; grams: Set<string> } | undefined;
    const perDoc = new Map<number, Set<string>>();
    for (const text of textsOf(p)) {
      for (const [doc, grams] of index.match(text, shortExact)) {
        const s = perDoc.get(doc);
        if (s) for (const g of grams) s.add(g);
        else perDoc.set(doc, new Set(grams));
      }
    }
    for (const [doc, grams] of perDoc) {
      if (grams.size < threshold) continue;
      matchedDocs.add(doc);
      if (!best || grams.size > best.grams.size || (grams.size === best.grams.size && doc < best.doc))
        best = { doc, grams };
    }
    if (!best) {
      items.push(p);
      continue;
    }
    const bp = index.prompts[best.doc];
    drops.drop(`n-gram overlap with ${bp.benchmark}`);
    flagged.push({
      pairId: p.id,
      source: p.source,
      benchmark: bp.benchmark,
      benchmarkItemId: bp.id,
      ngram: [...best.grams][0],
      matches: best.grams.size,
    });
  }
  const benchmarkPromptsMatched: Record<string, number> = {};
  for (const doc of [...matchedDocs].sort((a, b) => a - b)) {
    const b = index.prompts[doc].benchmark;
    benchmarkPromptsMatched[b] = (benchmarkPromptsMatched[b] ?? 0) + 1;
  }
  const report = stepReport(
    'decontaminateByNgram',
    pairs.length,
    items.length,
    drops.counts,
    {
      n,
      threshold,
      shortExact,
      benchmarkPrompts: index.prompts.length,
      normalisation: 'NFKC, lowercase, word tokens [\\p{L}\\p{N}]+ (src/data/ngrams.ts)',
      texts: 'each user turn',
      benchmarkPromptsMatched,
    },
    options.scope !== undefined ? { scope: options.scope } : {},
  );
  return { items, flagged, report, benchmarkPromptsMatched };
}
