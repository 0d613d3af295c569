// Anthropic HH-RLHF (Bai et al., 2022) test splits: each row holds two full dialogues, `chosen` and `rejected`,
// that share every turn but the last assistant reply.
// Pairing rule: split each dialogue at its last "\n\nAssistant:" marker. The text before it is the prompt, parsed
// into messages at every "\n\nHuman:" / "\n\nAssistant:" marker; the text after it (trimmed) is the response.
// Quarantined with a counted reason, checked in this order: the two dialogues are identical ("chosen equals
// rejected": 36 rows over the four splits); a dialogue has no Assistant turn; the two prompts differ; a response or a
// turn is empty; the dialogue does not start with a Human turn.
import type { Message, PreferencePair } from '../schema.js';
import type { LoadReport } from '../loadReport.js';
import { readJsonlRecords } from '../read/jsonl.js';
import { text } from '../read/getters.js';
import { RowProblem, type ReadOptions } from '../read/problem.js';
import { eachRecord } from '../read/walk.js';
import { openSource } from './openSource.js';

export const HH_IDS = ['hh-helpful-base', 'hh-helpful-online', 'hh-helpful-rejection-sampled', 'hh-harmless-base'];

const ASSISTANT = '\n\nAssistant:';
const TURN = /\n\n(Human|Assistant):/g;

/** Split one HH transcript into its prompt messages and the final assistant response. */
export function splitHhDialogue(dialogue: string): { prompt: Message[]; response: string; promptText: string } {
  const cut = dialogue.lastIndexOf(ASSISTANT);
  if (cut < 0) throw new RowProblem('no Assistant turn');
  const promptText = dialogue.slice(0, cut);
  const response = dialogue.slice(cut + ASSISTANT.length).trim();
  return { prompt: parseHhTurns(promptText), response, promptText };
}

/** "\n\nHuman: a\n\nAssistant: b\n\nHuman: c" -> user/assistant/user messages (contents trimmed). */
export function parseHhTurns(transcript: string): Message[] {
  const marks = [...transcript.matchAll(TURN)];
  if (marks.length === 0 || transcript.slice(0, marks[0].index).trim() !== '' || marks[0][1] !== 'Human') {
    throw new RowProblem('dialogue does not start with a Human turn');
  }
  return marks.map((m, k) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = k + 1 < marks.length ? marks[k + 1].index : transcript.length;
    const content = transcript.slice(start, end).trim();
    if (content === '') throw new RowProblem('empty turn');
    return { role: m[1] === 'Human' ? 'user' : 'assistant', content } satisfies Message;
  });
}

export async function loadHhRlhf(id: string, options: ReadOptions = {}): Promise<LoadReport<PreferencePair>> {
  if (!HH_IDS.includes(id)) throw new Error(`loadHhRlhf: "${id}" is not one of ${HH_IDS.join(', ')}`);
  const { resolved, account } = await openSource<PreferencePair>(id);
  eachRecord(
    account,
    readJsonlRecords(resolved.path),
    (rec, { row: line }) => {
      const chosenText = text(rec, 'chosen');
      const rejectedText = text(rec, 'rejected');
      if (chosenText === rejectedText) throw new RowProblem('chosen equals rejected', 'chosen');
      const cut1 = chosenText.lastIndexOf(ASSISTANT);
      const cut2 = rejectedText.lastIndexOf(ASSISTANT);
      if (cut1 < 0 || cut2 < 0) throw new RowProblem('no Assistant turn', cut1 < 0 ? 'chosen' : 'rejected');
      if (chosenText.slice(0, cut1) !== rejectedText.slice(0, cut2)) {
        throw new RowProblem('prompts differ between chosen and rejected', 'rejected');
      }
      const c = splitHhDialogue(chosenText);
      const r = splitHhDialogue(rejectedText);
      if (c.response === '') throw new RowProblem('empty response', 'chosen');
      if (r.response === '') throw new RowProblem('empty response', 'rejected');
      account.keep({
        id: `${id}:${line}`,
        source: id,
        prompt: c.prompt,
        chosen: c.response,
        rejected: r.response,
        split: 'test',
        ...(id === 'hh-harmless-base' ? { category: 'safety' } : {}),
      });
    },
    options,
  );
  return account.report();
}
