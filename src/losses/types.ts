// The contract every pairwise loss meets. Δ = r_chosen − r_rejected throughout (paper-facts §3).
import type * as tf from '@tensorflow/tfjs-core';

/** Hyper-parameters a loss may read; each loss documents its defaults. */
export interface LossParams {
  /** Focal exponent γ. */
  gamma?: number;
  /** Fixed margin m (hinge, MarginMSE) when no per-pair margin is given. */
  m?: number;
  /** Tempered-log exponent t. */
  t?: number;
  /** Temperature T for temperature-adjusted BT. */
  temperature?: number;
  /** Reward-centring weight λ in λ·(r_c + r_r)²; 0 = off. */
  center?: number;
}

/** Per-pair loss and its exact partial derivatives, in plain numbers. */
export interface PairLossValue {
  loss: number;
  dChosen: number;
  dRejected: number;
}

export interface PairLoss {
  /** Registry name, e.g. `bt`, `focal`. */
  name: string;
  aliases: string[];
  /** The name the paper's Table 3 uses. */
  paperName: string;
  /** Human-readable formula with Δ = r_c − r_r. */
  formula: string;
  /** Where the formula and the defaults come from. */
  source: string;
  /** Default hyper-parameters (and why, in `source`). */
  defaults: LossParams;
  /** True when the loss reads a per-pair margin. */
  usesMargin: boolean;
  /** Plain-number reference: loss of one pair and its gradients. `margin` is 0 when the pair has none. */
  reference(rChosen: number, rRejected: number, margin: number, params: LossParams): PairLossValue;
  /** Per-pair loss as a 1-D tensor of the batch size; differentiable with tfjs. */
  tensor(rChosen: tf.Tensor1D, rRejected: tf.Tensor1D, margin: tf.Tensor1D | null, params: LossParams): tf.Tensor1D;
}
