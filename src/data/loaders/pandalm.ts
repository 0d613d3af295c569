// PandaLM test set (Wang et al., 2024): ~1K instruction/response pairs from two 7B models, each labelled by three
// human annotators with a code per annotator: 0 = tie, 1 = response1 better, 2 = response2 better (PandaLM's README;
// checked on load: any other code quarantines the row with "annotator code not 0/1/2").
// Pairing rule: n1 / n2 = annotators voting 1 / 2 (ties vote for neither). The side with more votes is chosen,
// margin = |n1 - n2| (1..3). n1 == n2 (all tie, or one each plus a tie) is quarantined as "no majority (tie)".
// Prompt = instruction, then a blank line and the input when the input is non-empty. cmp_key "<model1>_<model2>"
// names the models that wrote response1 and response2.
import type { PreferencePair } from '../schema.js';
import type { LoadReport } from '../loadReport.js';
import { readJsonRecords } from '../read/json.js';
import { num, text } from '../read/getters.js';
import { RowProblem, type ReadOptions } from '../read/problem.js';
import { eachRecord } from '../read/walk.js';
import { openSource } from './openSource.js';

export const PANDALM_ANNOTATORS = ['annotator1', 'annotator2', 'annotator3'] as const;

export async function loadPandaLM(options: ReadOptions = {}): Promise<LoadReport<PreferencePair>> {
  const id = 'pandalm-testset';
  const { resolved, account } = await openSource<PreferencePair>(id);
  eachRecord(
    account,
    readJsonRecords(resolved.path),
    (rec, { row }) => {
      const votes = PANDALM_ANNOTATORS.map((f) => {
        const v = num(rec, f);
        if (v !== 0 && v !== 1 && v !== 2) throw new RowProblem('annotator code not 0/1/2', f, String(rec[f]));
        return v;
      });
      const n1 = votes.filter((v) => v === 1).length;
      const n2 = votes.filter((v) => v === 2).length;
      if (n1 === n2) throw new RowProblem('no majority (tie)', 'annotator1', votes.join(','));
      // Votes are checked first so every tie is counted as a tie; then the texts (6 responses are JSON `true`, 54
      // empty).
      const instruction = text(rec, 'instruction');
      const input = text(rec, 'input', true);
      const r1 = text(rec, 'response1');
      const r2 = text(rec, 'response2');
      if (r1 === r2) throw new RowProblem('chosen equals rejected', 'response1');
      const cmp = text(rec, 'cmp_key');
      const cut = cmp.indexOf('_');
      const [m1, m2] = cut > 0 ? [cmp.slice(0, cut), cmp.slice(cut + 1)] : [undefined, undefined];
      const oneWins = n1 > n2;
      account.keep({
        id: `${id}:${typeof rec.idx === 'string' || typeof rec.idx === 'number' ? rec.idx : row}`,
        source: id,
        prompt: [{ role: 'user', content: input.trim() === '' ? instruction : `${instruction}\n\n${input}` }],
        chosen: oneWins ? r1 : r2,
        rejected: oneWins ? r2 : r1,
        margin: Math.abs(n1 - n2),
        ...(m1 && m2 ? { chosenModel: oneWins ? m1 : m2, rejectedModel: oneWins ? m2 : m1 } : {}),
        split: 'test',
        meta: { votes: votes.join(','), app: typeof rec.motivation_app === 'string' ? rec.motivation_app : null },
      });
    },
    options,
  );
  return account.report();
}
