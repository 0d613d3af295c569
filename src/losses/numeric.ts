// Numerically safe building blocks shared by the losses, in plain numbers and tfjs.
// Every loss is written with softplus: log σ(x) = −softplus(−x). tf.logSigmoid is never used: its gradient throws
// on a computed input in tfjs 4.22 (shared/reference/stack.md).
import * as tf from '@tensorflow/tfjs-core';
import type { LossParams, PairLoss } from './types.js';

/** softplus(x) = log(1 + eˣ), exact for every finite x (no overflow at x = 1e4, no underflow to 0 too early). */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** σ(x) = 1 / (1 + e⁻ˣ), without overflow for large |x|. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** log σ(x) = −softplus(−x). */
export function logSigmoid(x: number): number {
  return -softplus(-x);
}

function describeShape(t: tf.Tensor): string {
  return `[${t.shape.join(', ')}]`;
}

/**
 * Throws unless rChosen and rRejected (and margin, if given) are 1-D tensors of the same length.
 * A [B] against [B, 1] would broadcast to a [B, B] loss in most frameworks; here it is an error.
 */
export function assertPairShapes(
  lossName: string,
  rChosen: tf.Tensor,
  rRejected: tf.Tensor,
  margin: tf.Tensor | null,
): void {
  const named: [string, tf.Tensor | null][] = [
    ['rChosen', rChosen],
    ['rRejected', rRejected],
    ['margin', margin],
  ];
  for (const [name, t] of named) {
    if (t === null) continue;
    if (t.rank !== 1) {
      throw new Error(
        `loss ${lossName}: ${name} must be a 1-D tensor [batch], got shape ${describeShape(t)}` +
          (t.rank === 2 && t.shape[1] === 1
            ? ' (squeeze the trailing 1: a [B,1] would broadcast against [B] to [B,B])'
            : ''),
      );
    }
  }
  for (const [name, t] of named.slice(1)) {
    if (t !== null && t.shape[0] !== rChosen.shape[0]) {
      throw new Error(`loss ${lossName}: rChosen has ${rChosen.shape[0]} pairs but ${name} has ${t.shape[0]}`);
    }
  }
}

/** Same check for plain arrays; also rejects non-finite rewards, naming the index. */
export function assertPairArrays(
  lossName: string,
  rChosen: ArrayLike<number>,
  rRejected: ArrayLike<number>,
  margin: ArrayLike<number> | null,
): void {
  if (rChosen.length !== rRejected.length) {
    throw new Error(`loss ${lossName}: rChosen has ${rChosen.length} pairs but rRejected has ${rRejected.length}`);
  }
  if (margin !== null && margin.length !== rChosen.length) {
    throw new Error(`loss ${lossName}: rChosen has ${rChosen.length} pairs but margin has ${margin.length}`);
  }
  const named: [string, ArrayLike<number> | null][] = [
    ['rChosen', rChosen],
    ['rRejected', rRejected],
    ['margin', margin],
  ];
  for (const [name, xs] of named) {
    if (xs === null) continue;
    for (let i = 0; i < xs.length; i++) {
      if (typeof xs[i] !== 'number' || !Number.isFinite(xs[i])) {
        throw new Error(`loss ${lossName}: ${name}[${i}] is ${String(xs[i])}, expected a finite number`);
      }
    }
  }
}

/** The loss's defaults overlaid with the given params (undefined entries do not override), validated. */
export function resolveParams(
  loss: PairLoss,
  params: LossParams = {},
): Required<Pick<LossParams, 'center'>> & LossParams {
  const out: LossParams = { center: 0, ...loss.defaults };
  for (const [k, v] of Object.entries(params) as [keyof LossParams, unknown][]) {
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  validateParams(loss.name, out);
  return out as Required<Pick<LossParams, 'center'>> & LossParams;
}

/** Throws a clear error for a parameter outside its valid range. */
export function validateParams(lossName: string, p: LossParams): void {
  const check = (key: keyof LossParams, ok: (v: number) => boolean, rule: string): void => {
    const v = p[key];
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) {
      throw new Error(`loss ${lossName}: parameter ${key} = ${String(v)} is invalid (${rule})`);
    }
  };
  check('gamma', (v) => v >= 0, 'γ must be ≥ 0');
  check('m', () => true, 'm must be finite');
  check('t', (v) => v <= 1, 't must be ≤ 1: for t > 1 the tempered log is unbounded and overflows at large |Δ|');
  check('temperature', (v) => v > 0, 'T must be > 0');
  check('center', (v) => v >= 0, 'λ must be ≥ 0');
  if (p.marginFromPairs !== undefined && typeof p.marginFromPairs !== 'boolean') {
    throw new Error(`loss ${lossName}: parameter marginFromPairs must be true or false`);
  }
}
