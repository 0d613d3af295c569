// GSM8K test problems (Cobbe et al., 2021) with OpenAI's example model solutions: a gold solution and four model
// solutions (6B/175B, finetuning/verification), each flagged is_correct.
// Pairing rule (loadGsm8kSolutions): chosen = the gold `ground_truth` solution (human-written, always correct);
// rejected = the first wrong model solution in GSM8K_MODELS order. A problem whose four model solutions are all
// correct is quarantined ("no wrong model solution"): 1,319 problems, 1,163 pairs.
// loadGsm8kGroups keeps everything: per problem the gold (score 1) and the four model solutions (1 correct, 0 wrong),
// so curation can pair differently (e.g. a correct model solution vs a wrong one).
import type { PreferencePair, ResponseGroup, ScoredResponse } from '../schema.js';
import type { LoadReport } from '../loadReport.js';
import { readJsonlRecords } from '../read/jsonl.js';
import { obj, text } from '../read/getters.js';
import { RowProblem, type RawRecord, type ReadOptions } from '../read/problem.js';
import { eachRecord } from '../read/walk.js';
import { openSource } from './openSource.js';

export const GSM8K_MODELS = ['6b_finetuning', '6b_verification', '175b_finetuning', '175b_verification'] as const;
export const GSM8K_GOLD_MODEL = 'gold';

function solutions(rec: RawRecord): ScoredResponse[] {
  const out: ScoredResponse[] = [{ text: text(rec, 'ground_truth'), score: 1, model: GSM8K_GOLD_MODEL }];
  for (const model of GSM8K_MODELS) {
    const sol = obj(rec, model);
    const ok = sol.is_correct;
    if (typeof ok !== 'boolean') throw new RowProblem('is_correct is not a boolean', `${model}.is_correct`);
    out.push({ text: text(sol, 'solution'), score: ok ? 1 : 0, model });
  }
  return out;
}

/** One item per problem row; a RowProblem from `make` quarantines the row. */
async function walk<T>(options: ReadOptions, make: (rec: RawRecord, line: number) => T): Promise<LoadReport<T>> {
  const { resolved, account } = await openSource<T>('gsm8k-model-solutions');
  eachRecord(account, readJsonlRecords(resolved.path), (rec, { row: line }) => account.keep(make(rec, line)), options);
  return account.report();
}

export async function loadGsm8kGroups(options: ReadOptions = {}): Promise<LoadReport<ResponseGroup>> {
  return walk<ResponseGroup>(options, (rec, line) => ({
    id: `gsm8k:${line}`,
    source: 'gsm8k-model-solutions',
    prompt: [{ role: 'user', content: text(rec, 'question') }],
    responses: solutions(rec),
    category: 'math',
    split: 'test',
  }));
}

export async function loadGsm8kSolutions(options: ReadOptions = {}): Promise<LoadReport<PreferencePair>> {
  return walk<PreferencePair>(options, (rec, line) => {
    const question = text(rec, 'question');
    const [gold, ...models] = solutions(rec);
    const wrong = models.find((s) => s.score === 0);
    if (!wrong) throw new RowProblem('no wrong model solution');
    if (wrong.text === gold.text) throw new RowProblem('chosen equals rejected');
    return {
      id: `gsm8k:${line}`,
      source: 'gsm8k-model-solutions',
      prompt: [{ role: 'user', content: question }],
      chosen: gold.text,
      rejected: wrong.text,
      chosenModel: GSM8K_GOLD_MODEL,
      rejectedModel: wrong.model,
      category: 'math',
      split: 'test',
      meta: { wrongSolutions: models.filter((s) => s.score === 0).length },
    };
  });
}
