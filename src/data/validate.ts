// Validation of PreferencePair and ResponseGroup objects arriving from files: every problem has a short stable
// reason (counted in load reports) and names the field it is in, so an error can say file, row and field.
import { InputError, type InputLocation } from '../util/errors.js';
import type { Message, PreferencePair, ResponseGroup, Role, Split } from './schema.js';

/** Stable reason codes, used as quarantine reasons and in error messages. */
export type ProblemReason = 'missing-field' | 'wrong-type' | 'empty-string' | 'bad-value';

export interface Problem {
  reason: ProblemReason;
  /** Dotted path of the offending field, e.g. `prompt[1].role`. */
  field: string;
  detail: string;
}

const ROLES: ReadonlySet<string> = new Set<Role>(['system', 'user', 'assistant']);
const SPLITS: ReadonlySet<string> = new Set<Split>(['train', 'eval', 'test']);

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A required non-empty string (whitespace-only counts as empty). */
function checkText(obj: Record<string, unknown>, key: string, path = key): Problem | undefined {
  const v = obj[key];
  if (v === undefined) return { reason: 'missing-field', field: path, detail: 'is missing' };
  if (typeof v !== 'string')
    return { reason: 'wrong-type', field: path, detail: `expected a string, got ${describeType(v)}` };
  if (v.trim() === '') return { reason: 'empty-string', field: path, detail: 'is an empty string' };
  return undefined;
}

function checkOptionalText(obj: Record<string, unknown>, key: string): Problem | undefined {
  return obj[key] === undefined ? undefined : checkText(obj, key);
}

function checkOptionalNumber(obj: Record<string, unknown>, key: string, path = key): Problem | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number')
    return { reason: 'wrong-type', field: path, detail: `expected a number, got ${describeType(v)}` };
  if (!Number.isFinite(v)) return { reason: 'bad-value', field: path, detail: `expected a finite number, got ${v}` };
  return undefined;
}

function checkSplit(obj: Record<string, unknown>): Problem | undefined {
  const v = obj.split;
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !SPLITS.has(v)) {
    return {
      reason: 'bad-value',
      field: 'split',
      detail: `expected one of train, eval, test, got ${JSON.stringify(v)}`,
    };
  }
  return undefined;
}

function checkMeta(obj: Record<string, unknown>): Problem | undefined {
  const v = obj.meta;
  if (v === undefined) return undefined;
  if (!isRecord(v))
    return { reason: 'wrong-type', field: 'meta', detail: `expected an object, got ${describeType(v)}` };
  for (const [k, x] of Object.entries(v)) {
    const t = typeof x;
    if (x !== null && t !== 'string' && t !== 'number' && t !== 'boolean') {
      return {
        reason: 'wrong-type',
        field: `meta.${k}`,
        detail: `expected a string, number, boolean or null, got ${describeType(x)}`,
      };
    }
  }
  return undefined;
}

/** Problems of a message list (the prompt); an empty prompt is allowed only when `allowEmpty`. */
export function checkMessages(value: unknown, field: string, allowEmpty = false): Problem | undefined {
  if (value === undefined) return { reason: 'missing-field', field, detail: 'is missing' };
  if (!Array.isArray(value))
    return { reason: 'wrong-type', field, detail: `expected a list of messages, got ${describeType(value)}` };
  if (value.length === 0 && !allowEmpty) return { reason: 'empty-string', field, detail: 'has no messages' };
  for (let i = 0; i < value.length; i++) {
    const m = value[i];
    const at = `${field}[${i}]`;
    if (!isRecord(m))
      return { reason: 'wrong-type', field: at, detail: `expected a {role, content} object, got ${describeType(m)}` };
    const role = m.role;
    if (role === undefined) return { reason: 'missing-field', field: `${at}.role`, detail: 'is missing' };
    if (typeof role !== 'string' || !ROLES.has(role)) {
      return {
        reason: 'bad-value',
        field: `${at}.role`,
        detail: `expected system, user or assistant, got ${JSON.stringify(role)}`,
      };
    }
    const p = checkText(m, 'content', `${at}.content`);
    if (p) return p;
  }
  return undefined;
}

