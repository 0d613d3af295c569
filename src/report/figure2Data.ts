// The offline scored data behind our Figure 2, read straight from the verified source files as ResponseGroups:
//   - AlpacaEval best-of-N (alpacaeval-bon-0..10): 805 prompts x 11 tulu-2-dpo-13b samples, each judged by GPT-4-turbo
//     against a gpt-3.5 reference; `preference` in [1, 2], so preference − 1 is the judge's probability that the
//     sample beats the reference. Grouped by AlpacaEval's own origin subset (helpful_base, koala, oasst, ...).
//   - UltraFeedback binarized (ultrafeedback-train / -eval): GPT-4 scores (1-10) of chosen and rejected, in `metadata`.
// The paper's Figure 2 data (ArmoRM scores of the Magpie subsets) is not in the offline mirror.
import { readFileSync } from 'node:fs';
import type { ResponseGroup } from '../data/schema.js';
import { resolveSource } from '../data/sources.js';
import { InputError } from '../util/errors.js';

export const ALPACAEVAL_BON_IDS = Array.from({ length: 11 }, (_, i) => `alpacaeval-bon-${i}`);

/** AlpacaEval best-of-N judge scores, one group per instruction, grouped by the instruction's origin dataset. */
export async function loadAlpacaEvalBonGroups(ids: string[] = ALPACAEVAL_BON_IDS): Promise<Record<string, ResponseGroup[]>> {
  const groups = new Map<string, ResponseGroup>();
  for (const id of ids) {
    const { path } = await resolveSource(id);
    const rows = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (!Array.isArray(rows)) throw new InputError({ file: path }, 'expected a JSON array of annotations');
    rows.forEach((row: Record<string, unknown>, i) => {
      const pref = Number(row.preference);
      const key = String(row.instruction ?? '');
      if (!key) throw new InputError({ file: path, row: i, field: 'instruction' }, 'missing');
      if (!Number.isFinite(pref) || pref < 1 || pref > 2) {
        throw new InputError({ file: path, row: i, field: 'preference' }, `expected a number in [1, 2], got ${JSON.stringify(row.preference)}`);
      }
      let g = groups.get(key);
      if (!g) {
        g = { id: `alpacaeval:${row.id ?? i}`, source: `AlpacaEval ${String(row.dataset ?? 'unknown')}`, prompt: [{ role: 'user', content: key }], responses: [] };
        groups.set(key, g);
      }
      g.responses.push({ text: String(row.output_2 ?? ''), score: pref - 1, model: String(row.generator_2 ?? id) });
    });
  }
  return groupBySource([...groups.values()]);
}

/** UltraFeedback pairs as two-response groups with their GPT-4 scores; `metadata` is a Python-style dict string. */
export async function loadUltraFeedbackGroups(ids: string[] = ['ultrafeedback-train', 'ultrafeedback-eval']): Promise<Record<string, ResponseGroup[]>> {
  const out: ResponseGroup[] = [];
  for (const id of ids) {
    const { path } = await resolveSource(id);
    readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      const row = JSON.parse(line) as Record<string, unknown>;
      const { chosen, rejected } = ultraFeedbackScores(row.metadata);
      if (chosen === undefined || rejected === undefined) {
        throw new InputError({ file: path, row: i + 1, rowKind: 'line', field: 'metadata' }, 'no numeric score_chosen / score_rejected');
      }
      out.push({
        id: `${id}:${i + 1}`,
        source: `UltraFeedback (${id.replace('ultrafeedback-', '')})`,
        prompt: [{ role: 'user', content: String(row.prompt ?? '') }],
        responses: [{ text: String(row.chosen ?? ''), score: chosen }, { text: String(row.rejected ?? ''), score: rejected }],
      });
    });
  }
  return groupBySource(out);
}

/** score_chosen / score_rejected from `metadata`: an object, or its Python-style string form. */
export function ultraFeedbackScores(metadata: unknown): { chosen?: number; rejected?: number } {
  const pick = (key: string): number | undefined => {
    if (metadata && typeof metadata === 'object') {
      const v = (metadata as Record<string, unknown>)[key];
      return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
    }
    const m = new RegExp(`['"]${key}['"]:\\s*(-?[\\d.]+)`).exec(String(metadata ?? ''));
    return m ? Number(m[1]) : undefined;
  };
  return { chosen: pick('score_chosen'), rejected: pick('score_rejected') };
}

/** Groups keyed by `source`, sources in alphabetical order (stable figure order). */
export function groupBySource(groups: ResponseGroup[]): Record<string, ResponseGroup[]> {
  const out: Record<string, ResponseGroup[]> = {};
  for (const source of [...new Set(groups.map((g) => g.source))].sort()) out[source] = groups.filter((g) => g.source === source);
  return out;
}
