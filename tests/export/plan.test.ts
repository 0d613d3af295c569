// The job plan's parts: the paper's hyper-parameters per base model (read from data/paper), the marking of what the
// paper does not state, the max-length rule, the batch split over GPUs, and the cost formulas, against hand values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveBaseModel, parseModelShape } from '../../src/export/baseModels.js';
import { estimateCost, MFU } from '../../src/export/cost.js';
import { jobHparams, paperLearningRates } from '../../src/export/hparams.js';
import { batchLayout } from '../../src/export/jobPlan.js';
import { capTokens, chooseMaxLength, lengthStats } from '../../src/export/mixStats.js';
import { loadPaperTable } from '../../src/report/paperData.js';

const maxLen = { value: 4096, paper: false, source: 'test' };

test("the paper's learning rate per base model; other models reuse the 8B one, marked as not stated", () => {
  assert.deepEqual(paperLearningRates(loadPaperTable('training-hparams')), {
    'Llama-3.1-8B': 2e-6,
    'Gemma-2-27B': 1e-6,
  });
  const llama = jobHparams(resolveBaseModel('llama-3.1-8b'), maxLen);
  assert.equal(llama.learningRate.value, 2e-6);
  assert.equal(llama.learningRate.paper, true);
  assert.match(llama.learningRate.source, /^paper \[S\]/);
  const gemma = jobHparams(resolveBaseModel('google/gemma-2-27b-it'), maxLen);
  assert.equal(gemma.learningRate.value, 1e-6);
  const qwen = jobHparams(resolveBaseModel('qwen2.5-0.5b'), maxLen);
  assert.equal(qwen.learningRate.value, 2e-6);
  assert.equal(qwen.learningRate.paper, false);
  assert.match(qwen.learningRate.source, /^NOT STATED by the paper for Qwen\/Qwen2.5-0.5B-Instruct/);
});

test('stated values come from data/paper; unstated ones are marked and filled by a rule', () => {
  const h = jobHparams(resolveBaseModel('llama-3.1-8b'), maxLen);
  assert.deepEqual(
    [h.epochs.value, h.globalBatchSize.value, h.scheduler.value, h.weightDecay.value, h.precision.value, h.loss.value],
    [2, 128, 'cosine', 1e-3, 'bf16', 'bradley-terry'],
  );
  for (const k of ['epochs', 'globalBatchSize', 'scheduler', 'weightDecay', 'precision', 'loss'] as const)
    assert.equal(h[k].paper, true, k);
  for (const k of ['warmupRatio', 'adamBetas', 'maxGradNorm', 'seed'] as const) {
    assert.equal(h[k].paper, false, k);
    assert.match(h[k].source, /^NOT STATED by the paper/, k);
  }
  assert.equal(h.warmupRatio.value, 0.05);
  assert.deepEqual(h.adamBetas.value, [0.9, 0.999]);
});

test('a changed paper file is an error, not a silent default', () => {
  const table = loadPaperTable('training-hparams');
  const broken = { ...table, rows: table.rows.filter((r) => r.item !== 'epochs') };
  assert.throws(() => jobHparams(resolveBaseModel('llama-3.1-8b'), maxLen, broken), /no row "epochs"/);
});

test('unknown base models need their shape; shapes are checked', () => {
  assert.throws(() => resolveBaseModel('org/some-7b'), /unknown base model "org\/some-7b".*--model-shape/);
  const m = resolveBaseModel('org/some-7b', '7.2:28:3584:32768');
  assert.deepEqual([m.id, m.paramsB, m.layers, m.hidden, m.maxContext], ['org/some-7b', 7.2, 28, 3584, 32768]);
  assert.throws(() => parseModelShape('7:28:3584'), /PARAMS_B:LAYERS:HIDDEN:CONTEXT/);
  assert.throws(() => parseModelShape('7:28.5:3584:100'), /layers must be a positive integer, got "28.5"/);
});

test('max length: 99th percentile x 1.15 rounded up to 512, within the context; pairs over it counted', () => {
  const lengths = Int32Array.from({ length: 200 }, (_, i) => i + 1); // 1..200
  const s = lengthStats(lengths);
  assert.deepEqual([s.sequences, s.p50, s.p99, s.max, s.mean], [200, 100, 198, 200, 100.5]);
  assert.equal(chooseMaxLength({ ...s, p99: 950 }, 131072).value, 1536); // 950 x 1.15 = 1092.5 -> 1536
  assert.equal(chooseMaxLength({ ...s, p99: 9000 }, 8192).value, 8192);
  assert.match(chooseMaxLength({ ...s, p99: 9000 }, 8192).source, /capped at the model's context 8192/);
  assert.deepEqual(capTokens(Int32Array.from([10, 30, 5, 5, 40, 1]), 20), {
    tokens: 10 + 20 + 5 + 5 + 20 + 1,
    pairsOver: 2,
  });
});

test('the global batch splits into the largest micro batch that fits; a GPU count must divide it', () => {
  assert.deepEqual(
    batchLayout(128, 8, (m) => m <= 2),
    { gpus: 8, microBatch: 2, accumulation: 8, why: batchLayout(128, 8, (m) => m <= 2).why },
  );
  assert.equal(batchLayout(128, 64, () => true).microBatch, 2); // 128 / 64 = 2 pairs per GPU per step
  assert.match(batchLayout(128, 8, () => false).why, /exceeds/);
  assert.throws(() => batchLayout(128, 6, () => true), /--gpus 6 does not divide the global batch of 128/);
});

test('cost: FLOPs, GPU hours and ZeRO-3 memory by the stated formulas', () => {
  const base = { ...resolveBaseModel('org/x', '1:2:4:4096') };
  const c = estimateCost({ base, tokensPerEpoch: 1000, epochs: 2, gpus: 8, microBatch: 1, maxLength: 8 });
  assert.equal(c.flops, 8 * 1e9 * 1000 * 2);
  const a100 = c.gpuHours.find((g) => g.gpu.startsWith('A100'))!;
  assert.ok(Math.abs(a100.central - 1.6e13 / (312e12 * MFU.central) / 3600) < 1e-12);
  assert.ok(Math.abs(a100.wallHoursCentral - a100.central / 8) < 1e-12);
  const GiB = 2 ** 30;
  assert.ok(Math.abs(c.memoryGiB.modelStates - (16 * 1e9) / 8 / GiB) < 1e-12);
  assert.ok(Math.abs(c.memoryGiB.gatheredLayers - (4 * 1e9) / 2 / GiB) < 1e-12);
  // 2 sequences x 8 tokens x (2 x 4 x 2 + 34 x 4) bytes = 16 x 152
  assert.ok(Math.abs(c.memoryGiB.activations - (16 * 152) / GiB) < 1e-15);
  assert.equal(c.memoryGiB.total, c.memoryGiB.modelStates + c.memoryGiB.gatheredLayers + c.memoryGiB.activations + 3);
});
