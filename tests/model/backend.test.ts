// Backend selection: named backends either start or fail loudly; auto says what it skipped and why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs-core';
import { AUTO_ORDER, BackendUnavailableError, parseBackendRequest, selectBackend } from '../../src/model/backend.js';

/** d/dx sum(softplus(W x)) for a fixed W, x: exercises matMul and softplus gradients on the active backend. */
function softplusGradient(): number[] {
  return tf.tidy(() => {
    const w = tf.tensor2d([
      [1, -2],
      [0.5, 3],
    ]);
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.softplus(tf.matMul(w, tf.reshape(x, [2, 1])))))(
      tf.tensor1d([0.25, -0.5]),
    );
    return Array.from(g.dataSync());
  });
}

// By hand: z = W x = [1.25, -1.375]; sigmoid(z) = [0.777300, 0.201813]; grad = W^T sigmoid(z).
const EXPECTED = [1 * 0.7773 + 0.5 * 0.201813, -2 * 0.7773 + 3 * 0.201813];

for (const name of ['cpu', 'wasm'] as const) {
  test(`${name} is selected by name, with gradients registered`, async () => {
    const sel = await selectBackend(name, { log: false });
    assert.equal(sel.name, name);
    assert.equal(tf.getBackend(), name);
    assert.deepEqual(
      sel.tried.map((t) => [t.name, t.ok]),
      [[name, true]],
    );
    const g = softplusGradient();
    g.forEach((v, i) => assert.ok(Math.abs(v - EXPECTED[i]) < 1e-4, `grad[${i}] = ${v}, expected ${EXPECTED[i]}`));
  });
}

test('an unknown backend name is an error that lists the choices', () => {
  assert.throws(() => parseBackendRequest('cuda'), /unknown backend "cuda".*auto, tensorflow, webgpu, wasm, cpu/);
});

test('tensorflow by name, when tfjs-node is not installed, fails instead of falling back', async () => {
  await selectBackend('cpu', { log: false });
  await assert.rejects(selectBackend('tensorflow', { log: false }), (err: unknown) => {
    assert.ok(err instanceof BackendUnavailableError);
    assert.match(
      err.message,
      /tensorflow tensor backend was requested .* unavailable here: .*tfjs-node-gpu not installed/,
    );
    assert.deepEqual(
      err.tried.map((t) => t.name),
      ['tensorflow'],
    );
    return true;
  });
  assert.equal(tf.getBackend(), 'cpu', 'a failed request leaves the previous backend active');
});

test('RMW_BACKEND=webgpu without a GPU adapter fails with a clear message (and runs where there is one)', () => {
  // A fresh process, so the env var is read the way users set it.
  const code = `import('./src/model/backend.ts').then(async (m) => {
    try { const s = await m.selectBackend(); console.log('OK ' + s.name); }
    catch (e) { console.log('ERR ' + e.name + ': ' + e.message); process.exitCode = 3; } })`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], {
    env: { ...process.env, RMW_BACKEND: 'webgpu' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const out = run.stdout.trim();
  if (out.startsWith('OK')) {
    assert.equal(out, 'OK webgpu');
    return;
  }
  assert.equal(run.status, 3, `${out}\n${run.stderr}`);
  assert.match(out, /^ERR BackendUnavailableError: the webgpu tensor backend was requested/);
  assert.match(out, /webgpu: (no WebGPU adapter|the "webgpu" package|Dawn failed)/);
  assert.doesNotMatch(out, /wasm|cpu:/, 'no other backend is tried when one is named');
});

test('auto takes the first backend that works and records why it skipped the others', async () => {
  const sel = await selectBackend('auto', { log: false });
  const names = sel.tried.map((t) => t.name);
  // GPUs first (tfjs-node-gpu on CUDA, then a real WebGPU adapter), then tfjs-node on the CPU, wasm, cpu.
  assert.deepEqual(names, ['tensorflow', 'webgpu', 'tensorflow', 'wasm', 'cpu'].slice(0, names.length));
  if (names.length >= 3) {
    assert.match(sel.tried[0].why, /tfjs-node-gpu/);
    assert.doesNotMatch(sel.tried[0].why, /tfjs-node not installed/, 'the CPU tfjs-node is tried after WebGPU');
    assert.match(sel.tried[2].why, /tfjs-node not installed/);
  }
  assert.equal(sel.tried.at(-1)?.ok, true);
  assert.ok(sel.tried.slice(0, -1).every((t) => !t.ok && t.why.length > 0));
  assert.equal(sel.name, names.at(-1));
  assert.match(sel.reason, new RegExp(`^auto: ${sel.name} is the first that works`));
});

test('auto prefers a real WebGPU adapter over every CPU backend, tfjs-node included', () => {
  const names = AUTO_ORDER.map((s) => s.name);
  const webgpu = names.indexOf('webgpu');
  assert.ok(webgpu >= 0 && webgpu < names.lastIndexOf('tensorflow') && webgpu < names.indexOf('wasm'));
  assert.equal(names.indexOf('tensorflow'), 0, 'tfjs-node-gpu on a CUDA GPU is tried first');
});
