// The "transformer" reward model: a small encoder over BPE tokens with a scalar head (graph.ts), on whichever tfjs
// backend is active (WebGPU on a GPU machine; wasm on a CPU; cpu for tests). The trainer runs it through the device
// step (trainStep): one forward pass under the gradient tape, the loss registry's tensor form, backward, global-norm
// clipping decided on the device and AdamW (optimizer.ts; fused WGSL kernels on WebGPU, ../device/), with nothing
// read back until readSteps. The plain contract (forward, then backward with dL/dr, then applyUpdate) stays for the
// tests and any caller that computes the loss itself; backward() recomputes the forward pass under the tape, as
// tfjs cannot hold a tape open between calls.
//
// Engine, chosen by measurement: tfjs-backend-webgpu (with its synchronous reads removed) plus hand-written WGSL
// where tfjs spends many kernels: the optimizer (sum of squares, clip and AdamW: 2 + 1 per two parameters
// dispatches, with each parameter's moments packed as one [m; v] tensor, not ~15 per parameter), the embedding with a
// gradient that skips padding, each residual add fused with the LayerNorm after it, GELU, attention over one Q/K/V
// product (no head transposes), the weighted mean pool, the dense layers' bias gradients, and tfjs's fused matMul +
// bias. Per step of the stack config's structure (4 layers, 4 heads; small widths, counted on SwiftShader):
// 403 -> 183 dispatches, 0 reads (tests/model/fusedKernels.gpu.test.ts). The one-hot embedding and the transposed
// products that tfjs-wasm runs slowly are gone on wasm (../wasmKernels.ts, graph.ts GraphOps): the small config's
// step went from 3.5x to ~1.2-2.5x PyTorch CPU on one thread (bench/transformer-step.ts, one run each, a loaded
// 2-core machine).
// Not taken: @jax-js/jax (kernel fusion, but untested on a GPU and a rewrite of the model).
import * as tf from '@tensorflow/tfjs-core';
import { pairLossTensor } from '../../losses/batch.js';
import { lossReadsMargin } from '../../losses/registry.js';
import {
  batchItems,
  type AdamWStep,
  type DeviceStepModel,
  type DeviceStepSpec,
  type DeviceStepValues,
  type EncodedItem,
  type ModelSnapshot,
  type NamedArray,
  type PairBatch,
  type ParameterInfo,
  type PendingStep,
} from '../trainable.js';
import { adamWConstants, adamWUpdate, clipScale, sumOfSquares } from './optimizer.js';
import { fusedOptimizerStep, partialsSize } from '../device/optimizerKernels.js';
import { SUBMIT_BATCH } from '../device/tfjsWebgpu.js';
import { assertDeviceHealthy } from '../device/device.js';
import { currentBackend, selectBackend } from '../backendHost.js';
import {
  forwardRewards,
  initialValues,
  parameterSpecs,
  transformerConfigFrom,
  type GraphOps,
  type ParamSpec,
  type TransformerConfig,
} from './graph.js';
import { joinSplitQkv } from './snapshotLayout.js';
import { packTokens } from './tokenBatch.js';
import { MAX_FUSED_WIDTH } from '../device/fusedLayerNorm.js';

let instances = 0;

const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** A device step's [loss, accuracy, gradNorm, clipped] on the device, until read. */
class TensorPendingStep implements PendingStep {
  constructor(readonly stats: tf.Tensor) {}
  dispose(): void {
    this.stats.dispose();
  }
}

export class TransformerRewardModel implements DeviceStepModel {
  readonly kind = 'transformer';
  readonly config: Readonly<Record<string, unknown>>;
  readonly backend: string;
  /** The embedding lookup actually used (`auto` resolved). */
  readonly embedding: 'gather' | 'onehot';
  private readonly c: TransformerConfig;
  private readonly specs: ParamSpec[];
  private readonly vars: tf.Variable[];
  /** AdamW's moments: one m and one v per parameter (wasm, cpu), or on WebGPU one [m; v] tensor per parameter
   * (`mv`, 2 x size), so that one fused dispatch binds two parameters' state within 8 storage buffers. */
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  private readonly mv: tf.Variable[];
  private readonly byName = new Map<string, tf.Tensor>();
  private grads: tf.Tensor[] | undefined;
  private lastItems: readonly EncodedItem[] | undefined;
  private optimizerStep = 0;
  private disposed = false;
  /** On WebGPU the optimizer runs as fused kernels; `partials` is their scratch buffer. */
  private readonly fused: boolean;
  private partials: tf.Tensor | undefined;
  /** How the graph is computed on this backend (graph.ts, GraphOps): the same numbers, fewer kernels or less time. */
  readonly ops: GraphOps;
  /** The fused graph's embedding gradient reads the tokens grouped by row (built when a batch is packed). */
  private readonly packing: { tokenRows: boolean };

