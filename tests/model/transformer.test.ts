// The transformer reward model on a tiny config: it learns real pairs, every parameter moves, memory is flat,
// AdamW's first step has its closed form, masking makes padding irrelevant, snapshots resume exactly, and the
// cpu (gather) and wasm (one-hot) backends agree, and gather trains on wasm too.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../src/model/backend.js';
import { createTransformerRewardModel, TransformerRewardModel } from '../../src/model/transformer/model.js';
import { TINY_TRANSFORMER_CONFIG, transformerConfigFrom } from '../../src/model/transformer/graph.js';
import { loadHhRlhf } from '../../src/data/loaders/hhRlhf.js';
import { encodePair } from '../../src/model/chatFormat.js';
import { batchItems, type AdamWStep, type EncodedPair, type ModelSnapshot } from '../../src/model/trainable.js';

const ADAMW: AdamWStep = { lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, gradScale: 1 };
let pairs: EncodedPair[] = [];

before(async () => {
  const report = await loadHhRlhf('hh-helpful-base');
  pairs = report.items.slice(0, 6).map((p) => encodePair(p));
});

/** One Bradley-Terry step through the trainer contract; returns the mean loss before the update. */
async function btStep(model: TransformerRewardModel, batch: EncodedPair[], step = ADAMW): Promise<number> {
  const B = batch.length;
  const r = await model.forward(batchItems({ pairs: batch }));
  const dR = new Float64Array(2 * B);
  let loss = 0;
  for (let i = 0; i < B; i++) {
    const z = r[B + i] - r[i];
    loss += Math.log1p(Math.exp(z)) / B; // softplus(r_rejected - r_chosen)
    const s = 1 / (1 + Math.exp(-z));
    dR[i] = -s / B;
    dR[B + i] = s / B;
  }
  await model.backward(dR);
  model.applyUpdate(step);
  return loss;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

test('config: unknown keys and heads that do not divide dModel are errors', () => {
  assert.throws(() => transformerConfigFrom({ depth: 2 }), /unknown config key "depth"/);
  assert.throws(() => transformerConfigFrom({ dModel: 10, heads: 3 }), /not divisible by heads/);
});

test('cpu, tiny config: loss falls, every parameter changes, no tensor growth after step 1', async () => {
  await selectBackend('cpu', { log: false });
  const model = await createTransformerRewardModel({ ...TINY_TRANSFORMER_CONFIG }, 3);
  assert.equal(model.backend, 'tfjs-cpu');
  assert.equal(model.embedding, 'gather');
  const before = await model.snapshot(true);
  const losses = [await btStep(model, pairs)];
  const tensorsAfterFirst = tf.memory().numTensors;
  for (let s = 0; s < 4; s++) {
    losses.push(await btStep(model, pairs));
    assert.equal(tf.memory().numTensors, tensorsAfterFirst, `tensor count grew at step ${s + 2}`);
  }
  const final = await btStep(model, pairs);
  assert.ok(final < losses[0] - 0.05, `loss ${losses[0]} -> ${final} should fall`);
  const after = await model.snapshot(true);
  for (const p of before.params) {
    const q = after.params.find((x) => x.name === p.name)!;
    // Bradley-Terry sees only reward differences, so the shared output bias gets exactly zero gradient.
    if (p.name === 'head/b') assert.deepEqual(q.data, p.data, 'head/b is invisible to a pairwise loss');
    else assert.ok(maxAbsDiff(p.data, q.data) > 0, `parameter ${p.name} did not change`);
  }
  model.dispose();
});

test(
  'AdamW step 1 moves a scalar bias by -lr * sign(gradient); the ' + 'gradient of head/b is the sum of dL/dr',
  async () => {
    await selectBackend('cpu', { log: false });
    const model = await createTransformerRewardModel({ ...TINY_TRANSFORMER_CONFIG }, 5);
    const items = batchItems({ pairs: pairs.slice(0, 2) });
    await model.forward(items);
    const dR = Float64Array.from([0.3, -0.1, 0.05, 0.2]); // sum 0.45 > 0
    const sq = await model.backward(dR);
    assert.ok(sq >= 0.45 ** 2, "the global squared norm includes head/b's gradient 0.45^2");
    model.applyUpdate({ ...ADAMW, lr: 0.003 });
    const b = (await model.snapshot(true)).params.find((p) => p.name === 'head/b')!;
    assert.ok(Math.abs(b.data[0] - -0.003) < 1e-7, `head/b = ${b.data[0]}, expected -0.003`);
    model.dispose();
  },
);

test('mean pooling over non-pad tokens: an item scores the same alone or batched with longer items', async () => {
  await selectBackend('cpu', { log: false });
  const model = await createTransformerRewardModel({ ...TINY_TRANSFORMER_CONFIG, maxTokens: 64 }, 2);
  const short = { ids: Int32Array.from([11, 22, 33]), promptLength: 1 };
  const long = { ids: Int32Array.from({ length: 80 }, (_, i) => (i * 37) % 1000), promptLength: 10 };
  const alone = await model.rewards([short]);
  const batched = await model.rewards([long, short]);
  assert.ok(Math.abs(alone[0] - batched[1]) < 1e-5, `${alone[0]} vs ${batched[1]}`);
  model.dispose();
});

test('same seed, same bytes; snapshot + restore continues to the same result as uninterrupted training', async () => {
  await selectBackend('cpu', { log: false });
  const a = await createTransformerRewardModel({ ...TINY_TRANSFORMER_CONFIG }, 9);
  const b = await createTransformerRewardModel({ ...TINY_TRANSFORMER_CONFIG }, 9);
  assert.deepEqual((await a.snapshot()).params, (await b.snapshot()).params);
  await btStep(a, pairs);
  await btStep(a, pairs);
  const mid: ModelSnapshot = await a.snapshot();
  await btStep(a, pairs);
  b.dispose();
  const c = await createTransformerRewardModel({ ...TINY_TRANSFORMER_CONFIG }, 1234);
  await c.restore(mid);
  await btStep(c, pairs);
  const ua = await a.snapshot(),
    uc = await c.snapshot();
  assert.equal(uc.optimizerStep, 3);
  for (let i = 0; i < ua.params.length; i++) assert.deepEqual(uc.params[i].data, ua.params[i].data, ua.params[i].name);
  a.dispose();
  c.dispose();
});

test('cpu (gather embedding) and wasm (one-hot embedding) agree within 1e-4 over three steps', async () => {
  // Compared through what the model computes (losses, gradient norms, rewards after training), not raw weights:
  // Adam divides by |g|, so a parameter whose gradient is ~0 can step ±lr on either side of a rounding difference.
  const items = batchItems({ pairs });
  const run = async (backend: 'cpu' | 'wasm') => {
    await selectBackend(backend, { log: false });
    const lookup = backend === 'wasm' ? 'onehot' : 'auto';
    const m = await createTransformerRewardModel({ ...TINY_TRANSFORMER_CONFIG, embedding: lookup }, 4);
    await m.forward(items);
    const firstNorm = await m.backward(new Float64Array(items.length).fill(0.1));
    const losses = [await btStep(m, pairs), await btStep(m, pairs), await btStep(m, pairs)];
    const r = await m.rewards(items);
    const B = pairs.length;
    const rewards = Array.from({ length: B }, (_, i) => r[i] - r[B + i]); // what a pairwise model defines
    const embedding = m.embedding;
    m.dispose();
    return { firstNorm, losses, rewards, embedding };
  };
  const cpu = await run('cpu');
  const wasm = await run('wasm');
  assert.deepEqual([cpu.embedding, wasm.embedding], ['gather', 'onehot']);
  assert.ok(Math.abs(cpu.firstNorm - wasm.firstNorm) <= 1e-4 * cpu.firstNorm, `${cpu.firstNorm} vs ${wasm.firstNorm}`);
  assert.ok(maxAbsDiff(cpu.losses, wasm.losses) < 1e-4, `${cpu.losses} vs ${wasm.losses}`);
  assert.ok(
    maxAbsDiff(cpu.rewards, wasm.rewards) < 1e-3,
    `reward margins differ by ${maxAbsDiff(cpu.rewards, wasm.rewards)}`,
  );
});

test('gather trains on wasm (the workbench registers the UnsortedSegmentSum kernel) and equals one-hot', async () => {
  await selectBackend('wasm', { log: false });
  const items = batchItems({ pairs });
  const norms: number[] = [];
  for (const embedding of ['gather', 'onehot'] as const) {
    const m = await createTransformerRewardModel({ ...TINY_TRANSFORMER_CONFIG, embedding }, 6);
    assert.equal(m.embedding, embedding);
    await m.forward(items);
    norms.push(await m.backward(new Float64Array(items.length).fill(0.1)));
    m.dispose();
  }
  assert.ok(norms[0] > 0 && Math.abs(norms[0] - norms[1]) <= 1e-5 * norms[0], `${norms[0]} vs ${norms[1]}`);
});

test('RMW_BACKEND=webgpu without a GPU: creating the model fails clearly instead of running elsewhere', () => {
  // Node's backend chooser is installed by model/backend.ts (the model factory and the package entry import it).
  const code =
    `import('./src/model/backend.ts').then(() => ` +
    `import('./src/model/transformer/model.ts')).then(async (m) => {
    try { const t = await m.createTransformerRewardModel(` +
    `{ vocabBuckets: 64, maxTokens: 8, dModel: 8, heads: 2, layers: 1, ffn: 16 }, 1);
      console.log('OK ' + t.backend); }
    catch (e) { console.log('ERR ' + e.message); process.exitCode = 3; } })`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], {
    env: { ...process.env, RMW_BACKEND: 'webgpu' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const out = r.stdout.trim();
  if (out === 'OK tfjs-webgpu') return; // a machine with a GPU adapter
  assert.equal(r.status, 3, `${out}\n${r.stderr}`);
  assert.match(out, /^ERR the webgpu tensor backend was requested .* unavailable here: webgpu: /);
});

test('a snapshot with Q, K and V as three parameters (the earlier layout) restores exactly', async () => {
  await selectBackend('cpu', { log: false });
  const a = await createTransformerRewardModel(TINY_TRANSFORMER_CONFIG, 5);
  await btStep(a, pairs.slice(0, 3)); // moments non-zero
  const joined = await a.snapshot();
  // Write it in the earlier layout: wqkv [d, 3d] -> wq, wk, wv [d, d] (column blocks), bqkv -> bq, bk, bv, moments too.
  const split = (list: typeof joined.params) =>
    list.flatMap((x) => {
      const m = /^(.*\/attn\/)(w|b)qkv(\/m|\/v)?$/.exec(x.name);
      if (!m) return [x];
      const d = x.shape[x.shape.length - 1] / 3;
      const rows = x.data.length / (3 * d);
      return ['q', 'k', 'v'].map((part, k) => {
        const data = new Float32Array(rows * d);
        for (let r = 0; r < rows; r++) data.set(x.data.subarray((3 * r + k) * d, (3 * r + k + 1) * d), r * d);
        return { name: `${m[1]}${m[2]}${part}${m[3] ?? ''}`, shape: x.shape.length === 1 ? [d] : [rows, d], data };
      });
    });
  const old: ModelSnapshot = { ...joined, params: split(joined.params), optimizer: split(joined.optimizer) };
  assert.ok(old.params.some((x) => x.name === 'layer0/attn/wk') && !old.params.some((x) => /qkv/.test(x.name)));
  const b = await createTransformerRewardModel(TINY_TRANSFORMER_CONFIG, 6);
  await b.restore(old);
  assert.deepEqual(await b.snapshot(), joined);
  const missing = { ...old, params: old.params.filter((x) => x.name !== 'layer0/attn/wv') };
  await assert.rejects(b.restore(missing), /has layer0\/attn\/wq but not all of .*wv/);
  a.dispose();
  b.dispose();
});
