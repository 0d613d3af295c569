// Benchmark: one training step of the transformer reward model (forward + Bradley-Terry loss + backward + AdamW)
// on tfjs backends, against the same model in PyTorch (bench/transformer-step.py: CPU with 1 thread and all cores,
// and CUDA when present) with the same config, initial weights and real HH-RLHF token batches. Ours goes through
// the trainer's contract (forward, dL/dr, backward with a recomputed forward, applyUpdate), as `rmw train` runs it.
// The first-step losses of every setup are printed side by side: equal losses show both sides run the same model.
// Usage: node --import tsx bench/transformer-step.ts [--backends wasm[,cpu]] [--config small|stack] [--pairs N]
//        [--steps N]   (on a GPU machine: --backends webgpu,wasm; see environment.md for packing it with gpu-pack)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { readCommandLine } from '../src/cli/flags.js';
import { setting } from '../src/config/env.js';
import { loadHhRlhf } from '../src/data/loaders/hhRlhf.js';
import { selectBackend } from '../src/model/backend.js';
import { encodePair } from '../src/model/chatFormat.js';
import { batchItems, type EncodedPair } from '../src/model/trainable.js';
import { createTransformerRewardModel } from '../src/model/transformer/model.js';
import { packTokens, transformerConfigFrom, type TransformerConfig } from '../src/model/transformer/graph.js';

const CONFIGS: Record<string, Partial<TransformerConfig>> = {
  // Runs in seconds per step on one CPU core.
  small: { vocabBuckets: 2048, maxTokens: 64, dModel: 64, heads: 4, layers: 2, ffn: 256 },
  // stack.md's GPU measurement: 32 pairs x 256 tokens, d 256, 4 layers, vocab 8192.
  stack: { vocabBuckets: 8192, maxTokens: 256, dModel: 256, heads: 4, layers: 4, ffn: 1024 },
};

// One async main, not top-level await, so the file also bundles to CommonJS for a GPU machine (bench/gpu-prepare.sh).
async function main(): Promise<void> {
  const { flags } = readCommandLine(
    {
      config: { type: 'string', choices: Object.keys(CONFIGS), default: 'small', help: 'model size' },
      backends: { type: 'string', default: 'wasm', help: 'tfjs backends to time, comma-separated' },
      pairs: { type: 'integer', min: 1, help: 'pairs per batch', defaultText: '16 (stack: 32)' },
      steps: { type: 'integer', min: 1, default: 6, help: 'timed steps per setup' },
    },
    process.argv.slice(2),
    'bench/transformer-step',
  );
  const configName = flags.config;
  const config = transformerConfigFrom(CONFIGS[configName]);
  const backends = flags.backends.split(',');
  const B = flags.pairs ?? (configName === 'stack' ? 32 : 16);
  const steps = flags.steps;
  const warm = 2;
  const lr = 1e-3,
    weightDecay = 1e-3;
  const median = (xs: number[]) => {
    const s = xs.slice().sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)];
  };

  const pairs = (await loadHhRlhf('hh-helpful-base')).items.filter((p) => p.chosen !== p.rejected);
  const enc: EncodedPair[] = pairs.slice(0, B * (warm + steps)).map((p) => encodePair(p));
  const batches = Array.from({ length: warm + steps }, (_, k) => enc.slice(k * B, (k + 1) * B));

  interface Result {
    setup: string;
    msPerStep: number;
    losses: number[];
  }
  const results: Result[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'rmw-bench-tr-'));
  let paramFiles: { name: string; shape: number[]; file: string }[] = [];

  for (const name of backends) {
    await selectBackend(name);
    const model = await createTransformerRewardModel({ ...config }, 1);
    if (paramFiles.length === 0) {
      paramFiles = (await model.snapshot(true)).params.map((p) => {
        const file = join(dir, `${p.name.replace(/\//g, '.')}.f32`);
        writeFileSync(file, p.data);
        return { name: p.name, shape: p.shape, file };
      });
    }
    const times: number[] = [],
      losses: number[] = [];
    for (const batch of batches) {
      const t0 = performance.now();
      const r = await model.forward(batchItems({ pairs: batch }));
      const dR = new Float64Array(2 * B);
      let loss = 0;
      for (let i = 0; i < B; i++) {
        const z = r[B + i] - r[i];
        loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) / B;
        const s = 1 / (1 + Math.exp(-z));
        dR[i] = -s / B;
        dR[B + i] = s / B;
      }
      await model.backward(dR);
      model.applyUpdate({ lr, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay, gradScale: 1 });
      // Read one weight back so queued GPU work is finished inside the timed step.
      await tf.tidy(() => tf.sum(tf.zeros([1]))).data();
      times.push(performance.now() - t0);
      losses.push(loss);
    }
    results.push({
      setup: `tfjs-${name} (${model.embedding} embedding)`,
      msPerStep: median(times.slice(warm)),
      losses,
    });
    model.dispose();
  }

  const spec = {
    config,
    lr,
    weightDecay,
    warm,
    params: paramFiles,
    batches: batches.map((b) => {
      const packed = packTokens(batchItems({ pairs: b }), config);
      const out = { ids: Array.from(packed.ids.dataSync()), mask: Array.from(packed.mask.dataSync()) };
      tf.dispose([packed.ids, packed.mask]);
      return out;
    }),
  };
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
  const py = spawnSync(setting('python'), ['bench/transformer-step.py', join(dir, 'spec.json')], {
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  if (py.status !== 0) throw new Error(`bench/transformer-step.py failed:\n${py.stderr}`);
  const torchOut = JSON.parse(py.stdout) as { torch: string; results: Result[] };
  results.push(...torchOut.results);

  const params = paramFiles.reduce((a, p) => a + p.shape.reduce((x, y) => x * y, 1), 0);
  console.log(
    `transformer step, config "${configName}" ${JSON.stringify(CONFIGS[configName])}, ${params} parameters, ` +
      `${B} pairs (${2 * B} sequences x ${config.maxTokens} tokens), HH-RLHF helpful-base, median of ${steps} steps after ${warm} warm-up; torch ${torchOut.torch}`,
  );
  console.log('| setup | ms/step | vs fastest PyTorch | loss step 1 | loss last |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  const bestTorch = Math.min(...torchOut.results.map((r) => r.msPerStep));
  for (const r of results) {
    console.log(
      `| ${r.setup} | ${r.msPerStep.toFixed(1)} | ${(r.msPerStep / bestTorch).toFixed(2)}x | ${r.losses[0].toFixed(5)} | ${r.losses.at(-1)!.toFixed(5)} |`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
