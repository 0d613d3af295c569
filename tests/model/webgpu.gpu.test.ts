// The transformer on WebGPU, on every machine: SwiftShader (a Vulkan driver that runs on the CPU, shipped by Debian's
// chromium) gives Dawn an adapter without a GPU, so every WebGPU code path runs here against the cpu backend.
// Skipped, saying why, when the SwiftShader ICD file is absent (CI installs chromium and libvulkan1, so it runs
// there). SwiftShader is slow: tiny configs and a few steps.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { hhPairs } from '../train/hhFixture.js';
import { setting } from '../../src/config/env.js';
import { selectBackend } from '../../src/model/backend.js';
import { encodePair } from '../../src/model/chatFormat.js';
import { assertDeviceHealthy } from '../../src/model/device/device.js';
import { getLoss, listLosses } from '../../src/losses/registry.js';
import { resolveParams } from '../../src/losses/numeric.js';
import { pairLossReference, pairLossTensor } from '../../src/losses/batch.js';
import { batchItems, type DeviceStepValues, type EncodedPair } from '../../src/model/trainable.js';
import { createTransformerRewardModel } from '../../src/model/transformer/model.js';
import { trainConfigFrom } from '../../src/train/config.js';
import { trainRewardModel } from '../../src/train/trainer.js';
import { trainToyBradleyTerry } from '../../src/workbook/toyBradleyTerry.js';

