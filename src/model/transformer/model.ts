// The "transformer" reward model: a small encoder over BPE tokens with a scalar head (graph.ts), trained
// through the trainer's TrainableRewardModel contract on whichever tfjs backend is active (WebGPU on a GPU
// machine; wasm/cpu run it slowly, for tests and small configs). Gradients come from tfjs autodiff; AdamW is
// applied here with tensor ops in PyTorch's order (the same rule as ../bow/adamW.ts).
// forward() keeps only the items; backward() recomputes the forward pass under the gradient tape, because tfjs
// cannot hold a tape open between calls (the trainable.ts contract allows this; it costs one extra forward).
import * as tf from '@tensorflow/tfjs-core';
import type {
  AdamWStep,
  EncodedItem,
  ModelSnapshot,
  NamedArray,
  ParameterInfo,
  TrainableRewardModel,
} from '../trainable.js';
import { currentBackend, selectBackend } from '../backend.js';
import {
  forwardRewards,
  initialValues,
  packTokens,
  parameterSpecs,
  transformerConfigFrom,
  type ParamSpec,
  type TransformerConfig,
} from './graph.js';

let instances = 0;

export class TransformerRewardModel implements TrainableRewardModel {
  readonly kind = 'transformer';
  readonly config: Readonly<Record<string, unknown>>;
  readonly backend: string;
  /** The embedding lookup actually used (`auto` resolved for the backend). */
  readonly embedding: 'gather' | 'onehot';
  private readonly c: TransformerConfig;
  private readonly specs: ParamSpec[];
  private readonly vars: tf.Variable[];
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  private readonly byName = new Map<string, tf.Tensor>();
  private grads: tf.Tensor[] | undefined;
  private lastItems: readonly EncodedItem[] | undefined;
  private optimizerStep = 0;
  private disposed = false;

  constructor(config: Record<string, unknown>, seed: number, tfBackend: string) {
    this.c = transformerConfigFrom(config);
    this.config = { ...this.c };
    this.backend = `tfjs-${tfBackend}`;
    this.embedding = this.c.embedding === 'auto' ? (tfBackend === 'wasm' ? 'onehot' : 'gather') : this.c.embedding;
    if (this.embedding === 'gather' && tfBackend === 'wasm') {
      throw new Error(
        'transformer model: embedding "gather" cannot train on wasm (no UnsortedSegmentSum kernel); use "onehot" or "auto"',
      );
    }
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
    this.m = make('/m', 'zeros');
    this.v = make('/v', 'zeros');
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
      const r = tf.tidy(() => forwardRewards(this.byName, this.c, packTokens(chunk, this.c), this.embedding));
      const data = await r.data();
      r.dispose();
      out.set(data, start);
    }
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
      const batch = packTokens(items, this.c);
      const weights = tf.tensor1d(Float32Array.from(dRewards));
      const { value, grads: byVar } = tf.variableGrads(
        () => tf.sum(tf.mul(forwardRewards(this.byName, this.c, batch, this.embedding), weights)) as tf.Scalar,
        this.vars,
      );
      value.dispose();
      const list = this.vars.map((v) => byVar[v.name]);
      const norm = tf.addN(list.map((g) => tf.sum(tf.square(g))));
      return { grads: list, sq: norm };
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
    const stepSize = step.lr / (1 - step.beta1 ** t);
    const sqrtBc2 = Math.sqrt(1 - step.beta2 ** t);
    const decay = 1 - step.lr * step.weightDecay;
    tf.tidy(() => {
      this.vars.forEach((p, i) => {
        const g = tf.mul(grads[i], step.gradScale);
        const m = tf.add(tf.mul(this.m[i], step.beta1), tf.mul(g, 1 - step.beta1));
        const v = tf.add(tf.mul(this.v[i], step.beta2), tf.mul(tf.square(g), 1 - step.beta2));
        const decayed = this.specs[i].decay ? tf.mul(p, decay) : p;
        const update = tf.div(tf.mul(m, stepSize), tf.add(tf.div(tf.sqrt(v), sqrtBc2), step.eps));
        this.m[i].assign(m);
        this.v[i].assign(v);
        p.assign(tf.sub(decayed, update));
      });
    });
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
    const optimizer = [...(await read(this.m, '/m')), ...(await read(this.v, '/v'))];
    return { params, optimizer, optimizerStep: this.optimizerStep };
  }

  async restore(s: ModelSnapshot): Promise<void> {
    this.live();
    const find = (list: NamedArray[], name: string, shape: number[]): Float32Array | undefined => {
      const a = list.find((x) => x.name === name);
      if (!a) return undefined;
      const size = shape.reduce((x, y) => x * y, 1);
      if (!(a.data instanceof Float32Array) || a.data.length !== size) {
        throw new Error(
          `transformer snapshot: "${name}" has ${a.data.length} ${a.data.constructor.name} values, expected ${size} Float32`,
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
      if (complete) {
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
    tf.dispose([...this.vars, ...this.m, ...this.v, ...(this.grads ?? [])]);
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
