// A device error publishes nothing: a run whose last step's work makes the WebGPU device report an error when it is
// submitted (at the read after the last step, where the trainer reads its queued steps) stops with the error, the
// process exits non-zero, and the run folder is never published as finished (no run.json, no weights.bin). Runs on
// SwiftShader in a child process (a device error makes its process exit 1 by design); skipped without SwiftShader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setting } from '../../src/config/env.js';

const ICD = setting('swiftShaderIcd');
const skip = existsSync(ICD) ? false : `no SwiftShader ICD at ${ICD} (apt-get install chromium libvulkan1)`;

// The child: four device steps of a tiny transformer into a run folder, with no held-out pairs (so no evaluation
// reads the device after training) and a device error injected into the fourth (last) step's work.
const CHILD =
  `
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from './src/model/backend.ts';
import { encodePair } from './src/model/chatFormat.ts';
import { getLoss } from './src/losses/registry.ts';
import { createTransformerRewardModel } from './src/model/transformer/model.ts';
import { trainConfigFrom } from './src/train/config.ts';
import { trainRewardModel } from './src/train/trainer.ts';
import { hhPairs } from './tests/train/hhFixture.ts';

await selectBackend('webgpu', { log: false });
const pairs = (await hhPairs('hh-helpful-base', 8)).map((p) => encodePair(p));
const model = await createTransformerRewardModel({ vocabBuckets: 64, maxTokens: 8, dModel: 8, heads: 2, ` +
  `layers: 1, ffn: 16 }, 1);
const inner = model.trainStep.bind(model);
let queued = 0;
model.trainStep = (batch, spec) => {
  const pending = inner(batch, spec);
  if (++queued === 4) {
    // A product recorded into the command buffer that the read will submit, over a buffer destroyed before that
    // submit: the device reports it only when the work is submitted, at the read after the last step.
    const t = tf.add(tf.fill([4096], 1), 0);
    const u = tf.mul(t, 2);
    tf.backend().tensorMap.get(t.dataId).resource.destroy();
    u.dispose();
  }
  return pending;
};
const config = trainConfigFrom({ seed: 1, epochs: 1, batchSize: 2, lr: 0.01, evalEvery: 0, checkpointEvery: ` +
  `0, logEvery: 4 });
try {
  await trainRewardModel({ model, train: pairs, loss: getLoss('bt'), config, outDir: process.env.RUN_DIR });
  console.log('TRAINED');
} catch (err) {
  console.log('THREW ' + err.name + ': ' + err.message.split('\\n')[0]);
}
`;

test('a device error in the last step leaves no published run folder and a failing exit', { skip }, () => {
  const root = mkdtempSync(join(tmpdir(), 'rmw-device-error-'));
  const runDir = join(root, 'run');
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
      env: {
        ...process.env,
        RUN_DIR: runDir,
        RMW_PROGRESS: '0',
        VK_ICD_FILENAMES: ICD,
        XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp',
      },
      encoding: 'utf8',
      timeout: 180_000,
    });
    assert.match(r.stdout, /THREW WebGpuError: training steps read at step 4: the WebGPU device reported/, r.stderr);
    assert.match(r.stderr, /rmw webgpu: validation error: .*destroyed/i);
    assert.notEqual(r.status, 0, 'the process exits non-zero');
    assert.equal(existsSync(join(runDir, 'run.json')), false, 'no run.json published');
    assert.equal(existsSync(join(runDir, 'weights.bin')), false, 'no weights published');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
