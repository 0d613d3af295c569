// HumanEvalPack (Muennighoff et al., 2023, OctoPack): each HumanEval task in 6 languages with a hand-written bug.
// Pairing rule (RewardBench hep-<lang>): prompt = the record's `instruction` ("Write a <Lang> function `sig` to solve
// the following problem: ..."), chosen = `canonical_solution`, rejected = `buggy_solution`, both verbatim.
// The prompt form is confirmed against RM-Bench's code split, which reuses RewardBench's hep prompts: all its
// prompts equal a HumanEvalPack `instruction` exactly. That the responses are the bare solutions (without the
// `declaration`) is our reading of RewardBench, not checked against its released rows (not available offline).
import type { PreferencePair } from '../schema.js';
import type { LoadReport } from '../loadReport.js';
import { mergeReports } from './merge.js';
import { readJsonlRecords } from '../read/jsonl.js';
import { text } from '../read/getters.js';
import { RowProblem, type ReadOptions } from '../read/problem.js';
import { eachRecord } from '../read/walk.js';
import { openSource } from './openSource.js';

export const HEP_LANGUAGES = ['cpp', 'go', 'java', 'js', 'python', 'rust'] as const;
export type HepLanguage = (typeof HEP_LANGUAGES)[number];

export async function loadHumanEvalPack(
  lang: HepLanguage,
  options: ReadOptions = {},
): Promise<LoadReport<PreferencePair>> {
  if (!HEP_LANGUAGES.includes(lang))
    throw new Error(`loadHumanEvalPack: unknown language "${lang}" (${HEP_LANGUAGES.join(', ')})`);
  const id = `humanevalpack-${lang}`;
  const { resolved, account } = await openSource<PreferencePair>(id);
  eachRecord(
    account,
    readJsonlRecords(resolved.path),
    (rec) => {
      const taskId = text(rec, 'task_id');
      const instruction = text(rec, 'instruction');
      const canonical = text(rec, 'canonical_solution');
      const buggy = text(rec, 'buggy_solution');
      if (canonical === buggy) throw new RowProblem('chosen equals rejected', 'buggy_solution');
      account.keep({
        id: `hep-${lang}:${taskId}`,
        source: id,
        prompt: [{ role: 'user', content: instruction }],
        chosen: canonical,
        rejected: buggy,
        category: 'code',
        split: 'test',
        subset: `hep-${lang}`,
        meta: { task_id: taskId, bug_type: typeof rec.bug_type === 'string' ? rec.bug_type : null },
      });
    },
    options,
  );
  return account.report();
}

/** All six languages in one report (read/kept/quarantined summed; file lists the six paths). */
export async function loadHumanEvalPackAll(options: ReadOptions = {}): Promise<LoadReport<PreferencePair>> {
  const parts = [];
  for (const lang of HEP_LANGUAGES) parts.push(await loadHumanEvalPack(lang, options));
  return mergeReports('humanevalpack', parts);
}
