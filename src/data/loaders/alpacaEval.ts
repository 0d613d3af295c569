// AlpacaEval best-of-N from RewardBench's bon_eval (Lambert et al., 2024): for the 805 AlpacaEval instructions,
// 11 files hold tulu-2-dpo-13b sample k (k = 0..10, top_p 0.9, temperature 1) judged by GPT-4-turbo against the
// gpt-3.5-turbo-0613 reference answer. `preference` in [1, 2] is AlpacaEval's weighted preference: 1 + P(judge
// prefers the sample over the reference).
// Rule: a sample's score = preference - 1, its win probability against the shared reference, so the 11 scores of one
// instruction are on one scale and curation can pick best vs worst. The reference answer is not one of the
// responses (it was never judged against itself); it is kept in meta.reference. Rows join on `id`; a row whose
// instruction or reference differs from the other files' is quarantined.
// These prompts are RewardBench alpacaeval-* prompts: role train-pool-contaminated (decontaminate before use).
import type { ResponseGroup } from '../schema.js';
import type { LoadReport } from '../loadReport.js';
import { LoadAccount } from '../loadReport.js';
import { readJsonRecords } from '../read/json.js';
import { num, text } from '../read/getters.js';
import { RowProblem, type ReadOptions } from '../read/problem.js';
import { badRow, eachRecord } from '../read/walk.js';
import { openSource } from './openSource.js';

export const ALPACAEVAL_SAMPLES = 11;

export interface AlpacaEvalJudgement {
  /** AlpacaEval instruction id (0..804). */
  id: number;
  /** Which tulu-2-dpo-13b sample (the k of alpacaeval-bon-k). */
  sample: number;
  instruction: string;
  /** AlpacaEval's sub-dataset (helpful_base, koala, oasst, selfinstruct, vicuna). */
  dataset: string;
  reference: string;
  referenceModel: string;
  output: string;
  generator: string;
  /** Weighted judge preference in [1, 2]. */
  preference: number;
  /** preference - 1: probability the judge prefers the sample over the reference. */
  score: number;
}

export async function loadAlpacaEvalFile(
  k: number,
  options: ReadOptions = {},
): Promise<LoadReport<AlpacaEvalJudgement>> {
  if (!Number.isInteger(k) || k < 0 || k >= ALPACAEVAL_SAMPLES)
    throw new Error(`loadAlpacaEvalFile: sample ${k} is not in 0..10`);
  const { resolved, account } = await openSource<AlpacaEvalJudgement>(`alpacaeval-bon-${k}`);
  eachRecord(
    account,
    readJsonRecords(resolved.path),
    (rec) => {
      const preference = num(rec, 'preference');
      if (preference < 1 || preference > 2)
        throw new RowProblem('preference outside [1, 2]', 'preference', String(preference));
      account.keep({
        id: num(rec, 'id'),
        sample: k,
        instruction: text(rec, 'instruction'),
        dataset: text(rec, 'dataset'),
        reference: text(rec, 'output_1'),
        referenceModel: text(rec, 'generator_1'),
        output: text(rec, 'output_2'),
        generator: text(rec, 'generator_2'),
        preference,
        score: preference - 1,
      });
    },
    options,
  );
  return account.report();
}

/** 805 groups of 11 judged samples each (fewer where a row was quarantined). */
export async function loadAlpacaEvalBestOfN(options: ReadOptions = {}): Promise<LoadReport<ResponseGroup>> {
  const files: LoadReport<AlpacaEvalJudgement>[] = [];
  for (let k = 0; k < ALPACAEVAL_SAMPLES; k++) files.push(await loadAlpacaEvalFile(k, options));
  const account = new LoadAccount<ResponseGroup>('alpacaeval-bon', files.map((f) => f.file).join(', '));
  const groups = new Map<number, ResponseGroup>();
  for (const f of files) {
    account.read += f.read;
    for (const [reason, n] of Object.entries(f.quarantined))
      account.quarantined[reason] = (account.quarantined[reason] ?? 0) + n;
    account.examples.push(...f.examples);
    f.items.forEach((j, row) => {
      let g = groups.get(j.id);
      if (!g) {
        g = {
          id: `alpacaeval:${j.id}`,
          source: 'alpacaeval-bon',
          prompt: [{ role: 'user', content: j.instruction }],
          responses: [],
          split: 'train',
          meta: { dataset: j.dataset, reference: j.reference, referenceModel: j.referenceModel },
        };
        groups.set(j.id, g);
      } else if (g.prompt[0].content !== j.instruction || g.meta?.reference !== j.reference) {
        const problem = new RowProblem(
          'instruction or reference differs across samples',
          'instruction',
          `sample ${j.sample}`,
        );
        badRow(account, { row, rowKind: 'row' }, problem, options, f.file);
        return;
      }
      g.responses.push({ text: j.output, score: j.score, model: j.generator });
    });
  }
  for (const g of [...groups.values()].sort((a, b) => Number(a.id.split(':')[1]) - Number(b.id.split(':')[1])))
    account.keep(g);
  return account.report();
}
