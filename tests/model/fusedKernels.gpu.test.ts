// The fused WebGPU graph (attention, dense bias gradients, LayerNorm, GELU as WGSL kernels) against the plain tfjs
// graph on the same device: rewards and every parameter's gradient equal within 1e-5, on a batch with padding (keys
// masked out, queries whose outputs nothing reads), and the step of the stack config's shape (4 layers, 4 heads,
// gather embedding; small widths) issues the dispatches counted here. On SwiftShader with WebGPU's default limits;
// skipped, saying why, without SwiftShader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { setting } from '../../src/config/env.js';
import { selectBackend } from '../../src/model/backend.js';
import { countsBetween, deviceCounts } from '../../src/model/device/counters.js';
import { assertDeviceHealthy } from '../../src/model/device/device.js';
import { activeWebGpuDevice } from '../../src/model/device/tfjsWebgpu.js';
import { getLoss } from '../../src/losses/registry.js';
import { resolveParams } from '../../src/losses/numeric.js';
import {
  forwardRewards,
  initialValues,
  parameterSpecs,
  transformerConfigFrom,
} from '../../src/model/transformer/graph.js';
import { disposeTokenBatch, packTokenArrays, packTokens } from '../../src/model/transformer/tokenBatch.js';
import { createTransformerRewardModel } from '../../src/model/transformer/model.js';
import { batchItems } from '../../src/model/trainable.js';

const ICD = setting('swiftShaderIcd');
const skip = existsSync(ICD) ? false : `no SwiftShader ICD at ${ICD} (apt-get install chromium libvulkan1)`;
Object.assign(
  process.env,
  skip ? {} : { VK_ICD_FILENAMES: ICD, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp' },
);

/** Items of `lengths` tokens with ids from a fixed rule (so the batch is the same on every run). */
function items(lengths: number[]): { ids: Int32Array }[] {
  return lengths.map((n, k) => ({ ids: Int32Array.from({ length: n }, (_, t) => (t * 37 + k * 11 + 5) % 1000) }));
}

test('fused attention and dense equal the plain tfjs graph within 1e-5, padding included', { skip }, async () => {
  await selectBackend('webgpu', { log: false });
  const c = transformerConfigFrom({ vocabBuckets: 64, maxTokens: 10, dModel: 16, heads: 4, layers: 2, ffn: 24 });
  const specs = parameterSpecs(c);
  const values = initialValues(specs, 3);
  const vars = specs.map((s, i) => tf.variable(tf.tensor(values[i], s.shape), true, `fusedtest/${s.name}`));
  const byName = new Map<string, tf.Tensor>(specs.map((s, i) => [s.name, vars[i]]));
  const batch = packTokens(items([3, 10, 1, 7, 14, 5]), c, { tokenRows: true }); // lengths under, at and over L
  const weights = tf.tensor1d([0.5, -1, 0.25, 2, -0.75, 1.5]);
  const run = async (ops: 'tfjs' | 'fused') => {
    const { value, grads } = tf.variableGrads(
      () => tf.sum(tf.mul(forwardRewards(byName, c, batch, 'gather', ops), weights)) as tf.Scalar,
      vars,
    );
    const r = await tf.tidy(() => forwardRewards(byName, c, batch, 'gather', ops)).data();
    const g = await Promise.all(vars.map((v) => grads[v.name].data()));
    tf.dispose([value, ...Object.values(grads)]);
    return { r, g };
  };
  const plain = await run('tfjs');
  const fused = await run('fused');
  assertDeviceHealthy('fused vs plain graph');
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(b));
  plain.r.forEach((r, i) => assert.ok(close(fused.r[i], r), `reward ${i}: ${fused.r[i]} vs ${r}`));
  let nonzero = 0;
  specs.forEach((s, k) => {
    plain.g[k].forEach((x, i) => {
      if (x !== 0) nonzero++;
      assert.ok(close(fused.g[k][i], x), `${s.name}[${i}]: ${fused.g[k][i]} vs ${x}`);
    });
  });
  assert.ok(nonzero > 1000, `the gradients are not trivially zero (${nonzero} nonzero)`);
  disposeTokenBatch(batch);
  tf.dispose([...vars, weights]);
});

