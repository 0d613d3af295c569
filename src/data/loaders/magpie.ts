// Magpie preference-optimisation format sample (Xu et al., 2024): per instruction, 5 sampled responses with their
// ArmoRM rewards, the LLM-assigned task_category, difficulty and input quality. This is the shape of the paper's
// Magpie Ultra/Pro/Air sources; pairs (best vs worst) are made downstream.
// Rule: responses[i] is scored by rewards_armorm[i].score; both lists must have the same length.
import type { ResponseGroup, ScoredResponse } from '../schema.js';
import type { LoadReport } from '../loadReport.js';
import { readJsonRecords } from '../read/json.js';
import { list, num, text, textList } from '../read/getters.js';
import { RowProblem, type RawRecord, type ReadOptions } from '../read/problem.js';
import { eachRecord } from '../read/walk.js';
import { openSource } from './openSource.js';

export async function loadMagpiePo(options: ReadOptions = {}): Promise<LoadReport<ResponseGroup>> {
  const id = 'magpie-po-example';
  const { resolved, account } = await openSource<ResponseGroup>(id);
  eachRecord(
    account,
    readJsonRecords(resolved.path),
    (rec, { row }) => {
      const instruction = text(rec, 'instruction');
      const responses = textList(rec, 'responses');
      const rewards = list(rec, 'rewards_armorm');
      if (rewards.length !== responses.length) {
        throw new RowProblem(
          'rewards_armorm and responses differ in length',
          'rewards_armorm',
          `${rewards.length} vs ${responses.length}`,
        );
      }
      const gen = rec.gen_response_configs as RawRecord | undefined;
      const model = gen && typeof gen.output_generator === 'string' ? gen.output_generator : undefined;
      const scored: ScoredResponse[] = responses.map((t, k) => {
        const r = rewards[k];
        if (!r || typeof r !== 'object') throw new RowProblem('reward is not an object', `rewards_armorm[${k}]`);
        return { text: t, score: num(r as RawRecord, 'score'), ...(model ? { model } : {}) };
      });
      const str = (f: string) => (typeof rec[f] === 'string' ? (rec[f] as string) : null);
      account.keep({
        id: `${id}:${str('uuid') ?? row}`,
        source: id,
        prompt: [{ role: 'user', content: instruction }],
        responses: scored,
        ...(str('task_category') ? { category: str('task_category') as string } : {}),
        split: 'train',
        meta: { difficulty: str('difficulty'), input_quality: str('input_quality'), uuid: str('uuid') },
      });
    },
    options,
  );
  return account.report();
}
