// The transformer reward model's parameters and forward pass, in tfjs ops only (so it runs on webgpu, wasm, cpu).
// A pre-LayerNorm encoder (GPT-2 style blocks without the causal mask: every token sees every non-pad token),
//   x = E[ids] + P[positions]
//   x = x + Wo·Attention(LN(x))        per layer, multi-head, padding keys masked out
//   x = x + W2·GELU(W1·LN(x))
//   reward = w·pool(LN(x)) + b (final LN without bias),  pool = mean over the item's non-pad tokens (stated pooling; no
// CLS token)
// Embedding lookup: `gather` (every backend; the workbench registers the UnsortedSegmentSum kernel that its gradient
// needs on wasm, ../wasmKernels.ts) or `onehot` (one-hot(ids) x E: the same numbers, far slower).
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../util/rng.js';
import { fusedGelu } from '../device/fusedOps.js';
import { fusedAddLayerNorm, fusedLayerNorm } from '../device/fusedLayerNorm.js';
import { fusedAttention, MAX_ATTENTION_TOKENS } from '../device/fusedAttention.js';
import { fusedDense } from '../device/fusedDense.js';
import { fusedEmbedding, fusedWeightedPool } from '../device/fusedTokens.js';
import type { TokenBatch } from './tokenBatch.js';

export interface TransformerConfig {
  /** Token ids (cl100k_base, up to ~100K) are folded into this many embedding rows: id mod vocabBuckets. */
  vocabBuckets: number;
  /** Tokens per item: the LAST maxTokens ids of the chat-formatted item (the response end is kept). */
  maxTokens: number;
  dModel: number;
  heads: number;
  layers: number;
  /** Feed-forward width. */
  ffn: number;
  /** N(0, initStd²) for weights; output projections use initStd/√(2·layers) (GPT-2). */
  initStd: number;
  /** `auto`: gather (one-hot gives the same numbers through a [tokens x vocabulary] product). */
  embedding: 'auto' | 'gather' | 'onehot';
  /** Items per forward chunk when only scoring (bounds memory; training uses the whole batch). */
  scoreBatch: number;
}

export const DEFAULT_TRANSFORMER_CONFIG: TransformerConfig = {
  vocabBuckets: 8192,
  maxTokens: 128,
  dModel: 128,
  heads: 4,
  layers: 2,
  ffn: 512,
  initStd: 0.02,
  embedding: 'auto',
  scoreBatch: 64,
};

/**
 * For `rmw train --preset quick` on a CPU machine: ~1 s per 32-pair step on wasm (the default config is sized for
 * WebGPU and takes about a minute per step on wasm).
 */
export const QUICK_TRANSFORMER_CONFIG: Partial<TransformerConfig> = {
  vocabBuckets: 2048,
  maxTokens: 64,
  dModel: 32,
  heads: 2,
  layers: 1,
  ffn: 64,
};

/** A config for tests: every code path, small enough for the cpu backend. */
export const TINY_TRANSFORMER_CONFIG: Partial<TransformerConfig> = {
  vocabBuckets: 256,
  maxTokens: 16,
  dModel: 16,
  heads: 2,
  layers: 1,
  ffn: 32,
};

export function transformerConfigFrom(raw: Record<string, unknown>): TransformerConfig {
  for (const key of Object.keys(raw)) {
    if (!(key in DEFAULT_TRANSFORMER_CONFIG)) throw new Error(`transformer model: unknown config key "${key}"`);
  }
  const c = { ...DEFAULT_TRANSFORMER_CONFIG, ...raw } as TransformerConfig;
  const positiveInts: (keyof TransformerConfig)[] = [
    'vocabBuckets',
    'maxTokens',
    'dModel',
    'heads',
    'layers',
    'ffn',
    'scoreBatch',
  ];
  for (const k of positiveInts) {
    const v = c[k];
    if (!(Number.isInteger(v) && (v as number) >= 1))
      throw new Error(`transformer model: ${k} must be a positive integer, got ${String(v)}`);
  }
  if (c.dModel % c.heads !== 0)
    throw new Error(`transformer model: dModel ${c.dModel} is not divisible by heads ${c.heads}`);
  if (!(c.initStd > 0)) throw new Error(`transformer model: initStd must be > 0, got ${c.initStd}`);
  if (!['auto', 'gather', 'onehot'].includes(c.embedding))
    throw new Error(`transformer model: embedding must be auto, gather or onehot, got ${c.embedding}`);
  return c;
}

