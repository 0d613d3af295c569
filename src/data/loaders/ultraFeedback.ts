// UltraFeedback binarized (Cui et al., 2023; trl-lib/ultrafeedback_binarized), a 1,000 + 200 pair sample with the
// GPT-4 overall scores (1-10) of both sides in `metadata`.
// Pairing rule: chosen/rejected as given; chosenScore = score_chosen, rejectedScore = score_rejected,
// margin = score_chosen - score_rejected. Quarantined: identical texts ("chosen equals rejected"), equal scores
// ("scores tied": no preference signal), and score_chosen < score_rejected ("chosen scored below rejected").
import type { PreferencePair } from '../schema.js';
import type { LoadReport } from '../loadReport.js';
import { readJsonlRecords } from '../read/jsonl.js';
import { num, obj, text } from '../read/getters.js';
import { RowProblem, type ReadOptions } from '../read/problem.js';
import { eachRecord } from '../read/walk.js';
import { openSource } from './openSource.js';

export const ULTRAFEEDBACK_IDS = ['ultrafeedback-train', 'ultrafeedback-eval'];

export async function loadUltraFeedback(id: string, options: ReadOptions = {}): Promise<LoadReport<PreferencePair>> {
  if (!ULTRAFEEDBACK_IDS.includes(id))
    throw new Error(`loadUltraFeedback: "${id}" is not one of ${ULTRAFEEDBACK_IDS.join(', ')}`);
  const { resolved, account } = await openSource<PreferencePair>(id);
  eachRecord(
    account,
    readJsonlRecords(resolved.path),
    (rec, { row: line }) => {
      const prompt = text(rec, 'prompt');
      const chosen = text(rec, 'chosen');
      const rejected = text(rec, 'rejected');
      const meta = obj(rec, 'metadata');
      const sc = num(meta, 'score_chosen');
      const sr = num(meta, 'score_rejected');
      if (chosen === rejected) throw new RowProblem('chosen equals rejected', 'chosen');
      if (sc === sr) throw new RowProblem('scores tied', 'metadata.score_chosen', `${sc}`);
      if (sc < sr) throw new RowProblem('chosen scored below rejected', 'metadata.score_chosen', `${sc} < ${sr}`);
      const sourceIndex = rec.source_index;
      account.keep({
        id: `${id}:${line}`,
        source: id,
        prompt: [{ role: 'user', content: prompt }],
        chosen,
        rejected,
        chosenScore: sc,
        rejectedScore: sr,
        margin: sc - sr,
        split: id === 'ultrafeedback-eval' ? 'eval' : 'train',
        meta: { source_index: typeof sourceIndex === 'number' || typeof sourceIndex === 'string' ? sourceIndex : null },
      });
    },
    options,
  );
  return account.report();
}
