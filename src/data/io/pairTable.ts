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
import { arrowRecords } from '../read/arrow.js';
import { RowProblem, type RawRecord } from '../read/problem.js';
import type { PreferencePair } from '../schema.js';
import { pairsFromRecords } from './pairRecords.js';

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

/** An Arrow row of the pair table as a pair: null optionals dropped, `meta` parsed back from its JSON text. */
function pairFromRow(row: RawRecord): Record<string, unknown> {
  const pair: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (v !== null) pair[k] = v;
  if (typeof pair.meta === 'string') {
    try {
      pair.meta = JSON.parse(pair.meta);
    } catch {
      throw new RowProblem('bad-value', 'meta', 'not valid JSON text');
    }
  }
  return pair;
}

/**
 * A pair table back to pairs. Absent optional values come back absent (not null), so
 * pairsFromArrow(pairsToArrow(x)) deep-equals x. Each row is checked (strings as UTF-8 too); the first bad row fails,
 * naming `file`, row and field.
 */
export function pairsFromArrow(table: Table, file = '(arrow table)'): PreferencePair[] {
  for (const name of ['id', 'source', 'prompt', 'chosen', 'rejected']) {
    if (!table.getChild(name)) throw new InputError({ file, field: name }, `pair table has no column "${name}"`);
  }
  return pairsFromRecords(file, arrowRecords(table), pairFromRow);
}
