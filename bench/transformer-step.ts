// Benchmark: the transformer reward model's training step (forward under the tape, Bradley-Terry loss, backward,
// AdamW: the trainer's device step) on tfjs backends, against the same model in PyTorch (bench/transformer-step.py:
// CPU with 1 thread and all cores, and CUDA when present) with the same config, initial weights and real HH-RLHF
// token batches. Both sides run the timed steps back to back and wait for the device once at the end (no read per
// step, as the trainer runs between logs); ms/step is that time over the steps. For WebGPU it also prints what a
// step costs the device: dispatches, submits, GPU-to-CPU reads and bytes uploaded (machine-independent counts).
// The first-step losses of every setup are printed side by side: equal losses show both sides run the same model.
// Each setup also gets GFLOP per step (the matrix products, src/model/transformer/flops.ts) and the TFLOP/s that
// makes. The tfjs results are printed and written (--out) before PyTorch runs: a machine without torch, or a torch
// that fails, loses no tfjs number (--torch off skips it; --spec-dir keeps the spec for a separate PyTorch run).
// --matmul-threshold sets tfjs's workgroup threshold for splitting a matmul (src/model/device/tfjsWebgpu.ts).
// Usage: node --import tsx bench/transformer-step.ts [--backends wasm[,cpu,webgpu]] [--config tiny|small|stack]
//        [--pairs N] [--steps N] [--warm N] [--out FILE] [--torch auto|off] [--torch-devices cpu1,cpuN,cuda]
//        [--spec-dir DIR] [--matmul-threshold N]   (GPU machine: bench/gpu-prepare.sh packs it)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCommandLine } from '../src/cli/flags.js';
import { setting } from '../src/config/env.js';
import { loadHhRlhf } from '../src/data/loaders/hhRlhf.js';
import { getLoss } from '../src/losses/registry.js';
import { resolveParams } from '../src/losses/numeric.js';
import { selectBackend } from '../src/model/backend.js';
import { encodePair } from '../src/model/chatFormat.js';
import { countsBetween, deviceCounts } from '../src/model/device/counters.js';
import { assertDeviceHealthy } from '../src/model/device/device.js';
import {
  activeWebGpuDevice,
  setMatmulWorkgroupThreshold,
  tfjsWebgpuSettings,
  type TfjsWebgpuSettings,
} from '../src/model/device/tfjsWebgpu.js';
import { transformerStepFlops } from '../src/model/transformer/flops.js';
import { batchItems, type EncodedPair } from '../src/model/trainable.js';
import { createTransformerRewardModel } from '../src/model/transformer/model.js';
import { transformerConfigFrom, type TransformerConfig } from '../src/model/transformer/graph.js';
import { packTokenArrays } from '../src/model/transformer/tokenBatch.js';

const CONFIGS: Record<string, Partial<TransformerConfig>> = {
  // Seconds per step on SwiftShader: for checking the packed GPU run end to end on a CPU machine.
  tiny: { vocabBuckets: 256, maxTokens: 16, dModel: 16, heads: 2, layers: 1, ffn: 32 },
  // Runs in well under a second per step on one CPU core.
  small: { vocabBuckets: 2048, maxTokens: 64, dModel: 64, heads: 4, layers: 2, ffn: 256 },
  // stack.md's GPU measurement: 32 pairs x 256 tokens, d 256, 4 layers, vocab 8192.
  stack: { vocabBuckets: 8192, maxTokens: 256, dModel: 256, heads: 4, layers: 4, ffn: 1024 },
};

interface Result {
  setup: string;
  msPerStep: number;
  losses: number[];
  gflopPerStep?: number;
  tflops?: number;
  device?: {
    adapter: string;
    dispatches: number;
    submits: number;
    reads: number;
    uploadBytes: number;
    limits: Record<string, number>;
    tfjs: TfjsWebgpuSettings | null;
  };
}