test('the stack-shaped step: dispatches per step counted on SwiftShader', { skip }, async () => {
  await selectBackend('webgpu', { log: false });
  assert.equal(activeWebGpuDevice()!.limits.maxStorageBuffersPerShaderStage, 8, "WebGPU's default limit");
  // stack's structure (4 layers, 4 heads, gather embedding) at small widths: the count depends on the structure.
  const model = await createTransformerRewardModel(
    { vocabBuckets: 256, maxTokens: 16, dModel: 32, heads: 4, layers: 4, ffn: 64 },
    1,
  );
  assert.equal(model.ops, 'fused');
  const bt = getLoss('bt');
  const adamw = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 };
  const spec = { loss: bt, params: resolveParams(bt, {}), adamw, clipNorm: 1 };
  const pairs = items([5, 16, 9, 20, 3, 12, 16, 7]).map((it, k) => ({
    id: `p${k}`,
    chosen: { ids: it.ids, promptLength: 1 },
    rejected: { ids: it.ids.map((x) => x + 1), promptLength: 1 },
    margin: 0,
  }));
  await model.readSteps([model.trainStep({ pairs: pairs.slice(0, 4) }, spec)]); // first step: weights upload
  const before = deviceCounts();
  const pending = model.trainStep({ pairs: pairs.slice(4) }, spec);
  const spent = countsBetween(before, deviceCounts());
  const [values] = await model.readSteps([pending]);
  model.dispose();
  assertDeviceHealthy('stack-shaped step');
  assert.ok(Number.isFinite(values.loss) && values.gradNorm > 0);
  assert.equal(spent.reads, 0);
  // Uploads: the packed batch (ids, key bias, pool weights, tokens by row) and each dispatch's few uniform words; no
  // activation-sized tensor made on the CPU (16 KiB here, as tfjs makes for an unread output's gradient).
  const packed = packTokenArrays(batchItems({ pairs: pairs.slice(4) }), transformerConfigFrom({ ...model.config }));
  const batchBytes = [packed.ids, packed.keyBias, packed.poolWeights, packed.rowStart, packed.rowTokens].reduce(
    (sum, a) => sum + a.byteLength,
    0,
  );
  assert.ok(spent.uploadBytes <= batchBytes + 96 * spent.dispatches, `${spent.uploadBytes} bytes uploaded`);
  // Before the fused attention, dense and paired AdamW kernels: 403. The ceiling asserted is the count measured now.
  assert.ok(spent.dispatches <= STACK_STEP_DISPATCHES, `${spent.dispatches} dispatches per step`);
  process.stdout.write(
    `# stack-shaped step: ${spent.dispatches} dispatches, ${spent.submits} submits, ${spent.uploadBytes} bytes up\n`,
  );
});

/** The dispatches one step of the stack config's shape issues (measured on SwiftShader). */
const STACK_STEP_DISPATCHES = 184;

test(
  "the packed AdamW moments: snapshot, restore and the contract's applyUpdate match the cpu backend",
  { skip },
  async () => {
    const config = { vocabBuckets: 64, maxTokens: 8, dModel: 8, heads: 2, layers: 1, ffn: 16 };
    const bt = getLoss('bt');
    const adamw = { lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 };
    const spec = { loss: bt, params: resolveParams(bt, {}), adamw, clipNorm: 0.5 };
    const pairs = items([3, 8, 5, 6, 2, 7]).map((it, k) => ({
      id: `p${k}`,
      chosen: { ids: it.ids, promptLength: 1 },
      rejected: { ids: it.ids.map((x) => x + 3), promptLength: 1 },
      margin: 0,
    }));
    const run = async (backend: 'cpu' | 'webgpu') => {
      await selectBackend(backend, { log: false });
      const a = await createTransformerRewardModel({ ...config }, 2);
      await a.readSteps([
        a.trainStep({ pairs: pairs.slice(0, 3) }, spec),
        a.trainStep({ pairs: pairs.slice(3) }, spec),
      ]);
      const snap = await a.snapshot();
      const b = await createTransformerRewardModel({ ...config }, 9);
      await b.restore(snap);
      const [sa] = await a.readSteps([a.trainStep({ pairs: pairs.slice(0, 3) }, spec)]);
      const [sb] = await b.readSteps([b.trainStep({ pairs: pairs.slice(0, 3) }, spec)]);
      // The plain contract: forward, backward with dL/dr, applyUpdate.
      const batch = pairs.slice(0, 2).flatMap((p) => [p.chosen, p.rejected]);
      await b.forward(batch);
      await b.backward(Float64Array.from(batch, (_, i) => (i % 2 ? -0.5 : 0.5)));
      b.applyUpdate({ ...adamw, gradScale: 0.8 });
      const after = await b.snapshot();
      a.dispose();
      b.dispose();
      assertDeviceHealthy(`${backend} moments`);
      return { snap, sa, sb, after };
    };
    const cpu = await run('cpu');
    const gpu = await run('webgpu');
    const close = (x: number, y: number) => Math.abs(x - y) <= 1e-4 * Math.max(1, Math.abs(y));
    // The embedding gradient's atomic adds may sum in another order: equal to rounding, not bit for bit.
    assert.ok(close(gpu.sb.loss, gpu.sa.loss) && close(gpu.sb.gradNorm, gpu.sa.gradNorm), 'restored steps alike');
    for (const [g, c] of [
      [gpu.snap, cpu.snap],
      [gpu.after, cpu.after],
    ]) {
      assert.deepEqual(
        g.optimizer.map((o) => o.name),
        c.optimizer.map((o) => o.name),
      );
      [...g.params, ...g.optimizer].forEach((o, k) => {
        const ref = [...c.params, ...c.optimizer][k];
        o.data.forEach((x, i) => assert.ok(close(x, ref.data[i]), `${o.name}[${i}]: ${x} vs ${ref.data[i]}`));
      });
    }
  },
);
