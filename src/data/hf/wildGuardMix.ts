// allenai/wildguardmix (train/wildguard_train.parquet, test/wildguard_test.parquet; gated) -> refusal pairs.
//
// Verified (dataset card configs; column list of a published 1,000-row copy, MergeBench/safety_val): columns
// prompt (string), adversarial (bool), response (string), prompt_harm_label, response_refusal_label,
// response_harm_label, subcategory (strings). Each row is ONE response; 48,783 of the 86,759 train rows are
// prompt-only (card). Assumed: label values "harmful"/"unharmful" and "refusal"/"compliance" (the WildGuard paper's
// words).
// Pair rule (the paper's sources, see paper-facts 2.3): for a harmful prompt a refusal beats a compliance; for an
// unharmful prompt a compliance beats a refusal. Rows are grouped by identical prompt text; the first refusal and the
// first compliance of a group make its pair. The two-stage reward-model filter is curation's job.
import { LoadAccount, type LoadReport } from '../loadReport.js';
import { userPrompt, type PreferencePair } from '../schema.js';
import { optionalText, text } from '../read/getters.js';
import { RowProblem, type ReadOptions, type SourceRecord } from '../read/problem.js';
import { readRecords } from '../read/records.js';
import { badRow, eachRecord } from '../read/walk.js';

interface GuardRow {
  at: SourceRecord;
  harmful: boolean;
  refusal: boolean;
  response: string;
  adversarial: boolean | null;
  subcategory?: string;
}

function yesNo(r: Record<string, unknown>, key: string, yes: string, no: string): boolean {
  const v = text(r, key).trim().toLowerCase();
  if (v === yes) return true;
  if (v === no) return false;
  throw new RowProblem('bad-value', key, `expected "${yes}" or "${no}", got ${JSON.stringify(v)}`);
}

export async function loadWildGuardMix(
  path: string,
  options: ReadOptions & { source?: string; adversarialOnly?: boolean } = {},
): Promise<LoadReport<PreferencePair>> {
  const source = options.source ?? 'wildguardmix';
  const account = new LoadAccount<PreferencePair>(source, path);
  const byPrompt = new Map<string, GuardRow[]>();
  const order: string[] = [];
  const { records } = await readRecords(path);
  eachRecord(
    account,
    records,
    (r, rec) => {
      const prompt = text(r, 'prompt');
      if (
        r.response === null ||
        r.response === undefined ||
        (typeof r.response === 'string' && r.response.trim() === '')
      ) {
        throw new RowProblem('prompt-only', 'response', 'no response (prompt-harm example only)');
      }
      const response = text(r, 'response');
      const adversarial = typeof r.adversarial === 'boolean' ? r.adversarial : null;
      if (options.adversarialOnly && adversarial !== true)
        throw new RowProblem('not-adversarial', 'adversarial', 'kept only adversarial prompts');
      const row: GuardRow = {
        at: rec,
        response,
        adversarial,
        subcategory: optionalText(r, 'subcategory'),
        harmful: yesNo(r, 'prompt_harm_label', 'harmful', 'unharmful'),
        refusal: yesNo(r, 'response_refusal_label', 'refusal', 'compliance'),
      };
      if (!byPrompt.has(prompt)) {
        byPrompt.set(prompt, []);
        order.push(prompt);
      }
      byPrompt.get(prompt)!.push(row);
    },
    options,
  );
  for (const prompt of order) {
    const rows = byPrompt.get(prompt)!;
    const refusal = rows.find((x) => x.refusal);
    const compliance = rows.find((x) => !x.refusal);
    if (!refusal || !compliance) {
      const missingKind = refusal ? 'compliance' : 'refusal';
      for (const x of rows) {
        const problem = new RowProblem(
          'no-contrast',
          'response_refusal_label',
          `the prompt has no ${missingKind} to pair with`,
        );
        badRow(account, x.at, problem, options);
      }
      continue;
    }
    const harmful = rows[0].harmful;
    const [win, lose] = harmful ? [refusal, compliance] : [compliance, refusal];
    const pair: PreferencePair = {
      id: `${source}:${rows[0].at.row}`,
      source,
      prompt: userPrompt(prompt),
      chosen: win.response,
      rejected: lose.response,
      category: harmful ? 'should-refuse' : 'should-respond',
      meta: {
        adversarial: rows[0].adversarial,
        prompt_harm_label: harmful ? 'harmful' : 'unharmful',
        subcategory: rows[0].subcategory ?? null,
        rows: rows.length,
      },
    };
    account.keep(pair);
    // Responses beyond the first refusal/compliance of a prompt are counted, not silently dropped.
    for (const x of rows)
      if (x !== refusal && x !== compliance)
        badRow(account, x.at, new RowProblem('extra-response', 'response', 'prompt already paired'), options);
  }
  return account.report();
}
