// The contract every pairwise loss meets. Δ = r_chosen − r_rejected throughout (paper-facts §3).
import type * as tf from '@tensorflow/tfjs-core';

/** Hyper-parameters a loss may read; each loss documents its defaults (see `PairLoss.defaults`). */
export interface LossParams {
  /** Focal exponent γ ≥ 0. */
  gamma?: number;
  /** Fixed margin m (hinge, MarginMSE). Per-pair margins replace it only when `marginFromPairs` is true. */
  m?: number;
  /** Tempered-log exponent t ≤ 1 (t = 1 is Bradley-Terry, t = 0 is 1 − σ(Δ)). */
  t?: number;
  /** Temperature T > 0 for temperature-adjusted BT (T = 1 is Bradley-Terry). */
  temperature?: number;
  /** Reward-centring weight λ ≥ 0 in λ·(r_c + r_r)²; 0 = off. Added by `pairLossTensor`/`pairLossReference`. */
  center?: number;
  /**
   * Hinge and MarginMSE only: read the per-pair `margin` argument instead of the fixed `m`
   * (e.g. margins from rating gaps). Ignored by the other losses.
   */
  marginFromPairs?: boolean;
}

/** Per-pair loss and its exact partial derivatives, in plain numbers. */
export interface PairLossValue {
  loss: number;
  /** ∂loss/∂r_chosen */
  dChosen: number;
  /** ∂loss/∂r_rejected */
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
  /** The parameters this loss reads (others are ignored; the CLI rejects them). */
  reads: (keyof LossParams)[];
  /**
   * True when the loss reads the per-pair `margin` argument whatever the params say (bt-margin).
   * Hinge and MarginMSE read it only with `params.marginFromPairs`; see `lossReadsMargin`.
   */
  usesMargin: boolean;
  /**
   * `loss` (default): a pairwise loss, to which the batch helpers add reward centring when `params.center` > 0.
   * `term`: an add-on term (reward centring itself), evaluated on its own.
   */
  kind?: 'loss' | 'term';
  /** One or two sentences: what the loss does to easy (Δ ≫ 0) versus hard (Δ ≤ 0) pairs. */
  behaviour?: string;
  /**
   * Plain-number reference: loss of one pair and its exact gradients, without reward centring.
   * `margin` is 0 when the pair has none. Missing params fall back to `defaults`.
   */
  reference(rChosen: number, rRejected: number, margin: number, params: LossParams): PairLossValue;
  /**
   * Per-pair loss as a 1-D tensor of the batch size, without reward centring; differentiable with tfjs.
   * Throws unless rChosen, rRejected (and margin) are 1-D of equal length.
   */
  tensor(rChosen: tf.Tensor1D, rRejected: tf.Tensor1D, margin: tf.Tensor1D | null, params: LossParams): tf.Tensor1D;
}