/** The first problem of a would-be PreferencePair, or undefined when it is valid. */
export function checkPair(obj: unknown): Problem | undefined {
  if (!isRecord(obj))
    return { reason: 'wrong-type', field: '(record)', detail: `expected an object, got ${describeType(obj)}` };
  return (
    checkText(obj, 'id') ??
    checkText(obj, 'source') ??
    checkMessages(obj.prompt, 'prompt') ??
    checkText(obj, 'chosen') ??
    checkText(obj, 'rejected') ??
    checkOptionalNumber(obj, 'margin') ??
    checkOptionalNumber(obj, 'chosenScore') ??
    checkOptionalNumber(obj, 'rejectedScore') ??
    checkOptionalText(obj, 'category') ??
    checkOptionalText(obj, 'chosenModel') ??
    checkOptionalText(obj, 'rejectedModel') ??
    checkSplit(obj) ??
    checkOptionalText(obj, 'subset') ??
    checkMeta(obj)
  );
}

/** The first problem of a would-be ResponseGroup, or undefined when it is valid. */
export function checkGroup(obj: unknown): Problem | undefined {
  if (!isRecord(obj))
    return { reason: 'wrong-type', field: '(record)', detail: `expected an object, got ${describeType(obj)}` };
  const head = checkText(obj, 'id') ?? checkText(obj, 'source') ?? checkMessages(obj.prompt, 'prompt');
  if (head) return head;
  const rs = obj.responses;
  if (rs === undefined) return { reason: 'missing-field', field: 'responses', detail: 'is missing' };
  if (!Array.isArray(rs))
    return { reason: 'wrong-type', field: 'responses', detail: `expected a list, got ${describeType(rs)}` };
  if (rs.length === 0) return { reason: 'empty-string', field: 'responses', detail: 'has no responses' };
  for (let i = 0; i < rs.length; i++) {
    const r = rs[i];
    const at = `responses[${i}]`;
    if (!isRecord(r)) return { reason: 'wrong-type', field: at, detail: `expected an object, got ${describeType(r)}` };
    const p =
      checkText(r, 'text', `${at}.text`) ??
      checkOptionalNumber(r, 'score', `${at}.score`) ??
      (r.model === undefined ? undefined : checkText(r, 'model', `${at}.model`));
    if (p) return p;
    if (r.ratings !== undefined) {
      if (!isRecord(r.ratings))
        return {
          reason: 'wrong-type',
          field: `${at}.ratings`,
          detail: `expected an object, got ${describeType(r.ratings)}`,
        };
      for (const k of Object.keys(r.ratings)) {
        const q = checkOptionalNumber(r.ratings, k, `${at}.ratings.${k}`);
        if (q) return q;
      }
    }
  }
  return checkOptionalText(obj, 'category') ?? checkSplit(obj) ?? checkMeta(obj);
}

function fail(problem: Problem, location: InputLocation): never {
  throw new InputError({ ...location, field: problem.field }, `${problem.reason}: ${problem.detail}`);
}

/** The object as a PreferencePair, or an InputError naming file, row and field. */
export function validatePair(obj: unknown, location: InputLocation): PreferencePair {
  const problem = checkPair(obj);
  if (problem) fail(problem, location);
  return obj as PreferencePair;
}

/** The object as a ResponseGroup, or an InputError naming file, row and field. */
export function validateGroup(obj: unknown, location: InputLocation): ResponseGroup {
  const problem = checkGroup(obj);
  if (problem) fail(problem, location);
  return obj as ResponseGroup;
}

/** Narrowing helper for callers that build messages from loose input. */
export function isMessage(value: unknown): value is Message {
  return checkMessages([value], 'm') === undefined;
}
