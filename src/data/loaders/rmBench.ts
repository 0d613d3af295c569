// RM-Bench (Liu et al., 2024): RewardBench prompts with 3 chosen x 3 rejected responses in controlled styles.
// Style order in both lists, as RM-Bench defines it: [0] concise, [1] detailed plain text, [2] detailed markdown.
// RM-Bench scores a model by comparing every chosen[i] with every rejected[j] (the 3x3 matrix), so items keep all six.
import type { LoadReport } from '../loadReport.js';
import { readJsonRecords } from '../read/json.js';
import { text, textList } from '../read/getters.js';
import { RowProblem, type ReadOptions } from '../read/problem.js';
import { eachRecord } from '../read/walk.js';
import { openSource } from './openSource.js';

export type RmBenchDomain = 'chat' | 'code' | 'safety-refuse' | 'safety-response';

export interface RmBenchItem {
  /** RM-Bench's id (the RewardBench prompt id), prefixed with the domain: `rmbench-code:8`. */
  id: string;
  /** RM-Bench's own id field. */
  rmbenchId: string;
  domain: RmBenchDomain;
  /** RM-Bench's `subset` field: the RewardBench subset (chat: alpacaeval, safety: xstest-*, refusals-*) or, for code,
   * `bigcode/humanevalpack`. */
  subset: string;
  prompt: string;
  /** [concise, detailed plain, detailed markdown]. */
  chosen: [string, string, string];
  rejected: [string, string, string];
  /** Code domain: `language` and `task_id`; chat domain: `error_key` / `error` (the injected error). */
  meta: Record<string, string>;
}

export const RMBENCH_IDS: Record<string, RmBenchDomain> = {
  'rmbench-chat': 'chat',
  'rmbench-code': 'code',
  'rmbench-safety-refuse': 'safety-refuse',
  'rmbench-safety-response': 'safety-response',
};

const EXTRA_FIELDS = ['language', 'task_id', 'error_key', 'error'];

export async function loadRmBench(id: string, options: ReadOptions = {}): Promise<LoadReport<RmBenchItem>> {
  const domain = RMBENCH_IDS[id];
  if (!domain)
    throw new Error(`loadRmBench: "${id}" is not an RM-Bench source (${Object.keys(RMBENCH_IDS).join(', ')})`);
  const { resolved, account } = await openSource<RmBenchItem>(id);
  eachRecord(
    account,
    readJsonRecords(resolved.path),
    (rec) => {
      const rawId = rec.id;
      if (typeof rawId !== 'string' && typeof rawId !== 'number') throw new RowProblem('missing field "id"', 'id');
      const chosen = textList(rec, 'chosen', 3) as [string, string, string];
      const rejected = textList(rec, 'rejected', 3) as [string, string, string];
      const meta: Record<string, string> = {};
      for (const f of EXTRA_FIELDS) if (rec[f] !== undefined && rec[f] !== null) meta[f] = String(rec[f]);
      account.keep({
        id: `${id}:${rawId}`,
        rmbenchId: String(rawId),
        domain,
        subset: text(rec, 'subset'),
        prompt: text(rec, 'prompt'),
        chosen,
        rejected,
        meta,
      });
    },
    options,
  );
  return account.report();
}
