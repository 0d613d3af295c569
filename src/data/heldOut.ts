// The held-out rule: a fixed fraction of prompts, chosen by a hash of the normalised last user prompt, never
// enters training in any recipe and is written as the held-out eval split. Hashing the prompt (not the pair) keeps
// every pair of one prompt on the same side, so no prompt leaks from training into the held-out split. Curation
// splits by it (curate/splitHeldOut.ts), training holds out by it, evaluation reads each source's held-out part.
import { createHash } from 'node:crypto';
import { lastUserText, type Message, type PreferencePair } from './schema.js';
import { fastWordTokens as wordTokens } from './wordTokens.js';

export const DEFAULT_HELD_OUT_FRACTION = 0.1;
export const DEFAULT_HELD_OUT_SALT = 'rmw-held-out-v1';

/** The prompt key that the split hashes: word tokens of the last user turn (src/data/ngrams.ts normalisation). */
export function heldOutKey(prompt: Message[]): string {
  return wordTokens(lastUserText(prompt)).join(' ');
}

/** A number in [0, 1) from sha256(salt + "\n" + key): the first 52 bits over 2^52. */
export function promptHashUnit(prompt: Message[], salt = DEFAULT_HELD_OUT_SALT): number {
  const hex = createHash('sha256')
    .update(`${salt}\n${heldOutKey(prompt)}`)
    .digest('hex')
    .slice(0, 13);
  return parseInt(hex, 16) / 2 ** 52;
}

/** True when the pair's prompt falls in the held-out fraction. */
export function isHeldOut(
  pair: { prompt: Message[] },
  fraction = DEFAULT_HELD_OUT_FRACTION,
  salt = DEFAULT_HELD_OUT_SALT,
): boolean {
  if (!(fraction >= 0 && fraction <= 1)) throw new Error(`held-out fraction must be in [0, 1], got ${fraction}`);
  return promptHashUnit(pair.prompt, salt) < fraction;
}

/** Marks held-out pairs with split "eval" (for writing the held-out file); other fields unchanged. */
export function asHeldOutSplit(pairs: readonly PreferencePair[]): PreferencePair[] {
  return pairs.map((p) => ({ ...p, split: 'eval' as const }));
}
