// The Arrow-backed pair table: one row per PreferencePair, columns named as the schema's fields.
// Strings are plain Utf8 (apache-arrow's tableFromArrays would dictionary-encode them, which changes the IPC bytes
// with the order values first appear); the prompt is List<Struct{role, content}>; optional fields are nullable;
// `meta` is stored as canonical JSON text so any flat record survives a round trip.
import {
  Field,
  Float64,
  List,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Utf8,
  makeData,
  vectorFromArray,
  type DataType,
  type Vector,
} from 'apache-arrow';
import { canonicalJson } from '../../util/hash.js';
import { InputError } from '../../util/errors.js';
import type { Message, PreferencePair, Split } from '../schema.js';
import { validatePair } from '../validate.js';

export const MESSAGE_TYPE = new Struct([new Field('role', new Utf8(), false), new Field('content', new Utf8(), false)]);
export const MESSAGES_TYPE = new List(new Field('item', MESSAGE_TYPE, false));

type TextKey = 'category' | 'chosenModel' | 'rejectedModel' | 'split' | 'subset';
type NumberKey = 'margin' | 'chosenScore' | 'rejectedScore';

/** Optional columns in table order, with their Arrow types. */
const OPTIONAL_NUMBERS: NumberKey[] = ['margin', 'chosenScore', 'rejectedScore'];
const OPTIONAL_TEXTS: TextKey[] = ['category', 'chosenModel', 'rejectedModel', 'split', 'subset'];

/** The fixed schema of a pair table: the same columns in the same order whatever the input. */
export function pairTableSchema(): Schema {
  return new Schema([
    new Field('id', new Utf8(), false),
    new Field('source', new Utf8(), false),
    new Field('prompt', MESSAGES_TYPE, false),
    new Field('chosen', new Utf8(), false),
    new Field('rejected', new Utf8(), false),
    ...OPTIONAL_NUMBERS.map((k) => new Field(k, new Float64(), true)),
    ...OPTIONAL_TEXTS.map((k) => new Field(k, new Utf8(), true)),
    new Field('meta', new Utf8(), true),
  ]);
}

function column(values: unknown[], type: DataType): Vector {
  return vectorFromArray(values as never[], type) as Vector;
}

/** Pairs to an Arrow table with the fixed pair schema (works for zero pairs too). */
export function pairsToArrow(pairs: readonly PreferencePair[]): Table {
  const schema = pairTableSchema();
  const cols: Vector[] = [
    column(
      pairs.map((p) => p.id),
      new Utf8(),
    ),
    column(
      pairs.map((p) => p.source),
      new Utf8(),
    ),
    column(
      pairs.map((p) => p.prompt.map((m) => ({ role: m.role, content: m.content }))),
      MESSAGES_TYPE,
    ),
    column(
      pairs.map((p) => p.chosen),
      new Utf8(),
    ),
    column(
      pairs.map((p) => p.rejected),
      new Utf8(),
    ),
    ...OPTIONAL_NUMBERS.map((k) =>
      column(
        pairs.map((p) => p[k] ?? null),
        new Float64(),
      ),
    ),
    ...OPTIONAL_TEXTS.map((k) =>
      column(
        pairs.map((p) => p[k] ?? null),
        new Utf8(),
      ),
    ),
    column(
      pairs.map((p) => (p.meta === undefined ? null : canonicalJson(p.meta))),
      new Utf8(),
    ),
  ];
  const data = makeData({
    type: new Struct(schema.fields),
    length: pairs.length,
    nullCount: 0,
    children: cols.map((c) => c.data[0]),
  });
  return new Table(schema, [new RecordBatch(schema, data)]);
}

function text(v: unknown): string | undefined {
  return v === null || v === undefined ? undefined : String(v);
}

/**
 * A pair table back to pairs. Absent optional values come back absent (not null), so
 * pairsFromArrow(pairsToArrow(x)) deep-equals x. Each row is validated; `file` names the source in errors.
 */
export function pairsFromArrow(table: Table, file = '(arrow table)'): PreferencePair[] {
  const need = ['id', 'source', 'prompt', 'chosen', 'rejected'];
  for (const name of need) {
    if (!table.getChild(name)) throw new Error(`${file}: pair table has no column "${name}"`);
  }
  const get = (name: string) => table.getChild(name);
  const ids = get('id')!,
    sources = get('source')!,
    prompts = get('prompt')!,
    chosen = get('chosen')!,
    rejected = get('rejected')!;
  const metas = get('meta');
  const out: PreferencePair[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const promptVec = prompts.get(i) as Vector | null;
    const prompt: Message[] = promptVec
      ? Array.from(
          promptVec as Iterable<{ role: unknown; content: unknown }>,
          (m) => ({ role: m.role, content: m.content }) as Message,
        )
      : (null as unknown as Message[]);
    const pair: PreferencePair = {
      id: ids.get(i),
      source: sources.get(i),
      prompt,
      chosen: chosen.get(i),
      rejected: rejected.get(i),
    };
    for (const k of OPTIONAL_NUMBERS) {
      const v = get(k)?.get(i);
      if (v !== null && v !== undefined) pair[k] = Number(v);
    }
    for (const k of OPTIONAL_TEXTS) {
      const v = text(get(k)?.get(i));
      if (v !== undefined) (pair as unknown as Record<string, string>)[k] = v;
    }
    if (pair.split !== undefined) pair.split = pair.split as Split;
    const meta = text(metas?.get(i));
    if (meta !== undefined) {
      try {
        pair.meta = JSON.parse(meta);
      } catch {
        throw new InputError({ file, row: i, rowKind: 'row', field: 'meta' }, 'not valid JSON text');
      }
    }
    out.push(validatePair(pair, { file, row: i, rowKind: 'row' }));
  }
  return out;
}
