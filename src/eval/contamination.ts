// The paper's contamination table (paper-facts §2.5): per training source, how many of its prompts share a word
// n-gram with any benchmark prompt we hold, and how many benchmark prompts are hit. The n-gram normalisation is the
// shared one in src/data/ngrams.ts (NFKC, lowercase, word tokens), the same that decontaminateByNgram uses.
import { NgramIndex, wordTokens } from '../data/ngrams.js';
import type { Message } from '../data/schema.js';

export interface PromptRecord {
  id: string;
  prompt: Message[] | string;
}

export interface ContaminationRow {
  source: string;
  n: number;
  /** Training prompts in this source. */
  prompts: number;
  /** Training prompts sharing >= 1 n-gram with some benchmark prompt (the paper's "# of contaminated prompts"). */
  contaminatedPrompts: number;
  /** Benchmark prompts sharing >= 1 n-gram with some prompt of this source ("# of RewardBench prompts with match"). */
  benchmarkPromptsHit: number;
}

export interface ContaminationTable {
  n: number;
  benchmarkPrompts: number;
  /** Benchmark prompts shorter than n words: no n-gram, so they can never be hit (stated, not hidden). */
  benchmarkPromptsTooShort: number;
  rows: ContaminationRow[];
  normalisation: string;
}

/** The user turns of a prompt (all text when given a plain string): what is checked on both sides. */
function userTexts(p: Message[] | string): string[] {
  if (typeof p === 'string') return [p];
  const users = p.filter((m) => m.role === 'user').map((m) => m.content);
  return users.length ? users : p.length ? [p[p.length - 1].content] : [];
}

export function contaminationTable(
  trainSources: Record<string, readonly PromptRecord[]>,
  benchmarkPrompts: readonly PromptRecord[],
  n: number,
): ContaminationTable {
  const index = new NgramIndex(n);
  let tooShort = 0;
  for (const b of benchmarkPrompts) {
    const texts = userTexts(b.prompt);
    // each turn is indexed on its own, so no n-gram spans two turns
    for (const t of texts) index.add(b.id, t);
    if (Math.max(0, ...texts.map((t) => wordTokens(t).length)) < n) tooShort++;
  }
  // one benchmark prompt may have several indexed turns: count prompts, not turns
  const benchNumber = new Map(benchmarkPrompts.map((b, i) => [b.id, i]));
  if (benchNumber.size !== benchmarkPrompts.length)
    throw new Error('contaminationTable: benchmark prompt ids must be unique');
  const rows: ContaminationRow[] = [];
  for (const [source, records] of Object.entries(trainSources)) {
    const hitBench = new Set<number>();
    let contaminated = 0;
    for (const r of records) {
      let any = false;
      for (const t of userTexts(r.prompt)) {
        const m = index.matches(t);
        if (m.length) {
          any = true;
          for (const d of m) hitBench.add(benchNumber.get(index.idOf(d))!);
        }
      }
      if (any) contaminated++;
    }
    rows.push({
      source,
      n,
      prompts: records.length,
      contaminatedPrompts: contaminated,
      benchmarkPromptsHit: hitBench.size,
    });
  }
  return {
    n,
    benchmarkPrompts: benchmarkPrompts.length,
    benchmarkPromptsTooShort: tooShort,
    rows,
    normalisation:
      'NFKC, lowercase, word tokens [\\p{L}\\p{N}]+ (src/data/ngrams.ts); user turns on both sides; a match = ' +
      'one shared n-gram',
  };
}