  constructor(config: Record<string, unknown>, seed: number, tfBackend: string) {
    this.c = transformerConfigFrom(config);
    this.config = { ...this.c };
    this.backend = `tfjs-${tfBackend}`;
    this.fused = tfBackend === 'webgpu';
    this.ops = this.fused && this.c.dModel <= MAX_FUSED_WIDTH ? 'fused' : tfBackend === 'wasm' ? 'transpose' : 'tfjs';
    this.packing = { tokenRows: this.ops === 'fused' };
    this.embedding = this.c.embedding === 'auto' ? 'gather' : this.c.embedding;
    this.specs = parameterSpecs(this.c);
    const values = initialValues(this.specs, seed);
    // tfjs variable names are global to the engine: a per-instance prefix lets several models coexist.
    const tag = `rmw-transformer-${++instances}`;
    const make = (suffix: string, fill?: 'zeros') =>
      this.specs.map((s, i) =>
        tf.tidy(() =>
          tf.variable(fill ? tf.zeros(s.shape) : tf.tensor(values[i], s.shape), true, `${tag}/${s.name}${suffix}`),
        ),
      );
    this.vars = make('');
    this.m = this.fused ? [] : make('/m', 'zeros');
    this.v = this.fused ? [] : make('/v', 'zeros');
    this.mv = this.fused
      ? this.specs.map((s) => tf.tidy(() => tf.variable(tf.zeros([2 * sizeOf(s.shape)]), true, `${tag}/${s.name}/mv`)))
      : [];
    this.specs.forEach((s, i) => this.byName.set(s.name, this.vars[i]));
  }

  private live(): void {
    if (this.disposed) throw new Error('transformer model: used after dispose()');
  }

  private async scoreChunked(items: readonly EncodedItem[]): Promise<Float64Array> {
    this.live();
    const out = new Float64Array(items.length);
    for (let start = 0; start < items.length; start += this.c.scoreBatch) {
      const chunk = items.slice(start, start + this.c.scoreBatch);
      const r = tf.tidy(() =>
        forwardRewards(this.byName, this.c, packTokens(chunk, this.c, this.packing), this.embedding, this.ops),
      );
      const data = await r.data();
      r.dispose();
      out.set(data, start);
    }
    assertDeviceHealthy('transformer scoring');
    return out;
  }

  rewards(items: readonly EncodedItem[]): Promise<Float64Array> {
    return this.scoreChunked(items);
  }

  async forward(items: readonly EncodedItem[]): Promise<Float64Array> {
    const r = await this.scoreChunked(items);
    this.lastItems = items;
    return r;
  }

  async backward(dRewards: Float64Array): Promise<number> {
    this.live();
    const items = this.lastItems;
    if (!items) throw new Error('transformer model: backward() without a forward() before it');
    if (dRewards.length !== items.length) {
      throw new Error(
        `transformer model: backward got ${dRewards.length} gradients for ${items.length} items of the last forward`,
      );
    }
    if (this.grads) tf.dispose(this.grads);
    // d/dθ Σ_i dR_i·r_i(θ) = Σ_i (dL/dr_i)(dr_i/dθ) = dL/dθ: one backward pass gives the loss gradient.
    const { grads, sq } = tf.tidy(() => {
      const batch = packTokens(items, this.c, this.packing);
      const weights = tf.tensor1d(Float32Array.from(dRewards));
      const { value, grads: byVar } = tf.variableGrads(
        () =>
          tf.sum(tf.mul(forwardRewards(this.byName, this.c, batch, this.embedding, this.ops), weights)) as tf.Scalar,
        this.vars,
      );
      value.dispose();
      const list = this.vars.map((v) => byVar[v.name]);
      return { grads: list, sq: sumOfSquares(list) };
    });
    this.grads = grads;
    const value = (await sq.data())[0];
    sq.dispose();
    return value;
  }

  applyUpdate(step: AdamWStep): void {
    this.live();
    const grads = this.grads;
    if (!grads) throw new Error('transformer model: applyUpdate() before backward()');
    const t = ++this.optimizerStep;
    this.vars.forEach((p, i) => {
      if (!this.fused) {
        adamWUpdate(p, this.m[i], this.v[i], grads[i], step.gradScale, step, t, this.specs[i].decay);
        return;
      }
      // The packed moments through the same tfjs update: unpacked into temporaries, updated, packed back.
      const n = sizeOf(this.specs[i].shape);
      const [m, v] = tf.tidy(() =>
        [0, n].map((at) => tf.variable(tf.reshape(tf.slice(this.mv[i], [at], [n]), p.shape))),
      );
      adamWUpdate(p, m, v, grads[i], step.gradScale, step, t, this.specs[i].decay);
      tf.tidy(() => this.mv[i].assign(tf.concat([tf.reshape(m, [n]), tf.reshape(v, [n])])));
      tf.dispose([m, v]);
    });
  }

