// The GPU machine check fits the device tool's limits by construction (stage budgets add up to at most 420 s, stage 0
// under 30 s), its summary carries every figure the stages wrote even when some never ran, and the step's
// arithmetic (GFLOP per step) is the count by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  GPU_CHECK_STAGES,
  GPU_CHECK_TOTAL_S,
  gpuCheckPlanTsv,
  SPLIT_K_THRESHOLD,
} from '../../src/experiments/gpuCheck.js';
import { gpuCheckSummary, parseStagesTsv } from '../../src/experiments/gpuCheckSummary.js';
import { peakFp32Tflops, transformerStepFlops } from '../../src/model/transformer/flops.js';

test('the stages add up to at most 420 s, stage 0 diagnoses in under 30 s, and the plan lists each', () => {
  const total = GPU_CHECK_STAGES.reduce((a, s) => a + s.budgetS, 0);
  assert.ok(total <= GPU_CHECK_TOTAL_S && GPU_CHECK_TOTAL_S === 420, `total ${total}`);
  assert.equal(GPU_CHECK_STAGES[0].name, 'diagnose');
  assert.ok(GPU_CHECK_STAGES[0].budgetS <= 30);
  // Every budget leaves the command 4 s less than the stage, so a stopped stage still ends within its budget.
  assert.ok(GPU_CHECK_STAGES.every((s) => s.budgetS > 4));
  const lines = gpuCheckPlanTsv().trimEnd().split('\n');
  assert.deepEqual(
    lines.map((l) => l.split('\t').slice(0, 3)),
    GPU_CHECK_STAGES.map((s, i) => [String(i), s.name, String(s.budgetS)]),
  );
  assert.ok(SPLIT_K_THRESHOLD > (256 / 32) * (256 / 32), 'the stack d x d weight gradient (64 tiles) is split');
});

test('GFLOP per step: the products by hand, three times the forward pass', () => {
  // 2 sequences x 4 tokens (T = 8), d 2, ffn 3, 1 layer, gather: projections 4·2·8·2·2 = 256, attention
  // 2·2·2·4·4·2 = 256, mlp 2·2·8·2·3 = 192, head 2·2·2 = 8: forward 712, step 2136.
  const f = transformerStepFlops({ maxTokens: 4, dModel: 2, layers: 1, ffn: 3, vocabBuckets: 10 }, 2);
  assert.deepEqual(f, { forward: 712, step: 2136 });
  const onehot = transformerStepFlops({ maxTokens: 4, dModel: 2, layers: 1, ffn: 3, vocabBuckets: 10 }, 2, 'onehot');
  assert.equal(onehot.forward, 712 + 2 * 8 * 10 * 2);
  assert.deepEqual(peakFp32Tflops('NVIDIA H100 80GB HBM3')?.tflops, 67);
  assert.deepEqual(peakFp32Tflops('NVIDIA H100 PCIe')?.tflops, 51);
  assert.equal(peakFp32Tflops('google swiftshader'), null);
});

test('a partial check: the summary keeps the figures of the stages that wrote them and names the failures', () => {
  const stages = parseStagesTsv(
    'diagnose\t30\t2.5\t0\t0\nbackend\t20\t3.1\t0\t0\nstep\t80\t76.0\t124\t1\ntorch\t45\t0\t0\t0\tskipped: ' +
      'RMW_GPU_CHECK_TORCH=0\n',
  );
  assert.deepEqual(stages[2], { name: 'step', budgetS: 80, seconds: 76, rc: 124, timedOut: true });
  assert.equal(stages[3].note, 'skipped: RMW_GPU_CHECK_TORCH=0');
  const files = {
    'diagnose.json': {
      driver: { gpus: ['NVIDIA H100 80GB HBM3, 550.54.15, 81559 MiB'], driverVersion: '550.54.15' },
      adapters: [{ info: { label: 'nvidia hopper (nvidia-h100-80gb-hbm3)', software: false } }],
      missing: [],
    },
    'transformer-step-splitk.json': {
      config: 'stack',
      pairs: 32,
      gflopPerStep: 670,
      results: [
        {
          setup: 'tfjs-webgpu (gather embedding, fused graph, matmul threshold 264)',
          msPerStep: 100,
          losses: [0.69],
          device: {
            adapter: 'nvidia',
            dispatches: 190,
            submits: 3,
            reads: 0,
            tfjs: { matmulWorkgroupThreshold: 264, matmulThresholdDefault: false },
          },
        },
      ],
    },
    'torch.json': { torch: '2.3', cuda: 'H100', results: [{ setup: 'pytorch-cuda', msPerStep: 25, losses: [0.69] }] },
  };
  const s = gpuCheckSummary(stages, files, false);
  assert.deepEqual(s.failedStages, ['step']);
  assert.equal(s.step, null, 'the stopped stage wrote no figures');
  assert.equal(s.gpu.driver, '550.54.15');
  assert.equal(s.gpu.peakFp32Tflops?.tflops, 67);
  const k = s.stepSplitK!;
  assert.equal(k.tflops, 6.7); // 670 GFLOP in 0.1 s
  assert.equal(k.ofPeak, 0.1);
  assert.equal(k.vsTorchCuda, 4);
  assert.equal(k.matmulThreshold, 264);
  assert.equal(k.dispatchesPerStep, 190);
  assert.deepEqual(s.torchCuda, { msPerStep: 25, device: 'H100', version: '2.3' });
  assert.deepEqual(Object.keys(s.outputs).sort(), ['diagnose.json', 'torch.json', 'transformer-step-splitk.json']);
});