const ICD = setting('swiftShaderIcd');
const skip = existsSync(ICD) ? false : `no SwiftShader ICD at ${ICD} (apt-get install chromium libvulkan1)`;
if (skip) process.stdout.write(`# webgpu tests skipped: ${skip}\n`);
// The Vulkan loader reads these when Dawn starts (after this line), so the adapter is SwiftShader.
const GPU_ENV = { VK_ICD_FILENAMES: ICD, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp' };
Object.assign(process.env, skip ? {} : GPU_ENV);

const TINY = { vocabBuckets: 128, maxTokens: 12, dModel: 8, heads: 2, layers: 1, ffn: 16 };
const ADAMW = { lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 };
let pairs: EncodedPair[] = [];

before(async () => {
  const raw = await hhPairs('hh-helpful-base', 8);
  pairs = raw.map((p, i) => ({ ...encodePair(p), margin: (i % 3) * 0.5 }));
});

const close = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

function rmw(args: string[], env: Record<string, string | undefined>) {
  return spawnSync(process.execPath, ['bin/rmw.js', ...args], {
    env: { ...process.env, RMW_PROGRESS: '0', ...env },
    encoding: 'utf8',
    timeout: 240_000,
  });
}

test('auto skips the SwiftShader adapter and says so; webgpu by name uses it', { skip }, async () => {
  const auto = await selectBackend('auto', { log: false });
  assert.notEqual(auto.name, 'webgpu');
  const seen = auto.tried.find((t) => t.name === 'webgpu');
  assert.match(seen!.why, /swiftshader \(software, runs on the CPU\), a test device, so auto skips it/);
  const named = await selectBackend('webgpu', { log: false });
  assert.equal(named.name, 'webgpu');
  assert.equal(named.adapter?.software, true);
  assert.match(named.reason, /requested webgpu \(WebGPU through Dawn on google swiftshader/);
});

test('rewards, gradients and three optimizer steps agree with the cpu backend within 1e-4', { skip }, async () => {
  const items = batchItems({ pairs: pairs.slice(0, 4) });
  const focal = getLoss('focal');
  const spec = { loss: focal, params: resolveParams(focal, { center: 0.01 }), adamw: ADAMW, clipNorm: 0.05 };
  const run = async (backend: 'cpu' | 'webgpu') => {
    await selectBackend(backend, { log: false });
    const m = await createTransformerRewardModel({ ...TINY }, 4);
    const before = await m.rewards(items);
    await m.forward(items);
    const g2 = await m.backward(Float64Array.from(items, (_, i) => (i % 2 ? -0.1 : 0.2)));
    const steps = await m.readSteps([0, 1, 2].map(() => m.trainStep({ pairs: pairs.slice(0, 4) }, spec)));
    const after = await m.rewards(items);
    const ops = m.ops;
    m.dispose();
    assertDeviceHealthy(`${backend} run`);
    return { before, g2, steps, after, ops };
  };
  const cpu = await run('cpu');
  const gpu = await run('webgpu');
  assert.deepEqual([cpu.ops, gpu.ops], ['tfjs', 'fused'], 'WebGPU runs the fused kernels');
  cpu.before.forEach((r, i) => assert.ok(close(gpu.before[i], r, 1e-4), `reward ${i}: ${gpu.before[i]} vs ${r}`));
  assert.ok(cpu.g2 > 0 && close(gpu.g2, cpu.g2, 1e-4), `squared gradient norm ${gpu.g2} vs ${cpu.g2}`);
  cpu.steps.forEach((s: DeviceStepValues, k) => {
    const g = gpu.steps[k];
    assert.ok(
      close(g.loss, s.loss, 1e-4) && close(g.gradNorm, s.gradNorm, 1e-4),
      `step ${k + 1}: ${JSON.stringify([g, s])}`,
    );
    assert.equal(g.accuracy, s.accuracy);
    assert.equal(g.clipped, s.clipped);
  });
  assert.ok(
    cpu.steps.some((s) => s.clipped),
    'clipping is exercised',
  );
  cpu.after.forEach((r, i) => assert.ok(close(gpu.after[i], r, 1e-4), `trained reward ${i}: ${gpu.after[i]} vs ${r}`));
});

test(
  'every loss: tensor forms on the device equal the number forms within 1e-5, and each trains a step',
  { skip },
  async () => {
    await selectBackend('webgpu', { log: false });
    const rc = [0.3, -1.2, 2, 0, 50, -50, 7.25, -0.01].map(Math.fround);
    const rr = [0.1, 0.4, -1, 0, -50, 50, 7, 0.5].map(Math.fround);
    const margin = [0.5, 1, 0, 0.25, 2, 1, 0.3, 0.1].map(Math.fround);
    const model = await createTransformerRewardModel({ ...TINY }, 5);
    const pending = [];
    for (const loss of listLosses()) {
      const params = resolveParams(loss, loss.kind === 'term' ? {} : { center: 0.01 });
      const m = tf.tensor1d(margin);
      const ref = pairLossReference(loss, rc, rr, margin, params);
      const [value, gc, gr] = tf.tidy(() => {
        const [a, b] = [tf.tensor1d(rc), tf.tensor1d(rr)];
        const f = (x: tf.Tensor, y: tf.Tensor) => pairLossTensor(loss, x as tf.Tensor1D, y as tf.Tensor1D, m, params);
        return [f(a, b), ...tf.grads(f)([a, b])];
      });
      const [v, dc, dr] = await Promise.all([value.data(), gc.data(), gr.data()]);
      tf.dispose([value, gc, gr, m]);
      assert.ok(close(v[0], ref.mean, 1e-5), `${loss.name}: ${v[0]} vs ${ref.mean}`);
      for (let i = 0; i < rc.length; i++) {
        assert.ok(close(dc[i], ref.dChosen[i] / rc.length, 1e-5), `${loss.name} dChosen[${i}]`);
        assert.ok(close(dr[i], ref.dRejected[i] / rc.length, 1e-5), `${loss.name} dRejected[${i}]`);
      }
      pending.push(model.trainStep({ pairs: pairs.slice(0, 2) }, { loss, params, adamw: ADAMW, clipNorm: 1 }));
    }
    const values = await model.readSteps(pending);
    model.dispose();
    assertDeviceHealthy('loss steps');
    values.forEach((s, i) =>
      assert.ok(Number.isFinite(s.loss) && s.gradNorm > 0, `${listLosses()[i].name}: ${JSON.stringify(s)}`),
    );
  },
);

test('GPU memory and tfjs tensor counts do not grow over 50 steps', { skip }, async () => {
  await selectBackend('webgpu', { log: false });
  const model = await createTransformerRewardModel({ ...TINY, maxTokens: 6 }, 6);
  const bt = getLoss('bt');
  const spec = { loss: bt, params: resolveParams(bt, {}), adamw: ADAMW, clipNorm: 1 };
  const seen: { tensors: number; bytes: number }[] = [];
  for (let block = 0; block < 5; block++) {
    const pending = Array.from({ length: 10 }, (_, k) =>
      model.trainStep({ pairs: pairs.slice(2 * ((block + k) % 3), 2 * ((block + k) % 3) + 2) }, spec),
    );
    await model.readSteps(pending);
    const mem = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number };
    seen.push({ tensors: mem.numTensors, bytes: mem.numBytesInGPU ?? -1 });
  }
  model.dispose();
  assertDeviceHealthy('50 steps');
  // After the first block (AdamW state and scratch exist by then) nothing may grow.
  for (const s of seen.slice(1)) assert.deepEqual(s, seen[0], `memory after each 10 steps: ${JSON.stringify(seen)}`);
  assert.ok(seen[0].bytes > 0, 'the webgpu backend reports its GPU bytes');
});

test('the trainer on WebGPU reads nothing between logs and ends where the cpu backend does', { skip }, async () => {
  const config = trainConfigFrom({ seed: 2, epochs: 1, batchSize: 2, lr: 0.01, evalEvery: 0, checkpointEvery: 0 });
  const run = async (backend: 'cpu' | 'webgpu') => {
    await selectBackend(backend, { log: false });
    const model = await createTransformerRewardModel({ ...TINY }, 8);
    const res = await trainRewardModel({
      model,
      train: pairs.slice(0, 6),
      eval: pairs.slice(6),
      loss: getLoss('bt-margin'),
      config: { ...config, logEvery: 2 },
    });
    model.dispose();
    return res;
  };
  const cpu = await run('cpu');
  const gpu = await run('webgpu');
  const d = gpu.device!;
  assert.equal(d.backend, 'tfjs-webgpu');
  assert.match(d.adapter!, /swiftshader/);
  assert.equal(d.readsPerStep, 0, 'no GPU-to-CPU read inside a step');
  assert.equal(d.readsPerLog, 1, 'one read per log');
  assert.ok(d.dispatchesPerStep! > 0 && d.uploadBytesPerStep! > 0 && d.submitsPerStep! >= 0);
  // WebGPU's default limits, though SwiftShader offers 12 storage buffers and 32 KiB of workgroup storage.
  assert.equal(d.limits!.maxStorageBuffersPerShaderStage, 8);
  assert.equal(d.limits!.maxComputeWorkgroupStorageSize, 16384);
  assert.ok(d.limits!.maxBufferSize >= 268435456);
  assert.deepEqual(Object.keys(d.raisedLimits!).sort(), ['maxBufferSize', 'maxStorageBufferBindingSize']);
  assert.equal(d.tfjs!.matmulThresholdDefault, true);
  gpu.steps.forEach((s, i) => assert.ok(close(s.gradNorm, cpu.steps[i].gradNorm, 1e-4) && s.gradNorm > 0));
  assert.ok(close(gpu.final!.loss!, cpu.final!.loss!, 1e-4), `${gpu.final!.loss} vs ${cpu.final!.loss}`);
});

test('a synchronous read on WebGPU fails with an error that says what to use', { skip }, async () => {
  await selectBackend('webgpu', { log: false });
  const t = tf.add(tf.fill([2000], 1), 1); // large enough to live on the GPU
  assert.throws(() => t.dataSync(), /synchronous read .* on the WebGPU backend.*await tensor\.data\(\)/);
  assert.equal((await t.data())[0], 2);
  t.dispose();
});

test('a WebGPU validation error fails the process: message on stderr, nothing on stdout', { skip }, () => {
  const code = `import('./src/model/backend.ts').then(async (b) => {
    const d = await import('./src/model/device/device.ts');
    const tf = await import('@tensorflow/tfjs-core');
    await b.selectBackend('webgpu', { log: false });
    const x = tf.addN(Array.from({ length: 22 }, (_, i) => tf.fill([2000], i)));
    await x.data();
    d.assertDeviceHealthy('addN of 22 tensors');
  })`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { encoding: 'utf8', timeout: 120_000 });
  assert.notEqual(r.status, 0, 'the process fails');
  assert.equal(r.stdout, '', 'Dawn no longer prints on stdout');
  assert.match(
    r.stderr,
    /rmw webgpu: validation error: .*storage buffers \(23\).*exceeds the maximum per-stage limit \(\d+\)/,
  );
  assert.match(r.stderr, /addN of 22 tensors: the WebGPU device reported \d+ error\(s\), so the results are wrong/);
});

test("`rmw env --toy` (notebook 00's toy) trains on SwiftShader with JSON on stdout, as on cpu", { skip }, async () => {
  const r = rmw(['env', '--toy', '--steps', '4', '--pairs', '16', '--json'], { RMW_BACKEND: 'webgpu' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { backend: { name: string }; toy: { steps: { loss: number }[] } };
  assert.equal(out.backend.name, 'webgpu');
  await selectBackend('cpu', { log: false });
  const cpu = await trainToyBradleyTerry({ steps: 4, pairs: 16 });
  out.toy.steps.forEach((s, i) =>
    assert.ok(close(s.loss, cpu.steps[i].loss, 1e-4), `${s.loss} vs ${cpu.steps[i].loss}`),
  );
});

test('RMW_BACKEND=webgpu without any adapter: the error says there is none', { skip }, () => {
  const r = rmw(['env'], { RMW_BACKEND: 'webgpu', VK_ICD_FILENAMES: '/nonexistent/icd.json' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /the webgpu tensor backend was requested .* unavailable here: webgpu: no WebGPU adapter/);
});