  trainStep(batch: PairBatch, spec: DeviceStepSpec): PendingStep {
    this.live();
    const B = batch.pairs.length;
    if (B === 0) throw new Error('transformer model: trainStep() on an empty batch');
    const items = batchItems(batch);
    const margins = lossReadsMargin(spec.loss, spec.params) ? Float32Array.from(batch.pairs, (p) => p.margin) : null;
    const t = ++this.optimizerStep;
    // One forward pass under the tape; the loss is the registry's tensor form, so dL/dr never leaves the device.
    const { loss, correct, grads } = tf.tidy(() => {
      const packed = packTokens(items, this.c, this.packing);
      const margin = margins ? tf.tensor1d(margins) : null;
      let right: tf.Tensor | undefined;
      const { value, grads: byVar } = tf.variableGrads(() => {
        const r = forwardRewards(this.byName, this.c, packed, this.embedding, this.ops);
        const rc = tf.slice(r, 0, B) as tf.Tensor1D,
          rr = tf.slice(r, B, B) as tf.Tensor1D;
        right = tf.keep(tf.sum(tf.cast(tf.greater(rc, rr), 'float32')));
        return pairLossTensor(spec.loss, rc, rr, margin, spec.params);
      }, this.vars);
      return { loss: value, correct: right!, grads: this.vars.map((v) => byVar[v.name]) };
    });
    try {
      return new TensorPendingStep(
        this.fused
          ? this.fusedUpdate(loss, correct, grads, B, spec, t)
          : this.opsUpdate(loss, correct, grads, B, spec, t),
      );
    } finally {
      tf.dispose([loss, correct, ...grads]);
    }
  }

  /** Clipping and AdamW as tfjs ops (wasm, cpu): the reference the fused WebGPU kernels are tested against. */
  private opsUpdate(
    loss: tf.Tensor,
    correct: tf.Tensor,
    grads: tf.Tensor[],
    B: number,
    spec: DeviceStepSpec,
    t: number,
  ): tf.Tensor {
    return tf.tidy(() => {
      const norm = tf.sqrt(sumOfSquares(grads)) as tf.Scalar;
      const scale = clipScale(norm, spec.clipNorm);
      this.vars.forEach((p, i) =>
        adamWUpdate(p, this.m[i], this.v[i], grads[i], scale, spec.adamw, t, this.specs[i].decay),
      );
      const clipped = tf.cast(tf.greater(norm, spec.clipNorm > 0 ? spec.clipNorm : Infinity), 'float32');
      return tf.stack([tf.reshape(loss, []), tf.div(correct, B), norm, clipped]);
    });
  }

  /** The same update as fused WGSL kernels on WebGPU (../device/optimizerKernels.ts): a few dispatches. */
  private fusedUpdate(
    loss: tf.Tensor,
    correct: tf.Tensor,
    grads: tf.Tensor[],
    B: number,
    spec: DeviceStepSpec,
    t: number,
  ): tf.Tensor {
    this.partials ??= tf.zeros([partialsSize(this.vars.length)]);
    const k = adamWConstants(spec.adamw, t);
    return fusedOptimizerStep(
      {
        params: this.vars,
        mv: this.mv,
        grads,
        decay: this.specs.map((s) => s.decay),
        loss,
        correct,
        batchSize: B,
        clipNorm: spec.clipNorm,
        beta1: spec.adamw.beta1,
        beta2: spec.adamw.beta2,
        eps: spec.adamw.eps,
        stepSize: k.stepSize,
        sqrtBc2: k.sqrtBc2,
        weightDecayFactor: k.decay,
        submitBatch: SUBMIT_BATCH,
      },
      this.partials,
    );
  }

  async readSteps(steps: readonly PendingStep[]): Promise<DeviceStepValues[]> {
    if (steps.length === 0) return [];
    const tensors = steps.map((s) => {
      if (!(s instanceof TensorPendingStep) || s.stats.isDisposed) {
        throw new Error('transformer model: readSteps() got a step that is not pending on this model');
      }
      return s.stats;
    });
    const all = tf.stack(tensors);
    try {
      const v = await all.data();
      return steps.map((_, k) => ({
        loss: v[4 * k],
        accuracy: v[4 * k + 1],
        gradNorm: v[4 * k + 2],
        clipped: v[4 * k + 3] > 0,
      }));
    } finally {
      all.dispose();
      for (const s of steps) s.dispose();
    }
  }

