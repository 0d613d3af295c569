// Parquet files of preference pairs in the Hugging Face preference layout, so TRL / OpenRLHF can train on them.
//
// TRL's dataset-formats guide (huggingface.co/docs/trl/dataset_formats) defines two conversational preference
// layouts, and both are written here:
// - 'implicit' (default): no prompt column; `chosen` and `rejected` are whole conversations, i.e. the prompt messages
//   followed by the final assistant message. This is also the layout of Skywork-Reward-Preference-80K v0.1/v0.2
//   (columns chosen, rejected, source), the paper's own published data.
// - 'explicit': `prompt` is the message list and `chosen` / `rejected` hold only the final assistant message.
// (Writing a prompt column AND whole conversations would make TRL repeat the prompt, so that mix is read, not written.)
// Workbench fields follow as nullable snake_case columns: id, source, margin, chosen_score, rejected_score, category,
// chosen_model, rejected_model, split, subset, meta (canonical JSON text). Same pairs in, same bytes out.
import { parquetWriteBuffer } from 'hyparquet-writer';
import { writeFileAtomic } from '../../util/atomicWrite.js';
import { canonicalJson } from '../../util/hash.js';
import { readParquetRecords } from '../read/parquet.js';
import { RowProblem, type RawRecord } from '../read/problem.js';
import type { Message, PreferencePair } from '../schema.js';
import { checkMessages, describeType } from '../validate.js';
import { pairsFromRecords } from './pairRecords.js';

export type HfLayout = 'implicit' | 'explicit';

type SchemaElement = Record<string, unknown>;

