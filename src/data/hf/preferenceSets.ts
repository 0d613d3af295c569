// Published preference sets that are already pairs.
//
// Skywork/Skywork-Reward-Preference-80K-v0.1 and -v0.2 (data/train-*.parquet). Verified (dataset card front matter):
// columns chosen, rejected (message lists, whole conversations) and source (string); 81,973 rows in v0.1, 77,016 in
// v0.2. The prompt is the conversation before the final assistant message, which must be the same on both sides.
//
// allenai/reward-bench, split "filtered" (data/filtered-*.parquet). Verified (dataset card front matter): prompt,
// chosen, chosen_model, rejected, rejected_model, subset (strings), id (int64); 2,985 rows.
import type { LoadReport } from '../loadReport.js';
import { userPrompt, type PreferencePair } from '../schema.js';
import { splitHfConversation } from '../io/hfParquet.js';
import { optionalText, text } from '../read/getters.js';
import { RowProblem, type ReadOptions } from '../read/problem.js';
import { loadPairFile } from '../read/pairFile.js';

export async function loadSkyworkPreference(
  path: string,
  options: ReadOptions & { source?: string } = {},
): Promise<LoadReport<PreferencePair>> {
  const source = options.source ?? 'skywork-reward-preference-80k';
  return loadPairFile(path, source, options, (r, rec) => {
    const conv = splitHfConversation(undefined, r.chosen, r.rejected);
    if (conv.chosen === conv.rejected)
      throw new RowProblem('identical-responses', 'chosen', 'chosen and rejected are the same text');
    const pair: PreferencePair = { id: `${source}:${rec.row}`, source, ...conv };
    const origin = optionalText(r, 'source');
    // The per-row origin (e.g. "magpie_ultra", "helpsteer2") is what the paper's Table 1 counts by.
    if (origin) pair.meta = { origin };
    return pair;
  });
}

export async function loadRewardBenchFiltered(
  path: string,
  options: ReadOptions & { source?: string } = {},
): Promise<LoadReport<PreferencePair>> {
  const source = options.source ?? 'reward-bench';
  const seen = new Set<string>();
  return loadPairFile(path, source, options, (r) => {
    const rawId = r.id;
    if (rawId === undefined || rawId === null) throw new RowProblem('missing-field', 'id', 'is missing');
    if (typeof rawId !== 'number' && typeof rawId !== 'string')
      throw new RowProblem('wrong-type', 'id', 'expected an integer');
    const id = `${source}:${rawId}`;
    if (seen.has(id)) throw new RowProblem('duplicate-id', 'id', `id ${rawId} was already used`);
    const pair: PreferencePair = {
      id,
      source,
      prompt: userPrompt(text(r, 'prompt')),
      chosen: text(r, 'chosen'),
      rejected: text(r, 'rejected'),
      subset: text(r, 'subset'),
      split: 'test',
    };
    const cm = optionalText(r, 'chosen_model'),
      rm = optionalText(r, 'rejected_model');
    if (cm) pair.chosenModel = cm;
    if (rm) pair.rejectedModel = rm;
    seen.add(id);
    return pair;
  });
}
