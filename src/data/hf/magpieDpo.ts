// Magpie DPO sets (Magpie-Align/Magpie-Pro-DPO-100K-v0.1, -Air-DPO-100K-v0.1, -Llama-3.1-Pro-DPO-100K-v0.1;
// files data/train-*.parquet, data/test-*.parquet) -> pairs carrying the ArmoRM scores the paper curates by.
//
// Verified (dataset card front matter of Magpie-Pro-DPO-100K-v0.1, and the same layout in the magpie-po sample of the
// offline mirror): uuid, instruction, gen_input_configs, intent, knowledge, difficulty, input_quality,
// quality_explanation, task_category, input_length, responses (list of 5 strings), gen_response_configs,
// rewards_armorm (list of {score}), chosen and rejected (message lists: user instruction + assistant response).
// Assumed: the Llama-3.1-Pro and Air sets use the same columns (their cards were not readable here).
// Kept as given (Skywork: "no modifications other than subsampling"): chosen/rejected. chosenScore/rejectedScore are
// the ArmoRM scores of the responses whose text matches; meta.armoMean is the mean ArmoRM score over all responses,
// which the paper's per-source offsets (Air -0.1, Pro -0.05) adjust before per-category top-k selection.
import type { LoadReport } from '../loadReport.js';
import type { PreferencePair } from '../schema.js';
import { messages, optionalText, text } from '../read/getters.js';
import { RowProblem, type RawRecord, type ReadOptions } from '../read/problem.js';
import { loadPairFile } from '../read/pairFile.js';
import { splitHfConversation } from '../io/hfParquet.js';

function armoScores(r: RawRecord): number[] {
  const v = r.rewards_armorm;
  if (v === undefined || v === null) throw new RowProblem('missing-field', 'rewards_armorm', 'is missing');
  if (!Array.isArray(v)) throw new RowProblem('wrong-type', 'rewards_armorm', 'expected a list of {score}');
  return v.map((x, i) => {
    const s = x !== null && typeof x === 'object' ? (x as { score?: unknown }).score : x;
    if (typeof s !== 'number' || !Number.isFinite(s))
      throw new RowProblem('wrong-type', `rewards_armorm[${i}].score`, 'expected a finite number');
    return s;
  });
}

export async function loadMagpieDpo(
  path: string,
  options: ReadOptions & { source?: string } = {},
): Promise<LoadReport<PreferencePair>> {
  const source = options.source ?? 'magpie-dpo';
  return loadPairFile(path, source, options, (r, rec) => {
    const instruction = text(r, 'instruction');
    const conv = splitHfConversation(undefined, messages(r, 'chosen'), messages(r, 'rejected'));
    const scores = armoScores(r);
    const responses = Array.isArray(r.responses) ? (r.responses as unknown[]) : [];
    if (scores.length !== responses.length) {
      throw new RowProblem('bad-value', 'rewards_armorm', `${scores.length} scores for ${responses.length} responses`);
    }
    if (conv.chosen === conv.rejected)
      throw new RowProblem('identical-responses', 'chosen', 'chosen and rejected are the same text');
    const scoreOf = (t: string) => {
      const k = responses.indexOf(t);
      return k >= 0 ? scores[k] : undefined;
    };
    const pair: PreferencePair = {
      id: `${source}:${optionalText(r, 'uuid') ?? rec.row}`,
      source,
      prompt: conv.prompt,
      chosen: conv.chosen,
      rejected: conv.rejected,
    };
    if (conv.prompt[conv.prompt.length - 1].content !== instruction) pair.meta = { instructionDiffers: true };
    const cs = scoreOf(conv.chosen),
      rs = scoreOf(conv.rejected);
    if (cs !== undefined) pair.chosenScore = cs;
    if (rs !== undefined) pair.rejectedScore = rs;
    if (cs !== undefined && rs !== undefined) pair.margin = cs - rs;
    const category = optionalText(r, 'task_category');
    if (category) pair.category = category;
    pair.meta = {
      ...pair.meta,
      armoMean: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
      difficulty: optionalText(r, 'difficulty') ?? null,
      input_quality: optionalText(r, 'input_quality') ?? null,
    };
    return pair;
  });
}
