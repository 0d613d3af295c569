// LLMBar (Zeng et al., 2024): instruction-following pairs judged by humans/authors.
// Pairing rule: `label` is 1 or 2 and names the better output; chosen = output_<label>, rejected = the other one.
// Natural and Adversarial sets are exactly RewardBench's llmbar-* subsets (eval, `subset` = RewardBench key);
// the Processed sets (MT-Bench, LLMEval^2, FairEval re-labelled by the LLMBar authors) are a train pool.
import type { PreferencePair } from '../schema.js';
import type { LoadReport } from '../loadReport.js';
import { readJsonRecords } from '../read/json.js';
import { num, text } from '../read/getters.js';
import { RowProblem, type ReadOptions } from '../read/problem.js';
import { eachRecord } from '../read/walk.js';
import { openSource } from './openSource.js';

/** Source id -> RewardBench subset key (eval sets only). */
export const LLMBAR_SUBSETS: Record<string, string> = {
  'llmbar-natural': 'llmbar-natural',
  'llmbar-adver-neighbor': 'llmbar-adver-neighbor',
  'llmbar-adver-gptinst': 'llmbar-adver-GPTInst',
  'llmbar-adver-gptout': 'llmbar-adver-GPTOut',
  'llmbar-adver-manual': 'llmbar-adver-manual',
};

export const LLMBAR_PROCESSED = ['llmbar-processed-mtbench', 'llmbar-processed-llmeval2', 'llmbar-processed-faireval'];

export async function loadLlmBar(id: string, options: ReadOptions = {}): Promise<LoadReport<PreferencePair>> {
  const subset = LLMBAR_SUBSETS[id];
  if (!subset && !LLMBAR_PROCESSED.includes(id)) throw new Error(`loadLlmBar: "${id}" is not an LLMBar source`);
  const { resolved, account } = await openSource<PreferencePair>(id);
  const rows = readJsonRecords(resolved.path);
  eachRecord(
    account,
    rows,
    (rec, { row }) => {
      const input = text(rec, 'input');
      const out1 = text(rec, 'output_1');
      const out2 = text(rec, 'output_2');
      const label = num(rec, 'label');
      if (label !== 1 && label !== 2) throw new RowProblem('label is not 1 or 2', 'label', String(rec.label));
      if (out1 === out2) throw new RowProblem('chosen equals rejected', 'output_1');
      account.keep({
        id: `${id}:${row}`,
        source: id,
        prompt: [{ role: 'user', content: input }],
        chosen: label === 1 ? out1 : out2,
        rejected: label === 1 ? out2 : out1,
        split: subset ? 'test' : 'train',
        ...(subset ? { subset } : {}),
        meta: { label },
      });
    },
    options,
  );
  return account.report();
}
