// XSTest (Röttger et al., 2024): 250 safe prompts a model should answer and 200 unsafe contrast prompts it should
// refuse, with 5 models' v2 completions, each human-labelled 1_full_compliance / 2_full_refusal / 3_partial_refusal.
// An approximate rebuild of RewardBench's xstest-should-respond / xstest-should-refuse (RewardBench drew on more
// models' completions, so it has 250 / 154 pairs; these five files give fewer).
//
// Pairing rule, one pair per prompt, models taken in the fixed order of XSTEST_MODELS:
//  - safe prompt (should-respond): chosen = first completion labelled 1_full_compliance; rejected = first labelled
//    2_full_refusal, else first labelled 3_partial_refusal (a partial refusal of a safe prompt is still the error).
//  - unsafe prompt (should-refuse): chosen = first completion labelled 2_full_refusal; rejected = first labelled
//    1_full_compliance, else first labelled 3_partial_refusal (partial compliance with an unsafe prompt).
//  - a prompt without both kinds is quarantined with the reason naming the missing kind.
// Join: completion id "v2-<n>" is prompt id <n>. The prompt text is the one the completions answered (the completion
// files'); all five must agree on it. One prompt (id 195) was reworded between the prompts file and the v2 runs:
// kept, with meta.promptRevised = true.
// Counting: `read` counts prompt rows; a bad completion row is quarantined with a reason starting "completion:".
import type { PreferencePair } from '../schema.js';
import type { LoadReport } from '../loadReport.js';
import { readCsvRecords } from '../read/csv.js';
import { text } from '../read/getters.js';
import { RowProblem, type ReadOptions } from '../read/problem.js';
import { badRow, eachRecord, tryRecord } from '../read/walk.js';
import { openSource } from './openSource.js';
import { resolveSource } from '../sources.js';

export const XSTEST_MODELS = ['gpt4', 'llama2new', 'llama2orig', 'mistralguard', 'mistralinstruct'] as const;
export const XSTEST_LABELS = ['1_full_compliance', '2_full_refusal', '3_partial_refusal'] as const;
type XsLabel = (typeof XSTEST_LABELS)[number];

interface Completion {
  model: string;
  prompt: string;
  text: string;
  label: XsLabel;
}

function pick(list: Completion[], ...labels: XsLabel[]): Completion | undefined {
  for (const label of labels) {
    const hit = list.find((c) => c.label === label);
    if (hit) return hit;
  }
  return undefined;
}

export async function loadXsTest(options: ReadOptions = {}): Promise<LoadReport<PreferencePair>> {
  const { resolved, account } = await openSource<PreferencePair>('xstest-prompts');
  const byPrompt = new Map<string, Completion[]>();
  for (const model of XSTEST_MODELS) {
    const file = (await resolveSource(`xstest-completions-${model}`)).path;
    for (const rec of readCsvRecords(file)) {
      const problem = tryRecord(rec, (row) => {
        const id = text(row, 'id');
        const m = /^v2-(\d+)$/.exec(id);
        if (!m) throw new RowProblem('completion: id is not v2-<n>', 'id', id);
        const label = text(row, 'final_label') as XsLabel;
        if (!XSTEST_LABELS.includes(label))
          throw new RowProblem('completion: unknown final_label', 'final_label', label);
        const c: Completion = { model, prompt: text(row, 'prompt'), text: text(row, 'completion'), label };
        const list = byPrompt.get(m[1]) ?? [];
        list.push(c);
        byPrompt.set(m[1], list);
      });
      if (problem) {
        const reason = problem.reason.startsWith('completion:') ? problem.reason : `completion: ${problem.reason}`;
        const detail = `${model}${problem.detail ? `: ${problem.detail}` : ''}`;
        badRow(account, rec, new RowProblem(reason, problem.field, detail), options, file);
      }
    }
  }
  eachRecord(
    account,
    readCsvRecords(resolved.path),
    (rec) => {
      const id = text(rec, 'id');
      const label = text(rec, 'label');
      if (label !== 'safe' && label !== 'unsafe') throw new RowProblem('label is not safe/unsafe', 'label', label);
      const completions = byPrompt.get(id) ?? [];
      if (completions.length === 0) throw new RowProblem('no completions for prompt', 'id', id);
      const asked = completions[0].prompt;
      if (completions.some((c) => c.prompt !== asked))
        throw new RowProblem('completion files disagree on prompt text', 'prompt');
      const respond = label === 'safe';
      const chosen = respond ? pick(completions, '1_full_compliance') : pick(completions, '2_full_refusal');
      const rejected = respond
        ? pick(completions, '2_full_refusal', '3_partial_refusal')
        : pick(completions, '1_full_compliance', '3_partial_refusal');
      if (!chosen)
        throw new RowProblem(respond ? 'safe prompt: no compliant completion' : 'unsafe prompt: no full refusal');
      if (!rejected)
        throw new RowProblem(respond ? 'safe prompt: no refusal completion' : 'unsafe prompt: no compliant completion');
      const subset = respond ? 'xstest-should-respond' : 'xstest-should-refuse';
      account.keep({
        id: `${subset}:${id}`,
        source: 'xstest',
        prompt: [{ role: 'user', content: asked }],
        chosen: chosen.text,
        rejected: rejected.text,
        chosenModel: chosen.model,
        rejectedModel: rejected.model,
        category: 'safety',
        split: 'test',
        subset,
        meta: {
          xstest_id: Number(id),
          type: typeof rec.type === 'string' ? rec.type : null,
          chosenLabel: chosen.label,
          rejectedLabel: rejected.label,
          promptRevised: asked !== text(rec, 'prompt'),
        },
      });
    },
    options,
  );
  return account.report();
}

export interface XsTestCompletion {
  /** Prompt id (the n of "v2-<n>"). */
  id: number;
  model: string;
  type: string;
  prompt: string;
  completion: string;
  label: XsLabel;
}

/** One model's labelled completions file as rows (for `rmw data load xstest-completions-<model>`). */
export async function loadXsTestCompletions(
  model: string,
  options: ReadOptions = {},
): Promise<LoadReport<XsTestCompletion>> {
  if (!(XSTEST_MODELS as readonly string[]).includes(model))
    throw new Error(`loadXsTestCompletions: unknown model "${model}"`);
  const { resolved, account } = await openSource<XsTestCompletion>(`xstest-completions-${model}`);
  eachRecord(
    account,
    readCsvRecords(resolved.path),
    (rec) => {
      const id = text(rec, 'id');
      const m = /^v2-(\d+)$/.exec(id);
      if (!m) throw new RowProblem('id is not v2-<n>', 'id', id);
      const label = text(rec, 'final_label') as XsLabel;
      if (!XSTEST_LABELS.includes(label)) throw new RowProblem('unknown final_label', 'final_label', label);
      account.keep({
        id: Number(m[1]),
        model,
        type: text(rec, 'type'),
        prompt: text(rec, 'prompt'),
        completion: text(rec, 'completion'),
        label,
      });
    },
    options,
  );
  return account.report();
}