// One async main, not top-level await, so the file also bundles to CommonJS for a GPU machine (bench/gpu-prepare.sh).
async function main(): Promise<void> {
  const { flags } = readCommandLine(
    {
      config: { type: 'string', choices: Object.keys(CONFIGS), default: 'small', help: 'model size' },
      backends: { type: 'string', default: 'wasm', help: 'tfjs backends to time, comma-separated' },
      pairs: { type: 'integer', min: 1, help: 'pairs per batch', defaultText: '16 (stack: 32, tiny: 4)' },
      steps: { type: 'integer', min: 1, default: 6, help: 'timed steps per setup' },
      warm: { type: 'integer', min: 1, default: 2, help: 'untimed steps first (kernel compilation)' },
      out: { type: 'string', help: 'also write the results as JSON to this file' },
      torch: { type: 'string', choices: ['auto', 'off'], default: 'auto', help: 'run the PyTorch reference' },
      'torch-devices': { type: 'string', default: 'cpu1,cpuN,cuda', help: 'PyTorch setups (cuda: when present)' },
      'spec-dir': { type: 'string', help: 'write the spec (weights, batches) for bench/transformer-step.py here' },
      'matmul-threshold': { type: 'integer', min: 1, help: "tfjs matmul split threshold (workgroups); tfjs's default" },
    },
    process.argv.slice(2),
    'bench/transformer-step',
  );
  const configName = flags.config;
  const config = transformerConfigFrom(CONFIGS[configName]);
  const backends = flags.backends.split(',');
  const B = flags.pairs ?? (configName === 'stack' ? 32 : configName === 'tiny' ? 4 : 16);
  const steps = flags.steps;
  const warm = flags.warm;
  const lr = 1e-3,
    weightDecay = 1e-3;
  const bt = getLoss('bt');
  const spec = {
    loss: bt,
    params: resolveParams(bt, {}),
    adamw: { lr, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay },
    clipNorm: 0, // PyTorch's side does not clip
  };

  const pairs = (await loadHhRlhf('hh-helpful-base')).items.filter((p) => p.chosen !== p.rejected);
  const enc: EncodedPair[] = pairs.slice(0, B * (warm + steps)).map((p) => encodePair(p));
  const batches = Array.from({ length: warm + steps }, (_, k) => enc.slice(k * B, (k + 1) * B));

  const results: Result[] = [];
  const dir = flags['spec-dir'] ?? mkdtempSync(join(tmpdir(), 'rmw-bench-tr-'));
  mkdirSync(dir, { recursive: true });
  const flops = transformerStepFlops(config, 2 * B).step;
  const withFlops = (r: Result): Result => ({
    ...r,
    gflopPerStep: flops / 1e9,
    tflops: flops / 1e12 / (r.msPerStep / 1000),
  });
  const matmulThreshold = flags['matmul-threshold'] ?? null;
  let paramFiles: { name: string; shape: number[]; file: string }[] = [];

  for (const name of backends) {
    const selection = await selectBackend(name);
    if (selection.name === 'webgpu') setMatmulWorkgroupThreshold(matmulThreshold);
    const model = await createTransformerRewardModel({ ...config }, 1);
    if (paramFiles.length === 0) {
      paramFiles = (await model.snapshot(true)).params.map((p) => {
        const file = join(dir, `${p.name.replace(/\//g, '.')}.f32`);
        writeFileSync(file, p.data);
        return { name: p.name, shape: p.shape, file };
      });
    }
    const pending = batches.slice(0, warm).map((b) => model.trainStep({ pairs: b }, spec));
    const warmValues = await model.readSteps(pending);
    const c0 = deviceCounts();
    const t0 = performance.now();
    const timed = batches.slice(warm).map((b) => model.trainStep({ pairs: b }, spec));
    const c1 = deviceCounts();
    const values = await model.readSteps(timed); // waits for the device once
    const ms = (performance.now() - t0) / steps;
    assertDeviceHealthy(`transformer step on ${name}`);
    const spent = countsBetween(c0, c1);
    const gpu = activeWebGpuDevice();
    const adapter = gpu?.adapter.label;
    const settings = selection.name === 'webgpu' ? tfjsWebgpuSettings() : null;
    const threshold =
      settings && !settings.matmulThresholdDefault ? `, matmul threshold ${settings.matmulWorkgroupThreshold}` : '';
    results.push(
      withFlops({
        setup: `tfjs-${selection.name} (${model.embedding} embedding, ${model.ops} graph${threshold})`,
        msPerStep: ms,
        losses: [...warmValues, ...values].map((v) => v.loss),
        ...(selection.name === 'webgpu' && adapter
          ? {
              device: {
                adapter,
                dispatches: spent.dispatches / steps,
                submits: spent.submits / steps,
                reads: spent.reads / steps,
                uploadBytes: spent.uploadBytes / steps,
                limits: { ...gpu!.limits },
                tfjs: settings,
              },
            }
          : {}),
      }),
    );
    model.dispose();
  }
  const meta = { config: configName, pairs: B, steps, warm, gflopPerStep: flops / 1e9 };
  const write = (torch: unknown) => {
    if (flags.out) writeFileSync(flags.out, JSON.stringify({ ...meta, torch, results }, null, 2));
  };
  write({ ran: false, why: 'not run yet' }); // the tfjs numbers are kept whatever PyTorch does

  const specFile = {
    config,
    lr,
    weightDecay,
    warm,
    params: paramFiles,
    batches: batches.map((b) => {
      const packed = packTokenArrays(batchItems({ pairs: b }), config);
      return { ids: Array.from(packed.ids), mask: Array.from(packed.mask) };
    }),
  };
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(specFile));
  const torch: TorchRun =
    flags.torch === 'off'
      ? { ran: false, why: '--torch off' }
      : runTorch(join(dir, 'spec.json'), flags['torch-devices']);
  if (torch.ran) results.push(...torch.results.map(withFlops));
  else process.stderr.write(`transformer-step: PyTorch reference not run: ${torch.why}\n`);
  write(torch.ran ? { ran: true, version: torch.version } : torch);
  const params = paramFiles.reduce((a, p) => a + p.shape.reduce((x, y) => x * y, 1), 0);
  console.log(
    `transformer step, config "${configName}" ${JSON.stringify(CONFIGS[configName])}, ${params} parameters, ` +
      `${B} pairs (${2 * B} sequences x ${config.maxTokens} tokens), HH-RLHF helpful-base, ${steps} timed steps ` +
      `after ${warm} warm-up, one device wait at the end; ${(flops / 1e9).toPrecision(3)} GFLOP per step (matrix ` +
      `products); torch ${torch.ran ? torch.version : `not run (${torch.why})`}`,
  );
  console.log('| setup | ms/step | vs fastest PyTorch | TFLOP/s | loss step 1 | loss last |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  const torchTimes = results.filter((r) => r.setup.startsWith('pytorch')).map((r) => r.msPerStep);
  const bestTorch = torchTimes.length ? Math.min(...torchTimes) : NaN;
  for (const r of results) {
    const ratio = Number.isFinite(bestTorch) ? `${(r.msPerStep / bestTorch).toFixed(2)}x` : '–';
    console.log(
      `| ${r.setup} | ${r.msPerStep.toFixed(1)} | ${ratio} | ${r.tflops!.toPrecision(3)} | ` +
        `${r.losses[0].toFixed(5)} | ${r.losses.at(-1)!.toFixed(5)} |`,
    );
  }
  const counted = results.filter((r) => r.device);
  if (counted.length) {
    console.log('\nWhat one step costs the WebGPU device (means over the timed steps):');
    console.log('| setup | adapter | dispatches | submits | reads | bytes uploaded |');
    console.log('| --- | --- | ---: | ---: | ---: | ---: |');
    for (const r of counted) {
      const d = r.device!;
      console.log(
        `| ${r.setup} | ${d.adapter} | ${d.dispatches.toFixed(0)} | ${d.submits.toFixed(1)} | ` +
          `${d.reads.toFixed(2)} | ` +
          `${d.uploadBytes.toFixed(0)} |`,
      );
    }
  }
}

type TorchRun = { ran: true; version: string; results: Result[] } | { ran: false; why: string };

/** bench/transformer-step.py on the spec; a missing or failing torch is reported, never thrown. */
function runTorch(spec: string, devices: string): TorchRun {
  const py = spawnSync(setting('python'), ['bench/transformer-step.py', spec, devices], {
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  if (py.error) return { ran: false, why: `${setting('python')}: ${py.error.message}` };
  if (py.status !== 0) {
    const last = py.stderr.trim().split('\n').at(-1) ?? '';
    return { ran: false, why: `bench/transformer-step.py exited ${py.status}: ${last}` };
  }
  const out = JSON.parse(py.stdout) as { torch: string; results: Result[]; notes?: string[] };
  if (out.results.length === 0) return { ran: false, why: `torch ${out.torch}: ${(out.notes ?? []).join('; ')}` };
  return { ran: true, version: out.torch, results: out.results };
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
