// The CPU reward model "bow": hashed bag-of-n-grams features -> one hidden layer -> scalar reward,
//   z = b1 + Σ_j x_j W1[j,:]   (an embedding bag over the item's non-zero buckets j)
//   a = act(z),  r = b2 + w2·a
// written in plain TypeScript over Float32Array with exact manual backprop. Why not tfjs: the wasm backend has no
// UnsortedSegmentSum kernel, so a gather (the sparse first layer) cannot be trained there, and the dense
// alternative (one-hot x W1) costs D·H per item instead of nnz·H (stack.md). Only the rows of W1 that a batch
// touches get a gradient, kept in a compact buffer with one slot per touched row, rows ascending (batch.ts).
import { createRng } from '../../util/rng.js';
import type {
  AdamWStep,
  EncodedItem,
  ModelSnapshot,
  NamedArray,
  ParameterInfo,
  TrainableRewardModel,
} from '../trainable.js';
import { FeatureCache, type SparseFeatures } from './features.js';
import { adamwAllRows, adamwDense, adamwRows } from './adamW.js';
import { embeddingBagForward } from './kernels.js';
import { RowGroupedBatch, rowGroupedBackward, rowGroupedForward } from './batch.js';

export interface BowConfig {
  /** log2 of the number of hashed feature buckets D. */
  hashBits: number;
  bigrams: boolean;
  /** Featurise the prompt too (true) or the response only (false). */
  promptFeatures: boolean;
  /** Hidden width H. */
  hidden: number;
  activation: 'relu' | 'tanh';
  /** Std of the N(0, σ²) init of W1 (w2 uses 1/√H; biases start at 0). */
  initStd: number;
  /**
   * How AdamW treats W1 rows a batch does not touch: `lazy` (default) updates only touched rows, like PyTorch's
   * SparseAdam / TF's LazyAdam, so a step costs O(touched rows·H) not O(D·H); `dense` is exact AdamW over every
   * row (zero gradient still moves m, v and the weights through momentum and decay).
   */
  firstLayerUpdate: 'lazy' | 'dense';
}

export const DEFAULT_BOW_CONFIG: BowConfig = {
  hashBits: 18,
  bigrams: true,
  promptFeatures: true,
  hidden: 32,
  activation: 'relu',
  initStd: 0.02,
  firstLayerUpdate: 'lazy',
};

export function bowConfigFrom(raw: Record<string, unknown>): BowConfig {
  const c = { ...DEFAULT_BOW_CONFIG, ...raw } as BowConfig;
  for (const key of Object.keys(raw)) {
    if (!(key in DEFAULT_BOW_CONFIG)) throw new Error(`bow model: unknown config key "${key}"`);
  }
  if (!(Number.isInteger(c.hashBits) && c.hashBits >= 4 && c.hashBits <= 24))
    throw new Error(`bow model: hashBits must be an integer in [4, 24], got ${c.hashBits}`);
  if (!(Number.isInteger(c.hidden) && c.hidden >= 1))
    throw new Error(`bow model: hidden must be a positive integer, got ${c.hidden}`);
  if (c.activation !== 'relu' && c.activation !== 'tanh')
    throw new Error(`bow model: activation must be relu or tanh, got ${c.activation}`);
  if (c.firstLayerUpdate !== 'lazy' && c.firstLayerUpdate !== 'dense')
    throw new Error(`bow model: firstLayerUpdate must be lazy or dense, got ${c.firstLayerUpdate}`);
  if (!(c.initStd > 0)) throw new Error(`bow model: initStd must be > 0, got ${c.initStd}`);
  return c;
}

export class BowRewardModel implements TrainableRewardModel {
  readonly kind = 'bow';
  readonly backend = 'typescript-cpu';
  readonly config: Readonly<Record<string, unknown>>;
  private readonly c: BowConfig;
  readonly D: number;
  readonly H: number;
  W1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
  private mW1: Float32Array;
  vW1: Float32Array;
  private mSmall: Float32Array;
  vSmall: Float32Array; // [b1 | w2 | b2]
  private optimizerStep = 0;
  private readonly features: FeatureCache;
  // Activations of the last training forward.
  private lastFeats: SparseFeatures[] = [];
  private lastZ = new Float64Array(0);
  private readonly batch = new RowGroupedBatch();
  private dZ = new Float64Array(0);
  /** Where the prefetch loads' sums go, so the JIT cannot drop them (never read). */
  prefetchSink = 0;
  // Gradients of the last backward: compact W1 rows (slot u <-> row touched[u]) + small params.
  private touched = new Int32Array(0);
  private nTouched = 0;
  private gW1 = new Float64Array(1024);
  private gSmall: Float64Array;
  // Row -> slot lookup for the dense update (built on demand from touched).
  private rowStamp = new Int32Array(0);
  private rowSlot = new Int32Array(0);
  private stamp = 0;
  private slotsStale = true;

