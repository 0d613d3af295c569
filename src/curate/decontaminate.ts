// Decontamination by n-gram overlap: a training pair is flagged when one of its user turns shares at least
// `threshold` distinct word n-grams with one benchmark prompt. The paper's table counts ">7-gram" matches
// (paper-facts §2.5 [T]), so the default is n = 8 with threshold 1. Normalisation is the shared one in
// src/data/ngrams.ts (NFKC, lowercase, word tokens of letters/digits), so evaluation's contamination table flags
// the same overlaps. A benchmark prompt shorter than n words can share no n-gram; it is matched when a user turn
// equals it word for word (shortExact, default on), or it would escape the check entirely.
import { wordTokens } from '../data/ngrams.js';
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

// Two 32-bit FNV-style hashes over token ids, packed into one 53-bit-safe key; every hit is verified word for word.
function windowKey(ids: Int32Array, start: number, n: number): number {
  let h1 = 0x811c9dc5, h2 = 0x01000193;
  for (let k = start; k < start + n; k++) {
    h1 = Math.imul(h1 ^ ids[k], 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ (ids[k] + 0x9e3779b9), 0x85ebca6b) >>> 0;
  }
  return h1 * 0x200000 + (h2 & 0x1fffff);
}

/** An index of benchmark prompts, built once and reused across sources. */
export class BenchmarkNgramIndex {
  readonly n: number;
  readonly prompts: readonly BenchmarkPrompt[];
  private readonly vocab = new Map<string, number>();
  private readonly docs: Int32Array[] = [];
  private readonly windows = new Map<number, number[]>(); // key -> [doc, pos, doc, pos, ...]
  private readonly short = new Map<string, number[]>();

  constructor(prompts: readonly BenchmarkPrompt[], n = 8) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`n-gram size must be a positive integer, got ${n}`);
    this.n = n;
    this.prompts = prompts;
    prompts.forEach((bp, doc) => {
      const toks = wordTokens(bp.text);
      const ids = new Int32Array(toks.length);
      toks.forEach((t, i) => {
        let id = this.vocab.get(t);
        if (id === undefined) { id = this.vocab.size; this.vocab.set(t, id); }
        ids[i] = id;
      });
      this.docs.push(ids);
      if (toks.length > 0 && toks.length < n) {
        const k = toks.join(' ');
        const l = this.short.get(k);
        if (l) l.push(doc); else this.short.set(k, [doc]);
      }
      for (let p = 0; p + n <= ids.length; p++) {
        const key = windowKey(ids, p, n);
        const l = this.windows.get(key);
        if (l) l.push(doc, p); else this.windows.set(key, [doc, p]);
      }
    });
  }

  /** Per benchmark doc: the distinct shared n-grams with `text` (n-gram strings), plus short exact matches. */
  match(text: string, shortExact: boolean): Map<number, Set<string>> {
    const toks = wordTokens(text);
    const n = this.n;
    const hits = new Map<number, Set<string>>();
    const add = (doc: number, g: string) => {
      const s = hits.get(doc);
      if (s) s.add(g); else hits.set(doc, new Set([g]));
    };
    if (shortExact && toks.length > 0 && toks.length < n) {
      const k = toks.join(' ');
      for (const doc of this.short.get(k) ?? []) add(doc, k);
    }
    if (toks.length < n) return hits;
    const ids = new Int32Array(toks.length);
    let lastUnknown = -1;
    for (let i = 0; i < toks.length; i++) ids[i] = this.vocab.get(toks[i]) ?? -1;
    for (let end = 0; end < ids.length; end++) {
      if (ids[end] < 0) { lastUnknown = end; continue; }
      const start = end - n + 1;
      if (start < 0 || lastUnknown >= start) continue;
      const list = this.windows.get(windowKey(ids, start, n));
      if (!list) continue;
      for (let j = 0; j < list.length; j += 2) {
        const doc = list[j], pos = list[j + 1], d = this.docs[doc];
        let same = true;
        for (let k = 0; k < n && same; k++) same = d[pos + k] === ids[start + k];
        if (same) add(doc, toks.slice(start, start + n).join(' '));
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
        if (s) for (const g of grams) s.add(g); else perDoc.set(doc, new Set(grams));
      }
    }
    for (const [doc, grams] of perDoc) {
      if (grams.size < threshold) continue;
      matchedDocs.add(doc);
      if (!best || grams.size > best.grams.size || (grams.size === best.grams.size && doc < best.doc)) best = { doc, grams };
    }
    if (!best) { items.push(p); continue; }
    const bp = index.prompts[best.doc];
    drops.drop(`n-gram overlap with ${bp.benchmark}`);
    flagged.push({ pairId: p.id, source: p.source, benchmark: bp.benchmark, benchmarkItemId: bp.id,
      ngram: [...best.grams][0], matches: best.grams.size });
  }
  const benchmarkPromptsMatched: Record<string, number> = {};
  for (const doc of [...matchedDocs].sort((a, b) => a - b)) {
    const b = index.prompts[doc].benchmark;
    benchmarkPromptsMatched[b] = (benchmarkPromptsMatched[b] ?? 0) + 1;
  }
  const report = stepReport('decontaminateByNgram', pairs.length, items.length, drops.counts, {
    n, threshold, shortExact, benchmarkPrompts: index.prompts.length,
    normalisation: 'NFKC, lowercase, word tokens [\\p{L}\\p{N}]+ (src/data/ngrams.ts)', texts: 'each user turn',
    benchmarkPromptsMatched,
  }, options.scope !== undefined ? { scope: options.scope } : {});
  return { items, flagged, report, benchmarkPromptsMatched };
}
