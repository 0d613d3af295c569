// Word n-grams for prompt decontamination, shared by curation (decontaminateByNgram) and evaluation
// (contaminationTable), so both flag exactly the same overlaps.
//
// Normalisation (stated once, used everywhere): Unicode NFKC, lowercase, then word tokens = maximal runs of
// letters/digits (\p{L}\p{N}, apostrophes inside words kept: "don't" is one token); everything else (punctuation,
// whitespace of any kind) separates tokens. The paper's contamination table counts ">7-gram" matches between
// training prompts and RewardBench prompts (paper-facts §2.5); the exact normalisation of the authors' gist is not
// published, so this one is ours.

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;

/** Lowercased word tokens of a text (see the normalisation above). */
export function wordTokens(text: string): string[] {
  const norm = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'");
  return norm.match(WORD) ?? [];
}

/** The distinct word n-grams of a text, each joined with a single space. A text shorter than n has none. */
export function ngramSet(text: string, n: number): Set<string> {
  if (!Number.isInteger(n) || n < 1) throw new Error(`n-gram size must be a positive integer, got ${n}`);
  const toks = wordTokens(text);
  const out = new Set<string>();
  for (let i = 0; i + n <= toks.length; i++) out.add(toks.slice(i, i + n).join(' '));
  return out;
}

/** An index from n-gram to the ids of the documents (e.g. benchmark prompts) that contain it. */
export class NgramIndex {
  readonly n: number;
  private readonly map = new Map<string, number[]>();
  private readonly ids: string[] = [];

  constructor(n: number) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`n-gram size must be a positive integer, got ${n}`);
    this.n = n;
  }

  /** Adds one document; returns its dense number. */
  add(id: string, text: string): number {
    const doc = this.ids.length;
    this.ids.push(id);
    for (const g of ngramSet(text, this.n)) {
      const list = this.map.get(g);
      if (list) list.push(doc);
      else this.map.set(g, [doc]);
    }
    return doc;
  }

  get size(): number {
    return this.ids.length;
  }

  idOf(doc: number): string {
    return this.ids[doc];
  }

  /** Dense numbers of the indexed documents sharing at least one n-gram with `text` (ascending). */
  matches(text: string): number[] {
    const hit = new Set<number>();
    for (const g of ngramSet(text, this.n)) {
      const list = this.map.get(g);
      if (list) for (const d of list) hit.add(d);
    }
    return [...hit].sort((a, b) => a - b);
  }

  /** True when `text` shares at least one n-gram with any indexed document. */
  hits(text: string): boolean {
    for (const g of ngramSet(text, this.n)) if (this.map.has(g)) return true;
    return false;
  }
}

/** Builds an index over documents given as [id, text] entries. */
export function buildNgramIndex(docs: Iterable<readonly [string, string]>, n: number): NgramIndex {
  const index = new NgramIndex(n);
  for (const [id, text] of docs) index.add(id, text);
  return index;
}
