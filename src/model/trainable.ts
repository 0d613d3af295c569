// The contract between the trainer (src/train) and any reward model it trains: the CPU bag-of-n-grams MLP
// (src/model/bow/) and the small transformer (src/model/transformer/).
//
// The trainer owns the loss, clipping, schedule and bookkeeping; a model owns its parameters, its gradients and
// its AdamW state. One training step is:
//   r = await model.forward(items)              // items = [...chosen, ...rejected] of a batch
//   dR = dLoss/dr from PairLoss.reference(...)   // plain numbers, computed by the trainer
//   g2 = await model.backward(dR)               // gradients replace the previous ones; returns ||g||² (global)
//   model.applyUpdate({ lr, gradScale, ... })   // AdamW with g·gradScale (gradScale < 1 clips by global norm)
// A model that cannot keep its activations between forward and backward (tfjs) may recompute the forward pass
// inside backward; the trainer never calls backward without the forward of the same items right before.
//
// A model whose parameters live on a device (the tfjs transformer: WebGPU, wasm, cpu) also offers a device step
// (`DeviceStepModel`): the whole step, loss, clipping and AdamW included, queued on the device without reading
// anything back; the trainer reads the steps' loss, accuracy and gradient norm in one go every few steps.
import type { LossParams, PairLoss } from '../losses/types.js';

/** One chat-formatted, tokenised (prompt, response): BPE ids of the prompt (left-truncated) then the response. */
export interface EncodedItem {
  /**
   * Token ids: `ids[0 .. promptLength)` is the formatted prompt, the rest is the formatted response. Ids are
   * cl100k_base BPE ids (src/model/tokenizer.ts, `TOKEN_ID_LIMIT` bounds them); a model with a smaller vocabulary
   * maps them itself (e.g. hashing id mod V). Never mutate: encodings are cached and shared.
   */
  ids: Int32Array;
  /** How many leading ids belong to the prompt (after truncation). */
  promptLength: number;
}

/** A preference pair after tokenisation. */
export interface EncodedPair {
  /** The PreferencePair id it came from. */
  id: string;
  chosen: EncodedItem;
  rejected: EncodedItem;
  /** Per-pair margin (0 when the source gives none). */
  margin: number;
}

/** What the trainer feeds one step: B pairs, as 2B items in the order chosen[0..B), rejected[0..B). */
export interface PairBatch {
  pairs: readonly EncodedPair[];
}

/** The items of a batch in the order forward/backward use: all chosen, then all rejected. */
export function batchItems(batch: PairBatch): EncodedItem[] {
  return [...batch.pairs.map((p) => p.chosen), ...batch.pairs.map((p) => p.rejected)];
}

/** AdamW hyper-parameters for one update (decoupled weight decay, Loshchilov & Hutter 2019). */
export interface AdamWStep {
  /** Learning rate for this step (the trainer's schedule has already been applied). */
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** Decoupled weight decay: w ← w − lr·wd·w, applied to weight matrices (not biases). */
  weightDecay: number;
  /** Multiplies the stored gradient before the moment updates (global-norm clipping); 1 = no clipping. */
  gradScale: number;
}

/** A named array of numbers with a shape, copied out of or into a model. */
export interface NamedArray {
  name: string;
  shape: number[];
  data: Float32Array | Int32Array;
}

/**
 * Everything needed to continue training bit-for-bit: parameters, optimiser moments and counters.
 * `params` alone is what a run's final weights hold.
 */
export interface ModelSnapshot {
  params: NamedArray[];
  /** Optimiser slots (e.g. `<param>/m`, `<param>/v`, lazy-update clocks). Empty for a weights-only snapshot. */
  optimizer: NamedArray[];
  /** Number of AdamW updates applied so far. */
  optimizerStep: number;
}

/** A parameter as the "every parameter changed" tests see it. */
export interface ParameterInfo {
  name: string;
  shape: number[];
  size: number;
}

export interface TrainableRewardModel {
  /** `bow` or `transformer`; with `config` this is what a run folder records to rebuild the model. */
  readonly kind: string;
  /** JSON-able configuration, enough (with `kind`) to rebuild the same architecture. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Where the arithmetic runs, e.g. `typescript-cpu`, `tfjs-wasm`, `tfjs-webgpu`. */
  readonly backend: string;

  /** Rewards for items, no state change (evaluation, scoring). */
  rewards(items: readonly EncodedItem[]): Promise<Float64Array>;
  /** Training forward: rewards for items; a model may keep activations for the following `backward`. */
  forward(items: readonly EncodedItem[]): Promise<Float64Array>;
  /**
   * Backpropagate dLoss/dReward (one entry per item of the last `forward`, already divided by the batch size as
   * the loss is a mean). Stores the gradients (replacing earlier ones) and returns their global squared L2 norm.
   */
  backward(dRewards: Float64Array): Promise<number>;
  /** One AdamW update with the stored gradients. */
  applyUpdate(step: AdamWStep): void;

  /** Parameter names and shapes, in a fixed order. */
  parameters(): ParameterInfo[];
  /** A copy of parameters (and optimiser state unless `weightsOnly`). */
  snapshot(weightsOnly?: boolean): Promise<ModelSnapshot>;
  /** Load a snapshot taken from a model of the same kind and config; missing optimiser slots reset it. */
  restore(snapshot: ModelSnapshot): Promise<void>;
  /** Release tensors/buffers. The model is unusable afterwards. */
  dispose(): void;
}

/**
 * A model factory as `loadRun` and the trainer call it. The transformer's module exports
 * `createTransformerRewardModel(config, seed)` with this shape; the bow model's is `createBowRewardModel`.
 */
export type RewardModelFactory = (
  config: Record<string, unknown>,
  seed: number,
) => TrainableRewardModel | Promise<TrainableRewardModel>;

/** What a device step needs besides the batch: the loss, and the optimiser settings of this step. */
export interface DeviceStepSpec {
  loss: PairLoss;
  /** Resolved loss parameters (defaults applied), centring weight included. */
  params: LossParams;
  /** AdamW for this step; the gradient scale is decided on the device from `clipNorm`. */
  adamw: Omit<AdamWStep, 'gradScale'>;
  /** Clip the global gradient L2 norm to this (0: off), as the CPU path does: g·clipNorm/(‖g‖ + 1e-6). */
  clipNorm: number;
}

/** A step queued on the device; its values are read later with `readSteps`. */
export interface PendingStep {
  /** Releases what the step keeps for reading (readSteps does it too). */
  dispose(): void;
}

/** The values of one device step, as read back. */
export interface DeviceStepValues {
  /** Batch loss (mean over pairs, centring included) before the update. */
  loss: number;
  /** Training-batch pair accuracy before the update (strict r_c > r_r). */
  accuracy: number;
  /** Global gradient L2 norm before clipping. */
  gradNorm: number;
  clipped: boolean;
}

export interface DeviceStepModel extends TrainableRewardModel {
  /**
   * One training step on the device: forward under the gradient tape, the loss's tensor form, backward, global-norm
   * clipping and AdamW. Reads nothing back from the device.
   */
  trainStep(batch: PairBatch, spec: DeviceStepSpec): PendingStep;
  /** Reads the values of queued steps (one device read for all of them) and releases them. */
  readSteps(steps: readonly PendingStep[]): Promise<DeviceStepValues[]>;
}

export function hasDeviceStep(model: TrainableRewardModel): model is DeviceStepModel {
  const m = model as Partial<DeviceStepModel>;
  return typeof m.trainStep === 'function' && typeof m.readSteps === 'function';
}
