// MT-Bench questions (Zheng et al., 2023): 80 two-turn prompts in 8 categories. Used to decontaminate training data
// (LLMBar Processed/MT-Bench reuses these prompts).
import type { LoadReport } from '../loadReport.js';
import { readJsonlRecords } from '../read/jsonl.js';
import { num, text, textList } from '../read/getters.js';
import { type ReadOptions } from '../read/problem.js';
import { eachRecord } from '../read/walk.js';
import { openSource } from './openSource.js';

export interface MtBenchQuestion {
  id: number;
  category: string;
  turns: string[];
  /** Reference answers, where FastChat gives them (math, reasoning, coding); some second-turn entries are empty. */
  reference?: string[];
}

export async function loadMtBenchQuestions(options: ReadOptions = {}): Promise<LoadReport<MtBenchQuestion>> {
  const { resolved, account } = await openSource<MtBenchQuestion>('mtbench-questions');
  eachRecord(
    account,
    readJsonlRecords(resolved.path),
    (rec) => {
      const q: MtBenchQuestion = {
        id: num(rec, 'question_id'),
        category: text(rec, 'category'),
        turns: textList(rec, 'turns'),
      };
      if (rec.reference !== undefined) q.reference = textList(rec, 'reference', undefined, true);
      account.keep(q);
    },
    options,
  );
  return account.report();
}