  constructor(config: Record<string, unknown>, seed: number) {
    this.c = bowConfigFrom(config);
    this.config = { ...this.c };
    this.D = 2 ** this.c.hashBits;
    this.H = this.c.hidden;
    const { D, H } = this;
    const rng = createRng(seed);
    const r1 = rng.fork('W1'),
      r2 = rng.fork('w2');
    this.W1 = new Float32Array(D * H);
    for (let i = 0; i < this.W1.length; i++) this.W1[i] = r1.normal() * this.c.initStd;
    this.b1 = new Float32Array(H);
    this.w2 = new Float32Array(H);
    for (let h = 0; h < H; h++) this.w2[h] = r2.normal() / Math.sqrt(H);
    this.b2 = new Float32Array(1);
    this.mW1 = new Float32Array(D * H);
    this.vW1 = new Float32Array(D * H);
    this.mSmall = new Float32Array(2 * H + 1);
    this.vSmall = new Float32Array(2 * H + 1);
    this.gSmall = new Float64Array(2 * H + 1);
    this.features = new FeatureCache({
      hashBits: this.c.hashBits,
      bigrams: this.c.bigrams,
      promptFeatures: this.c.promptFeatures,
    });
  }

  /** Output layer over pre-activations Z (items × H): r_i = b2 + Σ_h w2[h]·act(Z[i·H + h]). */
  private head(Z: Float64Array, nItems: number, out: Float64Array): void {
    const { H, w2, b2 } = this;
    const relu = this.c.activation === 'relu';
    for (let i = 0; i < nItems; i++) {
      const o = i * H;
      let r = b2[0];
      for (let h = 0; h < H; h++) {
        const z = Z[o + h];
        r += w2[h] * (relu ? (z > 0 ? z : 0) : Math.tanh(z));
      }
      out[i] = r;
    }
  }

  async rewards(items: readonly EncodedItem[]): Promise<Float64Array> {
    return this.rewardsSync(items);
  }

  /** Inference: item by item (no gradient state is touched). */
  rewardsSync(items: readonly EncodedItem[]): Float64Array {
    const { H, W1, b1 } = this;
    const out = new Float64Array(items.length);
    const Z = new Float64Array(items.length * H);
    for (let i = 0; i < items.length; i++) {
      const f = this.features.get(items[i]);
      embeddingBagForward(W1, b1, H, f.indices, f.values, Z, i * H);
    }
    this.head(Z, items.length, out);
    return out;
  }

  async forward(items: readonly EncodedItem[]): Promise<Float64Array> {
    return this.forwardSync(items);
  }

  /** Training forward: the batch's non-zeros grouped by W1 row (batch.ts), kept for the backward. */
  forwardSync(items: readonly EncodedItem[]): Float64Array {
    const { H, b1 } = this;
    if (this.lastZ.length < items.length * H) this.lastZ = new Float64Array(items.length * H);
    const Z = this.lastZ;
    this.lastFeats = items.map((it) => this.features.get(it));
    for (let i = 0; i < items.length; i++) Z.set(b1, i * H);
    this.batch.build(this.lastFeats, this.c.hashBits);
    this.prefetchSink += rowGroupedForward(this.batch, this.W1, H, Z);
    const out = new Float64Array(items.length);
    this.head(Z, items.length, out);
    return out;
  }

  async backward(dRewards: Float64Array): Promise<number> {
    return this.backwardSync(dRewards);
  }

  backwardSync(dR: Float64Array): number {
    const { H, w2, lastZ: Z, lastFeats: feats } = this;
    if (dR.length !== feats.length)
      throw new Error(`backward: ${dR.length} gradients for ${feats.length} items of the last forward`);
    const relu = this.c.activation === 'relu';
    const g = this.gSmall.fill(0); // [b1 (H) | w2 (H) | b2]
    if (this.dZ.length < feats.length * H) this.dZ = new Float64Array(feats.length * H);
    const dZ = this.dZ;
    for (let i = 0; i < feats.length; i++) {
      const d = dR[i],
        o = i * H;
      g[2 * H] += d;
      for (let h = 0; h < H; h++) {
        const z = Z[o + h];
        let a: number, da: number;
        if (relu) {
          a = z > 0 ? z : 0;
          da = z > 0 ? 1 : 0;
        } else {
          a = Math.tanh(z);
          da = 1 - a * a;
        }
        g[H + h] += d * a;
        const dz = d * w2[h] * da;
        dZ[o + h] = dz;
        g[h] += dz;
      }
    }
    // W1's gradient: one compact row per touched row, slot u <-> touched[u] (ascending rows).
    const nRows = this.batch.nRows;
    if (this.gW1.length < nRows * H) this.gW1 = new Float64Array(Math.max(nRows * H, 2 * this.gW1.length));
    this.touched = this.batch.rows;
    this.nTouched = nRows;
    this.slotsStale = true;
    let sq = 0;
    for (let j = 0; j < g.length; j++) sq += g[j] * g[j];
    return sq + rowGroupedBackward(this.batch, dZ, H, this.gW1);
  }

