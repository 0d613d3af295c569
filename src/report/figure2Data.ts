// The offline scored data behind our Figure 2, taken from the source loaders (src/data/loaders):
//   - AlpacaEval best-of-N: 805 prompts x 11 tulu-2-dpo-13b samples, each judged by GPT-4-turbo against a gpt-3.5
//     reference; score = preference − 1, the judge's probability that the sample beats the reference. Grouped by
//     AlpacaEval's own origin subset (helpful_base, koala, oasst, ...), which play the role of the Magpie subsets.
//   - UltraFeedback binarized: GPT-4 scores (1-10) of chosen and rejected; pairs the loader quarantined (tied
//     scores, identical or empty texts) are not in the figure.
// The paper's Figure 2 data (ArmoRM scores of the Magpie subsets) is not in the offline mirror.
import type { ResponseGroup } from '../data/schema.js';
import { loadAlpacaEvalBestOfN } from '../data/loaders/alpacaEval.js';
import { loadUltraFeedback } from '../data/loaders/ultraFeedback.js';

/** AlpacaEval best-of-N judge scores, one group per instruction, keyed by the instruction's origin dataset. */
export async function loadAlpacaEvalBonGroups(): Promise<Record<string, ResponseGroup[]>> {
  const { items } = await loadAlpacaEvalBestOfN();
  return groupBySource(items.map((g) => ({ ...g, source: `AlpacaEval ${String(g.meta?.dataset ?? 'unknown')}` })));
}

/** UltraFeedback pairs as two-response groups carrying their GPT-4 scores. */
export async function loadUltraFeedbackGroups(
  ids: string[] = ['ultrafeedback-train', 'ultrafeedback-eval'],
): Promise<Record<string, ResponseGroup[]>> {
  const out: ResponseGroup[] = [];
  for (const id of ids) {
    const { items } = await loadUltraFeedback(id);
    for (const p of items) {
      out.push({
        id: p.id,
        source: `UltraFeedback (${id.replace('ultrafeedback-', '')})`,
        prompt: p.prompt,
        responses: [
          { text: p.chosen, score: p.chosenScore },
          { text: p.rejected, score: p.rejectedScore },
        ],
      });
    }
  }
  return groupBySource(out);
}

/** Groups keyed by `source`, sources in alphabetical order (stable figure order). */
export function groupBySource(groups: ResponseGroup[]): Record<string, ResponseGroup[]> {
  const out: Record<string, ResponseGroup[]> = {};
  for (const source of [...new Set(groups.map((g) => g.source))].sort())
    out[source] = groups.filter((g) => g.source === source);
  return out;
}
