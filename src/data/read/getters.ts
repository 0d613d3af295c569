// The field getters every loader uses inside a row handler: each returns the typed value or throws a RowProblem with
// the schema's stable reason (missing-field, wrong-type, empty-string, bad-value) and the field's dotted path.
// Fields may be dotted paths into nested records ("metadata.score_chosen"); a key containing dots is tried whole first.
import type { Message } from '../schema.js';
import { checkMessages, describeType } from '../validate.js';
import { getPath } from './path.js';
import { RowProblem, type RawRecord } from './problem.js';

const missing = (field: string) => new RowProblem('missing-field', field, 'is missing');

/** A required string; empty or whitespace-only is refused unless `allowEmpty`. */
export function text(rec: RawRecord, field: string, allowEmpty = false): string {
  const v = getPath(rec, field);
  if (v === undefined || v === null) throw missing(field);
  if (typeof v !== 'string') throw new RowProblem('wrong-type', field, `expected a string, got ${describeType(v)}`);
  if (!allowEmpty && v.trim() === '') throw new RowProblem('empty-string', field, 'is an empty string');
  return v;
}

/** An optional string: absent, null and empty all give undefined; another type is still a problem. */
export function optionalText(rec: RawRecord, field: string): string | undefined {
  const v = getPath(rec, field);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new RowProblem('wrong-type', field, `expected a string, got ${describeType(v)}`);
  return v.trim() === '' ? undefined : v;
}

/** A plain decimal number written as text (what a CSV cell holds): no hex, no Infinity, no surrounding spaces. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A required finite number: a number, or a string holding a plain decimal number (CSV has no number type, and some
 * JSON exports store numbers as text). Anything else is wrong-type; NaN and infinities are bad-value.
 */
export function num(rec: RawRecord, field: string): number {
  const v = getPath(rec, field);
  if (v === undefined || v === null) throw missing(field);
  if (v === '') throw new RowProblem('empty-string', field, 'is an empty string');
  const n = typeof v === 'number' ? v : typeof v === 'string' && DECIMAL.test(v) ? Number(v) : undefined;
  if (n === undefined) throw new RowProblem('wrong-type', field, `expected a number, got ${describe(v)}`);
  if (!Number.isFinite(n)) throw new RowProblem('bad-value', field, `expected a finite number, got ${describe(v)}`);
  return n;
}

function describe(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : describeType(v);
}

/** A required nested object. */
export function obj(rec: RawRecord, field: string): RawRecord {
  const v = getPath(rec, field);
  if (v === undefined || v === null) throw missing(field);
  if (typeof v !== 'object' || Array.isArray(v))
    throw new RowProblem('wrong-type', field, `expected an object, got ${describeType(v)}`);
  return v as RawRecord;
}

/** A required array. */
export function list(rec: RawRecord, field: string): unknown[] {
  const v = getPath(rec, field);
  if (v === undefined || v === null) throw missing(field);
  if (!Array.isArray(v)) throw new RowProblem('wrong-type', field, `expected a list, got ${describeType(v)}`);
  return v;
}

/** A required array of strings (non-empty unless `allowEmpty`), of exactly `length` entries when given. */
export function textList(rec: RawRecord, field: string, length?: number, allowEmpty = false): string[] {
  const v = list(rec, field);
  if (length !== undefined && v.length !== length) {
    throw new RowProblem('bad-value', field, `expected ${length} entries, got ${v.length}`);
  }
  return v.map((x, k) => {
    const at = `${field}[${k}]`;
    if (typeof x !== 'string') throw new RowProblem('wrong-type', at, `expected a string, got ${describeType(x)}`);
    if (!allowEmpty && x.trim() === '') throw new RowProblem('empty-string', at, 'is an empty string');
    return x;
  });
}

/** A required non-empty list of {role, content} messages (copied, extra keys dropped). */
export function messages(rec: RawRecord, field: string): Message[] {
  const v = getPath(rec, field);
  const p = checkMessages(v === null ? undefined : v, field);
  if (p) throw new RowProblem(p.reason, p.field, p.detail);
  return (v as Message[]).map((m) => ({ role: m.role, content: m.content }));
}