export interface ParamSpec {
  name: string;
  shape: number[];
  init: 'normal' | 'zeros' | 'ones';
  std?: number;
  /** Decoupled weight decay applies (matrices, embeddings), not to biases and LayerNorm gains. */
  decay: boolean;
}

/** Every parameter, in a fixed order. */
export function parameterSpecs(c: TransformerConfig): ParamSpec[] {
  const d = c.dModel,
    f = c.ffn,
    std = c.initStd,
    outStd = c.initStd / Math.sqrt(2 * c.layers);
  const w = (name: string, shape: number[], s = std): ParamSpec => ({
    name,
    shape,
    init: 'normal',
    std: s,
    decay: true,
  });
  const zeros = (name: string, n: number): ParamSpec => ({ name, shape: [n], init: 'zeros', decay: false });
  const ones = (name: string, n: number): ParamSpec => ({ name, shape: [n], init: 'ones', decay: false });
  const specs: ParamSpec[] = [w('tok_emb', [c.vocabBuckets, d]), w('pos_emb', [c.maxTokens, d])];
  for (let l = 0; l < c.layers; l++) {
    const p = `layer${l}`;
    specs.push(
      ones(`${p}/ln1/g`, d),
      zeros(`${p}/ln1/b`, d),
      // Q, K and V as one [d, 3d] product (columns: Q, then K, then V): one matrix product forward and two backward
      // per layer instead of three and six, and one parameter for the optimizer instead of three.
      w(`${p}/attn/wqkv`, [d, 3 * d]),
      zeros(`${p}/attn/bqkv`, 3 * d),
      w(`${p}/attn/wo`, [d, d], outStd),
      zeros(`${p}/attn/bo`, d),
      ones(`${p}/ln2/g`, d),
      zeros(`${p}/ln2/b`, d),
      w(`${p}/mlp/w1`, [d, f]),
      zeros(`${p}/mlp/b1`, f),
      w(`${p}/mlp/w2`, [f, d], outStd),
      zeros(`${p}/mlp/b2`, d),
    );
  }
  // The final LayerNorm has a gain but no bias: after mean pooling a bias β only adds the constant w·β to every
  // reward, which head/b already does (and which pairwise losses cannot see: their gradient for it is exactly 0).
  specs.push(ones('ln_f/g', d), w('head/w', [d, 1]), zeros('head/b', 1));
  return specs;
}

/** Initial values from the workbench's seeded generator (one independent stream per parameter name). */
export function initialValues(specs: ParamSpec[], seed: number): Float32Array[] {
  const root = createRng(seed);
  return specs.map((s) => {
    const n = s.shape.reduce((a, b) => a * b, 1);
    const out = new Float32Array(n);
    if (s.init === 'ones') out.fill(1);
    else if (s.init === 'normal') {
      const rng = root.fork(s.name);
      for (let i = 0; i < n; i++) out[i] = rng.normal() * (s.std ?? 0.02);
    }
    return out;
  });
}

/**
 * How the graph is computed, the same numbers each way: `tfjs` (plain tfjs ops, every backend); `fused` (webgpu:
 * the embedding, each residual add with its LayerNorm, GELU, attention and the mean pool as fused WGSL kernels,
 * ../device/fused*.ts, and the dense layers' bias gradients in one dispatch); `transpose` (wasm: the dense layers'
 * gradients take the transposes explicitly, since tfjs-backend-wasm's transposed matrix products are 3-10x slower
 * than a transpose followed by a plain product).
 */
