// Small shape checks for JSON inputs: each failure is an InputError naming the file, row and field.
import { InputError, type InputLocation } from '../util/errors.js';

export function check(ok: boolean, at: InputLocation, problem: string): void {
  if (!ok) throw new InputError(at, problem);
}

export function checkObject(value: unknown, at: InputLocation): Record<string, unknown> {
  check(
    value !== null && typeof value === 'object' && !Array.isArray(value),
    at,
    `expected an object, got ${describe(value)}`,
  );
  return value as Record<string, unknown>;
}

export function checkArray(value: unknown, at: InputLocation): unknown[] {
  check(Array.isArray(value), at, `expected an array, got ${describe(value)}`);
  return value as unknown[];
}

export function checkString(value: unknown, at: InputLocation): string {
  check(typeof value === 'string' && value.length > 0, at, `expected a non-empty string, got ${describe(value)}`);
  return value as string;
}

export function checkNumber(
  value: unknown,
  at: InputLocation,
  opts: { integer?: boolean; min?: number; max?: number } = {},
): number {
  check(typeof value === 'number' && Number.isFinite(value), at, `expected a finite number, got ${describe(value)}`);
  const n = value as number;
  if (opts.integer) check(Number.isInteger(n), at, `expected an integer, got ${n}`);
  if (opts.min !== undefined) check(n >= opts.min, at, `expected >= ${opts.min}, got ${n}`);
  if (opts.max !== undefined) check(n <= opts.max, at, `expected <= ${opts.max}, got ${n}`);
  return n;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `${typeof value} ${JSON.stringify(value).slice(0, 40)}`;
}
