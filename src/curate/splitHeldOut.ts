// The held-out split as a curation step: the data area's held-out rule (src/data/heldOut.ts) applied to a list of
// pairs, with a step report that counts the held-out prompts as the step's drops.
import { DEFAULT_HELD_OUT_FRACTION, DEFAULT_HELD_OUT_SALT, isHeldOut } from '../data/heldOut.js';
import type { Message } from '../data/schema.js';
import { stepReport, type StepResult } from './report.js';

export interface HeldOutSplit<T> {
  train: StepResult<T>;
  heldOut: T[];
}

/** Splits pairs into training and held-out by prompt hash; held-out rows are the step's drops. */
export function splitHeldOut<T extends { prompt: Message[] }>(
  pairs: readonly T[],
  fraction = DEFAULT_HELD_OUT_FRACTION,
  salt = DEFAULT_HELD_OUT_SALT,
): HeldOutSplit<T> {
  const train: T[] = [];
  const heldOut: T[] = [];
  for (const p of pairs) (isHeldOut(p, fraction, salt) ? heldOut : train).push(p);
  const report = stepReport(
    'splitHeldOut',
    pairs.length,
    train.length,
    heldOut.length ? { 'held-out prompt': heldOut.length } : {},
    { fraction, salt, key: 'sha256(salt\\nwordTokens(last user turn))' },
  );
  return { train: { items: train, report }, heldOut };
}