export type GraphOps = 'tfjs' | 'fused' | 'transpose';

/** LayerNorm over the last axis of x [rows, d]. */
function layerNorm(x: tf.Tensor2D, g: tf.Tensor, b: tf.Tensor | undefined, ops: GraphOps): tf.Tensor2D {
  if (ops === 'fused') return fusedLayerNorm(x, g as tf.Tensor1D, (b ?? null) as tf.Tensor1D, 1e-5);
  const mean = tf.mean(x, -1, true);
  const centred = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centred), -1, true);
  const scaled = tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, 1e-5))), g);
  return (b ? tf.add(scaled, b) : scaled) as tf.Tensor2D;
}

/** The residual add and the LayerNorm of its sum: [s = a + r, LN(s)] (one fused kernel on WebGPU). */
function addLayerNorm(
  a: tf.Tensor2D,
  r: tf.Tensor2D,
  g: tf.Tensor,
  b: tf.Tensor | undefined,
  ops: GraphOps,
): [tf.Tensor2D, tf.Tensor2D] {
  if (ops === 'fused') return fusedAddLayerNorm(a, r, g as tf.Tensor1D, (b ?? null) as tf.Tensor1D, 1e-5);
  const s = tf.add(a, r) as tf.Tensor2D;
  return [s, layerNorm(s, g, b, ops)];
}

/** GELU, tanh approximation (Hendrycks & Gimpel 2016), as GPT-2 uses. */
function gelu(x: tf.Tensor, ops: GraphOps): tf.Tensor {
  if (ops === 'fused') return fusedGelu(x);
  const inner = tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.mul(x, tf.mul(x, x)))));
  return tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(inner)));
}

/** x·W + b as one fused kernel (tfjs's fused matMul adds the bias in the product's kernel: one dispatch, not two). */
function dense(x2d: tf.Tensor, w: tf.Tensor, b: tf.Tensor, ops: GraphOps): tf.Tensor {
  if (ops === 'fused') return fusedDense(x2d as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D);
  const product = () => tf.fused.matMul({ a: x2d as tf.Tensor2D, b: w as tf.Tensor2D, bias: b });
  if (ops !== 'transpose') return product();
  const f = (save: tf.GradSaveFunc) => {
    save([x2d, w]);
    return {
      value: product(),
      gradFunc: (dy: tf.Tensor, [x, wt]: tf.Tensor[]) => [
        tf.matMul(dy as tf.Tensor2D, tf.transpose(wt) as tf.Tensor2D),
        tf.matMul(tf.transpose(x) as tf.Tensor2D, dy as tf.Tensor2D),
        tf.sum(dy, 0),
      ],
    };
  };
  type Custom = Parameters<typeof tf.customGrad>[0];
  return tf.customGrad(((...args: unknown[]) => f(args[args.length - 1] as tf.GradSaveFunc)) as Custom)(x2d, w, b);
}

