// Whole-batch evaluation of a loss: the mean over pairs of loss + optional reward centring λ·(r_c + r_r)².
// `pairLossTensor` is what a tfjs trainer differentiates; `pairLossReference` is the same number in plain float64 with
// exact per-pair gradients (a plain-number trainer backprops from dChosen/dRejected divided by the batch size).
import * as tf from '@tensorflow/tfjs-core';
import { assertPairArrays, assertPairShapes, resolveParams } from './numeric.js';
import { getLoss } from './registry.js';
import { rewardCenteringTensor } from './rewardCentering.js';
import type { LossParams, PairLoss } from './types.js';

export interface PairLossBatch {
  /** Per-pair loss, including the centring term when params.center > 0. */
  loss: Float64Array;
  /** ∂(per-pair loss)/∂r_chosen; the gradient of `mean` is this divided by the batch size. */
  dChosen: Float64Array;
  /** ∂(per-pair loss)/∂r_rejected. */
  dRejected: Float64Array;
  /** The batch loss: mean of `loss`. */
  mean: number;
  /** The parameters used (the loss's defaults overlaid with yours). */
  params: LossParams;
}

/** Optional preallocated outputs, so a training loop can reuse buffers. */
export interface PairLossOutputs {
  loss?: Float64Array;
  dChosen?: Float64Array;
  dRejected?: Float64Array;
}

function asLoss(loss: PairLoss | string): PairLoss {
  return typeof loss === 'string' ? getLoss(loss) : loss;
}

function centeringWeight(loss: PairLoss, p: LossParams): number {
  return loss.kind === 'term' ? 0 : (p.center ?? 0);
}

/**
 * Mean batch loss as a tfjs scalar (differentiable). `margin` is the per-pair margin or null when pairs have none.
 * Inputs must be 1-D of equal length; a [B, 1] tensor is an error, never a silent [B, B] broadcast.
 */
export function pairLossTensor(
  loss: PairLoss | string,
  rChosen: tf.Tensor1D,
  rRejected: tf.Tensor1D,
  margin: tf.Tensor1D | null,
  params: LossParams = {},
): tf.Scalar {
  const def = asLoss(loss);
  assertPairShapes(def.name, rChosen, rRejected, margin);
  if (rChosen.shape[0] === 0) throw new Error(`loss ${def.name}: empty batch (no pairs)`);
  const p = resolveParams(def, params);
  const lambda = centeringWeight(def, p);
  return tf.tidy(() => {
    let perPair: tf.Tensor1D = def.tensor(rChosen, rRejected, margin, p);
    if (lambda > 0) perPair = tf.add(perPair, rewardCenteringTensor(rChosen, rRejected, lambda));
    return tf.mean(perPair) as tf.Scalar;
  });
}

/** The same batch loss in plain numbers, with exact per-pair gradients. */
export function pairLossReference(
  loss: PairLoss | string,
  rChosen: ArrayLike<number>,
  rRejected: ArrayLike<number>,
  margin: ArrayLike<number> | null,
  params: LossParams = {},
  out: PairLossOutputs = {},
): PairLossBatch {
  const def = asLoss(loss);
  assertPairArrays(def.name, rChosen, rRejected, margin);
  const p = resolveParams(def, params);
  if (p.marginFromPairs && margin === null && def.reads.includes('marginFromPairs')) {
    throw new Error(`loss ${def.name}: marginFromPairs is set but no margins were given`);
  }
  const n = rChosen.length;
  if (n === 0) throw new Error(`loss ${def.name}: empty batch (no pairs)`);
  const lossOut = out.loss ?? new Float64Array(n);
  const dc = out.dChosen ?? new Float64Array(n);
  const dr = out.dRejected ?? new Float64Array(n);
  if (lossOut.length < n || dc.length < n || dr.length < n)
    throw new Error(`loss ${def.name}: output buffers shorter than the batch (${n})`);
  const lambda = centeringWeight(def, p);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = def.reference(rChosen[i], rRejected[i], margin === null ? 0 : margin[i], p);
    let l = v.loss;
    let gc = v.dChosen;
    let gr = v.dRejected;
    if (lambda > 0) {
      // λ(r_c + r_r)², inlined (same as rewardCentering) to keep the loop allocation-free beyond reference().
      const s = rChosen[i] + rRejected[i];
      l += lambda * s * s;
      gc += 2 * lambda * s;
      gr += 2 * lambda * s;
    }
    lossOut[i] = l;
    dc[i] = gc;
    dr[i] = gr;
    sum += l;
  }
  return { loss: lossOut, dChosen: dc, dRejected: dr, mean: sum / n, params: p };
}
