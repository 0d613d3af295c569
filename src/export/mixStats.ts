// A curated mix's sequence lengths in tokens: what the job's
// maximum length and cost estimate are computed from. Tokens are counted with the workbench's own tokenizer
// (cl100k_base BPE, ChatML turns: src/model/chatFormat.ts) as a proxy for the base model's: Llama 3's vocabulary
// extends cl100k_base and Gemma's splits English text into a similar number of pieces, so counts are close, not
// equal; the max-length rule below keeps a 15% margin for that.
import type { PreferencePair } from '../data/schema.js';
import { formatPromptIds, formatResponseIds } from '../model/chatFormat.js';
import { progress } from '../util/progress.js';
import type { Hparam } from './hparams.js';

/** Tokens of each pair's two sequences (prompt + response), chosen and rejected interleaved: [c0, r0, c1, r1, ...]. */
export function sequenceLengths(pairs: readonly PreferencePair[]): Int32Array {
  const out = new Int32Array(2 * pairs.length);
  const bar = progress('export: counting tokens', pairs.length);
  pairs.forEach((p, i) => {
    const prompt = formatPromptIds(p.prompt).length;
    out[2 * i] = prompt + formatResponseIds(p.chosen).length;
    out[2 * i + 1] = prompt + formatResponseIds(p.rejected).length;
    bar.tick();
  });
  bar.done();
  return out;
}

export interface LengthStats {
  sequences: number;
  mean: number;
  p50: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of sorted values (p in (0, 100]). */
function percentile(sorted: Int32Array, p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function lengthStats(lengths: Int32Array): LengthStats {
  if (!lengths.length) throw new Error('lengthStats: no sequences');
  const sorted = Int32Array.from(lengths).sort();
  let sum = 0;
  for (const v of lengths) sum += v;
  return {
    sequences: lengths.length,
    mean: sum / lengths.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
  };
}

/** Round-up step of the chosen maximum length, and the margin for a different tokenizer. */
export const MAX_LENGTH_STEP = 512;
export const TOKENIZER_MARGIN = 1.15;

/** The paper gives no maximum length: take the mix's 99th-percentile sequence x 1.15, rounded up to 512, within the
 * base model's context. */
export function chooseMaxLength(stats: LengthStats, maxContext: number): Hparam<number> {
  const want = Math.ceil((stats.p99 * TOKENIZER_MARGIN) / MAX_LENGTH_STEP) * MAX_LENGTH_STEP;
  const value = Math.min(Math.max(want, MAX_LENGTH_STEP), maxContext);
  return {
    value,
    paper: false,
    source:
      `NOT STATED by the paper; chosen from this mix: 99th percentile of its ${stats.sequences} sequences is ` +
      `${stats.p99} tokens (cl100k_base proxy), x ${TOKENIZER_MARGIN} for the base model's tokenizer, rounded up ` +
      `to ${MAX_LENGTH_STEP}${value < want ? `, capped at the model's context ${maxContext}` : ''}`,
  };
}

export interface CappedTokens {
  /** Sum over all sequences of min(length, maxLength). */
  tokens: number;
  /** Pairs with at least one sequence over maxLength (TRL drops them, OpenRLHF truncates them). */
  pairsOver: number;
}

export function capTokens(lengths: Int32Array, maxLength: number): CappedTokens {
  let tokens = 0;
  let pairsOver = 0;
  for (let i = 0; i < lengths.length; i += 2) {
    tokens += Math.min(lengths[i], maxLength) + Math.min(lengths[i + 1], maxLength);
    if (lengths[i] > maxLength || lengths[i + 1] > maxLength) pairsOver++;
  }
  return { tokens, pairsOver };
}