/** Rewards [N] for a packed batch; `p` maps parameter names to tensors. Call inside tidy / variableGrads. */
export function forwardRewards(
  p: Map<string, tf.Tensor>,
  c: TransformerConfig,
  batch: TokenBatch,
  embedding: 'gather' | 'onehot',
  ops: GraphOps = 'tfjs',
): tf.Tensor1D {
  const [N, L] = batch.ids.shape;
  const d = c.dModel,
    H = c.heads,
    dh = d / H;
  const get = (name: string): tf.Tensor => {
    const t = p.get(name);
    if (!t) throw new Error(`transformer: missing parameter ${name}`);
    return t;
  };
  const flatIds = tf.reshape(batch.ids, [N * L]) as tf.Tensor1D;
  // The residual stream x is [N·L, d] throughout; each branch's output is added to it by addLayerNorm, which also
  // normalises the sum for the next branch (the next layer's ln1, this layer's ln2, or the final ln_f).
  let x: tf.Tensor2D;
  if (ops === 'fused' && embedding === 'gather' && batch.tokenRows) {
    const [E, P] = [get('tok_emb'), get('pos_emb')] as tf.Tensor2D[];
    x = fusedEmbedding(flatIds, E, P, L, batch.tokenRows);
  } else {
    const tok =
      embedding === 'gather'
        ? tf.gather(get('tok_emb'), flatIds)
        : // int32 one-hot then cast: tfjs-backend-wasm 4.22's OneHot writes integer bits into a float32 output.
          tf.matMul(
            tf.cast(tf.oneHot(flatIds, c.vocabBuckets), 'float32') as tf.Tensor2D,
            get('tok_emb') as tf.Tensor2D,
          );
    const pos = tf.slice(get('pos_emb'), [0, 0], [L, d]);
    x = tf.reshape(tf.add(tf.reshape(tok, [N, L, d]), pos), [N * L, d]) as tf.Tensor2D;
  }
  const keyBias = batch.keyBias; // broadcast over heads and queries
  const heads = (t: tf.Tensor) => tf.transpose(tf.reshape(t, [N, L, H, dh]), [0, 2, 1, 3]);
  const fusedHeads = ops === 'fused' && L <= MAX_ATTENTION_TOKENS;
  let h = layerNorm(x, get('layer0/ln1/g'), get('layer0/ln1/b'), ops);
  let y = h; // the final LayerNorm's output, set by the last layer
  for (let l = 0; l < c.layers; l++) {
    const q = `layer${l}`;
    const qkv = dense(h, get(`${q}/attn/wqkv`), get(`${q}/attn/bqkv`), ops) as tf.Tensor2D; // [N·L, 3d]
    let merged: tf.Tensor;
    if (fusedHeads) {
      merged = fusedAttention(qkv, keyBias, H);
    } else {
      const [Qf, Kf, Vf] = tf.split(qkv, 3, 1);
      const scores = tf.add(
        tf.mul(tf.matMul(heads(Qf), heads(Kf), false, true), 1 / Math.sqrt(dh)),
        tf.reshape(keyBias, [N, 1, 1, L]),
      );
      const ctx = tf.matMul(tf.softmax(scores), heads(Vf)); // [N, H, L, dh]
      merged = tf.reshape(tf.transpose(ctx, [0, 2, 1, 3]), [N * L, d]);
    }
    const attn = dense(merged, get(`${q}/attn/wo`), get(`${q}/attn/bo`), ops) as tf.Tensor2D;
    const [x1, h2] = addLayerNorm(x, attn, get(`${q}/ln2/g`), get(`${q}/ln2/b`), ops);
    const ff = dense(
      gelu(dense(h2, get(`${q}/mlp/w1`), get(`${q}/mlp/b1`), ops), ops),
      get(`${q}/mlp/w2`),
      get(`${q}/mlp/b2`),
      ops,
    ) as tf.Tensor2D;
    if (l < c.layers - 1) {
      [x, h] = addLayerNorm(x1, ff, get(`layer${l + 1}/ln1/g`), get(`layer${l + 1}/ln1/b`), ops);
    } else {
      // A plain add: nothing reads the last sum but ln_f, and tfjs would fill an unread output's gradient with zeros
      // made on the CPU (an upload of the whole activation every step).
      y = layerNorm(tf.add(x1, ff) as tf.Tensor2D, get('ln_f/g'), undefined, ops);
    }
  }
  const pooled =
    ops === 'fused'
      ? fusedWeightedPool(y, batch.poolWeights)
      : tf.sum(tf.mul(tf.reshape(y, [N, L, d]), tf.reshape(batch.poolWeights, [N, L, 1])), 1); // [N, d]
  return tf.reshape(dense(pooled, get('head/w'), get('head/b'), ops), [N]) as tf.Tensor1D;
}