  parameters(): ParameterInfo[] {
    return this.specs.map((s) => ({ name: s.name, shape: s.shape.slice(), size: s.shape.reduce((a, b) => a * b, 1) }));
  }

  async snapshot(weightsOnly = false): Promise<ModelSnapshot> {
    this.live();
    const read = async (list: tf.Variable[], suffix: string): Promise<NamedArray[]> =>
      Promise.all(
        list.map(async (t, i) => ({
          name: `${this.specs[i].name}${suffix}`,
          shape: this.specs[i].shape.slice(),
          data: (await t.data()) as Float32Array,
        })),
      );
    const params = await read(this.vars, '');
    if (weightsOnly) return { params, optimizer: [], optimizerStep: this.optimizerStep };
    if (!this.fused) {
      const optimizer = [...(await read(this.m, '/m')), ...(await read(this.v, '/v'))];
      return { params, optimizer, optimizerStep: this.optimizerStep };
    }
    const packed = await Promise.all(this.mv.map(async (t) => (await t.data()) as Float32Array));
    const half = (which: 0 | 1, suffix: string): NamedArray[] =>
      this.specs.map((spec, i) => {
        const n = sizeOf(spec.shape);
        return {
          name: `${spec.name}${suffix}`,
          shape: spec.shape.slice(),
          data: packed[i].slice(which * n, (which + 1) * n),
        };
      });
    return { params, optimizer: [...half(0, '/m'), ...half(1, '/v')], optimizerStep: this.optimizerStep };
  }

  async restore(snapshot: ModelSnapshot): Promise<void> {
    this.live();
    const s = joinSplitQkv(snapshot); // a snapshot from before Q, K and V were one parameter
    const find = (list: NamedArray[], name: string, shape: number[]): Float32Array | undefined => {
      const a = list.find((x) => x.name === name);
      if (!a) return undefined;
      const size = shape.reduce((x, y) => x * y, 1);
      if (!(a.data instanceof Float32Array) || a.data.length !== size) {
        throw new Error(
          `transformer snapshot: "${name}" has ${a.data.length} ${a.data.constructor.name} values, expected ` +
            `${size} Float32`,
        );
      }
      return a.data;
    };
    const assign = (v: tf.Variable, data: Float32Array, shape: number[]) =>
      tf.tidy(() => v.assign(tf.tensor(data, shape)));
    this.specs.forEach((spec, i) => {
      const p = find(s.params, spec.name, spec.shape);
      if (!p) throw new Error(`transformer snapshot: parameter "${spec.name}" is missing`);
      assign(this.vars[i], p, spec.shape);
    });
    const moments = this.specs.map((spec) => [
      find(s.optimizer, `${spec.name}/m`, spec.shape),
      find(s.optimizer, `${spec.name}/v`, spec.shape),
    ]);
    const complete = moments.every(([m, v]) => m && v);
    this.specs.forEach((spec, i) => {
      const [m, v] = moments[i];
      if (this.fused) {
        const n = sizeOf(spec.shape);
        const both = new Float32Array(2 * n);
        if (complete) {
          both.set(m!, 0);
          both.set(v!, n);
        }
        tf.tidy(() => this.mv[i].assign(tf.tensor1d(both)));
      } else if (complete) {
        assign(this.m[i], m!, spec.shape);
        assign(this.v[i], v!, spec.shape);
      } else {
        tf.tidy(() => {
          this.m[i].assign(tf.zerosLike(this.m[i]));
          this.v[i].assign(tf.zerosLike(this.v[i]));
        });
      }
    });
    this.optimizerStep = complete ? s.optimizerStep : 0;
    if (this.grads) {
      tf.dispose(this.grads);
      this.grads = undefined;
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose([
      ...this.vars,
      ...this.m,
      ...this.v,
      ...this.mv,
      ...(this.grads ?? []),
      ...(this.partials ? [this.partials] : []),
    ]);
    this.grads = undefined;
    this.lastItems = undefined;
    this.byName.clear();
  }
}

/**
 * The factory the trainer calls (`RewardModelFactory`): runs on the backend already selected, else on
 * RMW_BACKEND / auto. A named backend that cannot start (e.g. RMW_BACKEND=webgpu without a GPU) throws.
 */
export async function createTransformerRewardModel(
  config: Record<string, unknown>,
  seed: number,
): Promise<TransformerRewardModel> {
  const backend = currentBackend() ? tf.getBackend() : (await selectBackend()).name;
  return new TransformerRewardModel(config, seed, backend);
}
