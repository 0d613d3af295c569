// A batch of items packed for the transformer (graph.ts), on the CPU: the last L token ids of each item folded into
// embedding rows and right-padded, plus what the padding decides, computed here once instead of on the device
// every step: the attention's key bias, the mean pool's weights, and the real tokens grouped by embedding row (a
// counting sort), which the fused embedding gradient sums without atomics (../device/fusedTokens.ts).
import * as tf from '@tensorflow/tfjs-core';
import type { TokenRows } from '../device/fusedTokens.js';

/** The two settings of the transformer's config that packing reads. */
export interface PackingShape {
  /** Tokens per item (L). */
  maxTokens: number;
  /** Embedding rows; an id folds to id mod vocabBuckets. */
  vocabBuckets: number;
}

/** A packed batch as the forward pass takes it: token ids, and what the padding decides, computed on the CPU. */
export interface TokenBatch {
  /** [N, L] int32 embedding rows (0 on padding). */
  ids: tf.Tensor2D;
  /** [N, L] the attention's additive key bias: 0 for tokens, −1e9 for padding (short items are right-padded). */
  keyBias: tf.Tensor2D;
  /** [N, L] the mean pool's weights: 1/(the item's token count) on its tokens, 0 on padding (an empty item: zeros). */
  poolWeights: tf.Tensor2D;
  /** The tokens grouped by embedding row, for the fused embedding gradient (packTokens with `tokenRows`). */
  tokenRows?: TokenRows;
}

/** A packed batch as plain arrays (row-major [N, L]); `rowStart`/`rowTokens` group the real tokens by row. */
export interface TokenArrays {
  ids: Int32Array;
  mask: Float32Array;
  keyBias: Float32Array;
  poolWeights: Float32Array;
  rowStart: Int32Array;
  rowTokens: Int32Array;
  shape: [number, number];
}

/** Packs items: the last L ids of each, folded into embedding rows, right-padded. */
export function packTokenArrays(items: readonly { ids: Int32Array }[], c: PackingShape): TokenArrays {
  const L = c.maxTokens,
    N = items.length;
  const ids = new Int32Array(N * L),
    mask = new Float32Array(N * L),
    keyBias = new Float32Array(N * L).fill(-1e9),
    poolWeights = new Float32Array(N * L);
  const rowStart = new Int32Array(c.vocabBuckets + 1);
  for (let i = 0; i < N; i++) {
    const src = items[i].ids;
    const start = Math.max(0, src.length - L);
    for (let t = start; t < src.length; t++) {
      const j = i * L + (t - start);
      ids[j] = src[t] % c.vocabBuckets;
      mask[j] = 1;
      keyBias[j] = 0;
      poolWeights[j] = 1 / (src.length - start);
      rowStart[ids[j] + 1]++;
    }
  }
  // Counting sort of the token positions by row: ascending positions within each row.
  for (let v = 0; v < c.vocabBuckets; v++) rowStart[v + 1] += rowStart[v];
  const rowTokens = new Int32Array(rowStart[c.vocabBuckets]);
  const next = rowStart.slice(0, c.vocabBuckets);
  for (let j = 0; j < N * L; j++) if (mask[j] === 1) rowTokens[next[ids[j]]++] = j;
  return { ids, mask, keyBias, poolWeights, rowStart, rowTokens, shape: [N, L] };
}

/** packTokenArrays as the tensors the forward pass takes (`tokenRows`: for the fused embedding's gradient). */
export function packTokens(
  items: readonly { ids: Int32Array }[],
  c: PackingShape,
  options: { tokenRows?: boolean } = {},
): TokenBatch {
  const a = packTokenArrays(items, c);
  return {
    ids: tf.tensor2d(a.ids, a.shape, 'int32'),
    keyBias: tf.tensor2d(a.keyBias, a.shape),
    poolWeights: tf.tensor2d(a.poolWeights, a.shape),
    tokenRows: options.tokenRows
      ? { start: tf.tensor1d(a.rowStart, 'int32'), tokens: tf.tensor1d(a.rowTokens, 'int32') }
      : undefined,
  };
}

/** The batch's tensors (outside a tidy). */
export function disposeTokenBatch(b: TokenBatch): void {
  tf.dispose([b.ids, b.keyBias, b.poolWeights, ...(b.tokenRows ? [b.tokenRows.start, b.tokenRows.tokens] : [])]);
}
