// A pair table's composition: pair counts per source as Figure 1 rows, and Table 1's per-source statistics (turns,
// prompt and response tokens) measured with the workbench tokenizer. Curation owns it so that every floor that
// writes or shows a mix (the experiments' result files, the notebooks) counts the same way.
import type { PreferencePair } from '../data/schema.js';
import { encodeText } from '../model/tokenizer.js';
import type { CompositionRow } from '../report/paperData.js';

/** Counts per source as composition rows, largest first (ties by name). */
export function compositionRows(counts: Readonly<Record<string, number>>): CompositionRow[] {
  return Object.entries(counts)
    .map(([source, pairs]) => ({ source, pairs }))
    .sort((a, b) => b.pairs - a.pairs || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}

/**
 * Table 1's per-source statistics of a pair table: pairs, mean turns of the prompt + the response (a two-message
 * exchange counts 2, as in the paper's table), mean prompt tokens (all prompt messages) and mean response tokens
 * (chosen and rejected averaged), counted with the workbench tokenizer (cl100k_base), not the paper's.
 */
export function compositionStatistics(pairs: readonly PreferencePair[]): CompositionRow[] {
  const acc = new Map<string, { pairs: number; turns: number; prompt: number; response: number }>();
  for (const p of pairs) {
    let a = acc.get(p.source);
    if (!a) acc.set(p.source, (a = { pairs: 0, turns: 0, prompt: 0, response: 0 }));
    a.pairs++;
    a.turns += p.prompt.length + 1;
    a.prompt += p.prompt.reduce((s, m) => s + encodeText(m.content).length, 0);
    a.response += (encodeText(p.chosen).length + encodeText(p.rejected).length) / 2;
  }
  const counts = Object.fromEntries([...acc].map(([s, a]) => [s, a.pairs]));
  return compositionRows(counts).map((r) => {
    const a = acc.get(r.source)!;
    return {
      ...r,
      avgTurns: a.turns / a.pairs,
      avgPromptTokens: a.prompt / a.pairs,
      avgResponseTokens: a.response / a.pairs,
    };
  });
}