  applyUpdate(step: AdamWStep): void {
    this.optimizerStep++;
    const t = this.optimizerStep,
      H = this.H;
    const small = new Float32Array(2 * H + 1);
    small.set(this.b1, 0);
    small.set(this.w2, H);
    small[2 * H] = this.b2[0];
    // Decay applies to w2 (and W1), not to the biases b1, b2.
    adamwDense(small, this.gSmall, this.mSmall, this.vSmall, t, step, (j) => j >= H && j < 2 * H);
    this.b1.set(small.subarray(0, H));
    this.w2.set(small.subarray(H, 2 * H));
    this.b2[0] = small[2 * H];
    if (this.c.firstLayerUpdate === 'lazy') {
      this.prefetchSink += adamwRows(this.W1, this.gW1, this.mW1, this.vW1, this.touched, this.nTouched, H, t, step);
    } else {
      // Exact dense AdamW: every row steps, untouched rows with a zero gradient.
      this.indexSlots();
      const stamp = this.stamp,
        rowStamp = this.rowStamp,
        rowSlot = this.rowSlot;
      const slotOf = (row: number) => (rowStamp[row] === stamp ? rowSlot[row] : -1);
      adamwAllRows(this.W1, this.gW1, this.mW1, this.vW1, slotOf, this.D, H, t, step);
    }
  }

  private indexSlots(): void {
    if (!this.slotsStale) return;
    if (this.rowStamp.length !== this.D) {
      this.rowStamp = new Int32Array(this.D);
      this.rowSlot = new Int32Array(this.D);
      this.stamp = 0;
    }
    this.stamp++;
    if (this.stamp === 0x7fffffff) {
      this.rowStamp.fill(0);
      this.stamp = 1;
    }
    for (let u = 0; u < this.nTouched; u++) {
      this.rowStamp[this.touched[u]] = this.stamp;
      this.rowSlot[this.touched[u]] = u;
    }
    this.slotsStale = false;
  }

  parameters(): ParameterInfo[] {
    const { D, H } = this;
    return [
      { name: 'W1', shape: [D, H], size: D * H },
      { name: 'b1', shape: [H], size: H },
      { name: 'w2', shape: [H], size: H },
      { name: 'b2', shape: [1], size: 1 },
    ];
  }

  async snapshot(weightsOnly = false): Promise<ModelSnapshot> {
    const { D, H } = this;
    const params: NamedArray[] = [
      { name: 'W1', shape: [D, H], data: this.W1.slice() },
      { name: 'b1', shape: [H], data: this.b1.slice() },
      { name: 'w2', shape: [H], data: this.w2.slice() },
      { name: 'b2', shape: [1], data: this.b2.slice() },
    ];
    if (weightsOnly) return { params, optimizer: [], optimizerStep: this.optimizerStep };
    const optimizer: NamedArray[] = [
      { name: 'W1/m', shape: [D, H], data: this.mW1.slice() },
      { name: 'W1/v', shape: [D, H], data: this.vW1.slice() },
      { name: 'b1|w2|b2/m', shape: [2 * H + 1], data: this.mSmall.slice() },
      { name: 'b1|w2|b2/v', shape: [2 * H + 1], data: this.vSmall.slice() },
    ];
    return { params, optimizer, optimizerStep: this.optimizerStep };
  }

  async restore(s: ModelSnapshot): Promise<void> {
    const get = (list: NamedArray[], name: string, size: number): Float32Array | undefined => {
      const a = list.find((x) => x.name === name);
      if (!a) return undefined;
      if (!(a.data instanceof Float32Array) || a.data.length !== size) {
        throw new Error(
          `bow snapshot: "${name}" has ${a.data.length} ${a.data.constructor.name} values, expected ${size} Float32`,
        );
      }
      return a.data;
    };
    const { D, H } = this;
    const need = (name: string, size: number) => {
      const a = get(s.params, name, size);
      if (!a) throw new Error(`bow snapshot: parameter "${name}" is missing`);
      return a;
    };
    this.W1.set(need('W1', D * H));
    this.b1.set(need('b1', H));
    this.w2.set(need('w2', H));
    this.b2.set(need('b2', 1));
    const m = get(s.optimizer, 'W1/m', D * H),
      v = get(s.optimizer, 'W1/v', D * H);
    const ms = get(s.optimizer, 'b1|w2|b2/m', 2 * H + 1),
      vs = get(s.optimizer, 'b1|w2|b2/v', 2 * H + 1);
    if (m && v && ms && vs) {
      this.mW1.set(m);
      this.vW1.set(v);
      this.mSmall.set(ms);
      this.vSmall.set(vs);
      this.optimizerStep = s.optimizerStep;
    } else {
      this.mW1.fill(0);
      this.vW1.fill(0);
      this.mSmall.fill(0);
      this.vSmall.fill(0);
      this.optimizerStep = 0;
    }
  }

  dispose(): void {
    this.W1 = this.mW1 = this.vW1 = new Float32Array(0);
    this.lastFeats = [];
  }
}

export function createBowRewardModel(config: Record<string, unknown>, seed: number): BowRewardModel {
  return new BowRewardModel(config, seed);
}