function messagesSchema(name: string): SchemaElement[] {
  // The standard 3-level Parquet LIST of STRUCT{content, role}, as the datasets library writes `list: [content, role]`.
  return [
    { name, repetition_type: 'OPTIONAL', num_children: 1, converted_type: 'LIST' },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { name: 'element', repetition_type: 'OPTIONAL', num_children: 2 },
    { name: 'content', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    { name: 'role', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  ];
}

const stringCol = (name: string): SchemaElement => ({
  name,
  type: 'BYTE_ARRAY',
  converted_type: 'UTF8',
  repetition_type: 'OPTIONAL',
});
const doubleCol = (name: string): SchemaElement => ({ name, type: 'DOUBLE', repetition_type: 'OPTIONAL' });

const msg = (m: Message) => ({ content: m.content, role: m.role });

/**
 * Which columns follow the preference columns: every workbench field ('workbench'), or only `id` and `source`
 * ('id-source': what a training engine gets, where a `margin` column would change the loss: TRL's RewardTrainer
 * subtracts a `margin` column from the reward gap whenever one is present).
 */
/** Columns after the conversations: the workbench's own, only id and source, or id, source and the pair margin. */
export type HfExtraColumns = 'workbench' | 'id-source' | 'id-source-margin';

/** The Parquet bytes of the pairs in the chosen layout. */
export function pairsToParquetBytes(
  pairs: readonly PreferencePair[],
  layout: HfLayout = 'implicit',
  extra: HfExtraColumns = 'workbench',
): Uint8Array {
  const columns: { name: string; data: unknown[]; schema: SchemaElement[] }[] = [];
  const add = (name: string, data: unknown[], schema: SchemaElement[]) => columns.push({ name, data, schema });
  const final = (text: string): Message => ({ role: 'assistant', content: text });
  if (layout === 'explicit') {
    add(
      'prompt',
      pairs.map((p) => p.prompt.map(msg)),
      messagesSchema('prompt'),
    );
    add(
      'chosen',
      pairs.map((p) => [msg(final(p.chosen))]),
      messagesSchema('chosen'),
    );
    add(
      'rejected',
      pairs.map((p) => [msg(final(p.rejected))]),
      messagesSchema('rejected'),
    );
  } else {
    add(
      'chosen',
      pairs.map((p) => [...p.prompt, final(p.chosen)].map(msg)),
      messagesSchema('chosen'),
    );
    add(
      'rejected',
      pairs.map((p) => [...p.prompt, final(p.rejected)].map(msg)),
      messagesSchema('rejected'),
    );
  }
  add(
    'id',
    pairs.map((p) => p.id),
    [stringCol('id')],
  );
  add(
    'source',
    pairs.map((p) => p.source),
    [stringCol('source')],
  );
  if (extra === 'workbench') addWorkbenchColumns(pairs, add);
  if (extra === 'id-source-margin')
    add(
      'margin',
      pairs.map((p) => p.margin ?? 0),
      [doubleCol('margin')],
    );
  const schema = [{ name: 'schema', num_children: columns.length }, ...columns.flatMap((c) => c.schema)];
  const buffer = parquetWriteBuffer({
    columnData: columns.map((c) => ({ name: c.name, data: c.data as never })),
    schema: schema as never,
    kvMetadata: [{ key: 'rmw.layout', value: layout }],
  });
  return new Uint8Array(buffer);
}

type AddColumn = (name: string, data: unknown[], schema: SchemaElement[]) => void;

/** The workbench's own fields, as nullable snake_case columns. */
function addWorkbenchColumns(pairs: readonly PreferencePair[], add: AddColumn): void {
  add(
    'margin',
    pairs.map((p) => p.margin ?? null),
    [doubleCol('margin')],
  );
  add(
    'chosen_score',
    pairs.map((p) => p.chosenScore ?? null),
    [doubleCol('chosen_score')],
  );
  add(
    'rejected_score',
    pairs.map((p) => p.rejectedScore ?? null),
    [doubleCol('rejected_score')],
  );
  add(
    'category',
    pairs.map((p) => p.category ?? null),
    [stringCol('category')],
  );
  add(
    'chosen_model',
    pairs.map((p) => p.chosenModel ?? null),
    [stringCol('chosen_model')],
  );
  add(
    'rejected_model',
    pairs.map((p) => p.rejectedModel ?? null),
    [stringCol('rejected_model')],
  );
  add(
    'split',
    pairs.map((p) => p.split ?? null),
    [stringCol('split')],
  );
  add(
    'subset',
    pairs.map((p) => p.subset ?? null),
    [stringCol('subset')],
  );
  add(
    'meta',
    pairs.map((p) => (p.meta === undefined ? null : canonicalJson(p.meta))),
    [stringCol('meta')],
  );
}

export function writePairsParquet(
  path: string,
  pairs: readonly PreferencePair[],
  layout: HfLayout = 'implicit',
  extra: HfExtraColumns = 'workbench',
): void {
  writeFileAtomic(path, pairsToParquetBytes(pairs, layout, extra));
}

function sameMessages(a: Message[], b: Message[], n: number): boolean {
  for (let i = 0; i < n; i++) if (a[i].role !== b[i].role || a[i].content !== b[i].content) return false;
  return true;
}

export interface SplitConversation {
  prompt: Message[];
  chosen: string;
  rejected: string;
}

/**
 * Prompt and final responses from HF preference columns in any of the layouts: implicit (whole conversations),
 * explicit (prompt + one-message lists), prompt + whole conversations, or plain strings. Throws a RowProblem naming
 * the field when the columns cannot be one pair.
 */
export function splitHfConversation(prompt: unknown, chosen: unknown, rejected: unknown): SplitConversation {
  const asList = (v: unknown, field: string): Message[] => {
    if (typeof v === 'string') return [{ role: 'assistant', content: v }];
    const p = checkMessages(v === null ? undefined : v, field);
    if (p) throw new RowProblem(p.reason, p.field, p.detail);
    return v as Message[];
  };
  const c = asList(chosen, 'chosen');
  const r = asList(rejected, 'rejected');
  for (const [list, field] of [
    [c, 'chosen'],
    [r, 'rejected'],
  ] as const) {
    const last = list[list.length - 1].role;
    if (last !== 'assistant')
      throw new RowProblem('bad-value', field, `the last message must be the assistant's, got role "${last}"`);
  }
  let head: Message[];
  if (prompt === undefined || prompt === null) {
    head = c.slice(0, -1);
  } else if (typeof prompt === 'string') {
    head = [{ role: 'user', content: prompt }];
  } else {
    const p = checkMessages(prompt, 'prompt');
    if (p) throw new RowProblem(p.reason, p.field, p.detail);
    head = prompt as Message[];
  }
  // Whole conversations that repeat the prompt: check both sides agree with it before dropping it.
  const trim = (list: Message[], field: string): string => {
    if (list.length === 1) return list[0].content;
    if (list.length - 1 === head.length && sameMessages(list, head, head.length)) return list[list.length - 1].content;
    throw new RowProblem('bad-value', field, 'conversation before the final assistant message differs from the prompt');
  };
  const chosenText = trim(c, 'chosen');
  const rejectedText = trim(r, 'rejected');
  if (head.length === 0)
    throw new RowProblem('missing-field', 'chosen', 'no prompt messages before the final assistant message');
  return { prompt: head, chosen: chosenText, rejected: rejectedText };
}

const OPTIONAL_NUMBER_COLUMNS = [
  ['margin', 'margin'],
  ['chosen_score', 'chosenScore'],
  ['rejected_score', 'rejectedScore'],
] as const;
const OPTIONAL_TEXT_COLUMNS = [
  ['category', 'category'],
  ['chosen_model', 'chosenModel'],
  ['rejected_model', 'rejectedModel'],
  ['split', 'split'],
  ['subset', 'subset'],
] as const;

/** A row in either HF layout as a pair (snake_case columns to schema keys, conversations split, meta parsed). */
function pairFromHfRow(row: RawRecord): Record<string, unknown> {
  const conv = splitHfConversation(row.prompt, row.chosen, row.rejected);
  const pair: Record<string, unknown> = { id: row.id, source: row.source, ...conv };
  for (const [col, key] of OPTIONAL_NUMBER_COLUMNS)
    if (row[col] !== null && row[col] !== undefined) pair[key] = row[col];
  for (const [col, key] of OPTIONAL_TEXT_COLUMNS) if (row[col] !== null && row[col] !== undefined) pair[key] = row[col];
  if (row.meta !== null && row.meta !== undefined) {
    if (typeof row.meta !== 'string')
      throw new RowProblem('wrong-type', 'meta', `expected JSON text, got ${describeType(row.meta)}`);
    try {
      pair.meta = JSON.parse(row.meta);
    } catch {
      throw new RowProblem('bad-value', 'meta', 'not valid JSON text');
    }
  }
  return pair;
}

/** Pairs from a Parquet file written by writePairsParquet (either layout); the first bad row fails the file. */
export async function readPairsParquet(path: string): Promise<PreferencePair[]> {
  return pairsFromRecords(path, await readParquetRecords(path), pairFromHfRow);
}
