// nvidia/HelpSteer2 ratings files (train.jsonl.gz, validation.jsonl.gz) -> ResponseGroup with five ratings.
//
// Verified (dataset card front matter and file listing, huggingface.co/datasets/nvidia/HelpSteer2): columns
// prompt, response (strings) and helpfulness, correctness, coherence, complexity, verbosity (int32, 0-4); files
// train.jsonl.gz (20,324 rows) and validation.jsonl.gz (1,038 rows); each prompt has two responses, in consecutive
// rows.
// Assumed (card text seen only with its markup stripped): multi-turn prompts join earlier turns with
// "<extra_id_1>Assistant" / "<extra_id_1>User" lines; they are split back into messages here.
// Pairing (higher helpfulness = chosen, ties dropped, per the paper's sources) is curation's job, not the loader's.
import { LoadAccount, type LoadReport } from '../loadReport.js';
import type { Message, ResponseGroup, Split } from '../schema.js';
import { num, text } from '../read/getters.js';
import { RowProblem, type ReadOptions, type SourceRecord } from '../read/problem.js';
import { readRecords } from '../read/records.js';
import { badRow, eachRecord } from '../read/walk.js';

export const HELPSTEER2_ATTRIBUTES = ['helpfulness', 'correctness', 'coherence', 'complexity', 'verbosity'] as const;

const TURN_MARK = /\n?<extra_id_1>(User|Assistant)\n?/;

/** A HelpSteer2 prompt string as messages (single-turn prompts are one user message). */
export function helpSteer2Prompt(prompt: string): Message[] {
  const parts = prompt.split(TURN_MARK);
  const out: Message[] = [{ role: 'user', content: parts[0] }];
  for (let i = 1; i + 1 < parts.length; i += 2) {
    out.push({ role: parts[i] === 'User' ? 'user' : 'assistant', content: parts[i + 1] });
  }
  return out.filter((m) => m.content.trim() !== '');
}

interface RatedRow {
  at: SourceRecord;
  prompt: string;
  response: string;
  ratings: Record<string, number>;
}

export async function loadHelpSteer2(
  path: string,
  options: ReadOptions & { split?: Split; source?: string } = {},
): Promise<LoadReport<ResponseGroup>> {
  const source = options.source ?? 'helpsteer2';
  const account = new LoadAccount<ResponseGroup>(source, path);
  const rows: RatedRow[] = [];
  const { records } = await readRecords(path);
  eachRecord(
    account,
    records,
    (r, rec) => {
      const prompt = text(r, 'prompt');
      const response = text(r, 'response');
      const ratings: Record<string, number> = {};
      for (const k of HELPSTEER2_ATTRIBUTES) {
        const v = num(r, k);
        if (v < 0 || v > 4) throw new RowProblem('bad-value', k, `expected a rating from 0 to 4, got ${v}`);
        ratings[k] = v;
      }
      rows.push({ at: rec, prompt, response, ratings });
    },
    options,
  );
  // Consecutive valid rows with the same prompt form one group.
  for (let i = 0; i < rows.length; ) {
    let j = i + 1;
    while (j < rows.length && rows[j].prompt === rows[i].prompt) j++;
    const members = rows.slice(i, j);
    if (members.length < 2) {
      const problem = new RowProblem('unpaired-response', 'prompt', 'no neighbouring row shares this prompt');
      badRow(account, members[0].at, problem, options);
    } else {
      const group: ResponseGroup = {
        id: `${source}:${options.split ? `${options.split}:` : ''}${members[0].at.row}`,
        source,
        prompt: helpSteer2Prompt(members[0].prompt),
        responses: members.map((m) => ({ text: m.response, score: m.ratings.helpfulness, ratings: m.ratings })),
      };
      if (options.split) group.split = options.split;
      account.keep(group);
    }
    i = j;
  }
  return account.report();
}
