// The transformer loss ablation in the experiment plan, with the adapter facts injected (no GPU is needed): its own
// preset (transformer), planned on every machine at the size src/config records for the machine's best backend
// (wasm on a CPU machine or SwiftShader, webgpu on a real adapter); its jobs train the transformer on the curated
// mix, while the bag-of-n-grams runs keep the job keys they always had.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jobKey, type CodeHashes } from '../../src/experiments/contentHash.js';
import { gateExperiments, skippedLine, type GpuAdapterFacts } from '../../src/experiments/gpuGate.js';
import { closure, EXPERIMENTS, runSpec } from '../../src/experiments/plan.js';
import { EXPERIMENT_PRESETS } from '../../src/experiments/presets.js';
import { plannedExperiments, selectedExperiments } from '../../src/experiments/runner.js';
import { sizingLine, transformerSizing } from '../../src/experiments/transformerSizing.js';
import { TRANSFORMER_ABLATION } from '../../src/config/defaults.js';
import { planRunJob, type RunJobInputs } from '../../src/experiments/runs.js';

const H200: GpuAdapterFacts = { real: true, adapter: 'nvidia hopper (nvidia-h200)', why: 'WebGPU adapter nvidia' };
const SWIFTSHADER: GpuAdapterFacts = {
  real: false,
  adapter: 'google swiftshader',
  why: 'the only WebGPU adapter is google swiftshader, a software test device',
};
const NONE: GpuAdapterFacts = { real: false, adapter: null, why: 'no WebGPU adapter' };
const BOW_EXPERIMENTS = [
  'loss-ablation',
  'data-ablation',
  'decontamination',
  'safety-filter',
  'offsets-topk',
  'judgebench',
];

test(
  'no experiment needs a GPU: quick and full plan the bow experiments on any machine, with nothing ' + 'skipped',
  async () => {
    assert.deepEqual(
      EXPERIMENTS.filter((e) => e.needsGpu),
      [],
    );
    for (const facts of [NONE, SWIFTSHADER, H200])
      for (const preset of [EXPERIMENT_PRESETS.quick, EXPERIMENT_PRESETS.full]) {
        const p = await plannedExperiments(preset, facts);
        assert.deepEqual(
          p.experiments.map((e) => e.id),
          BOW_EXPERIMENTS,
        );
        assert.deepEqual(p.skipped, []);
        assert.equal(p.sizing, undefined);
        assert.ok(closure(p.experiments).runs.every((r) => (r.model ?? 'bow') === 'bow'));
      }
    assert.equal(skippedLine([]), '');
  },
);

test(
  'on a CPU machine (no adapter, or SwiftShader) the transformer preset plans bt, bt-margin and focal on ' +
    'wasm at the recorded size',
  async () => {
    const wasm = TRANSFORMER_ABLATION.backends.wasm;
    for (const facts of [NONE, SWIFTSHADER]) {
      const p = await plannedExperiments(EXPERIMENT_PRESETS.transformer, facts);
      assert.deepEqual(
        p.experiments.map((e) => [e.id, e.runs]),
        [['transformer-loss-ablation', ['transformer-bt', 'transformer-bt-margin', 'transformer-focal']]],
      );
      assert.deepEqual(p.skipped, []);
      assert.equal(p.sizing?.backend, 'wasm');
      assert.deepEqual(p.sizing?.model, { dModel: 64, heads: 4, layers: 1, ffn: 256, maxTokens: 128 });
      assert.deepEqual(p.sizing?.model, { ...wasm.model });
      assert.deepEqual(p.sizing?.train, { maxSteps: 150, evalEvery: 10, patience: 3 });
      assert.deepEqual(p.sizing?.validation, { fraction: 0.1, salt: 'rmw-validation-v1' });
      assert.match(p.sizing!.why, new RegExp(`no real GPU adapter \\(${facts.why}\\)`));
    }
    assert.deepEqual(EXPERIMENT_PRESETS.transformer.seeds, [1, 2, 3]);
    assert.match(
      sizingLine(transformerSizing(NONE)),
      new RegExp(
        String.raw`^d 64 x 1 layer, 4 heads, ffn 256, 128 tokens, on wasm; at most 150 steps, validation every 10 ` +
          String.raw`steps, stopped after 3 `,
      ),
    );
  },
);

test('on a real GPU the transformer preset trains the full model on webgpu with all nine losses', async () => {
  const p = await plannedExperiments(EXPERIMENT_PRESETS.transformer, H200);
  assert.equal(p.sizing?.backend, 'webgpu');
  assert.deepEqual(p.sizing?.model, {});
  const full = p.experiments.find((e) => e.id === 'transformer-loss-ablation')!;
  assert.deepEqual(
    full.runs.map((id) => runSpec(id).loss),
    [
      'bt',
      'focal',
      'focal-penalty',
      'hinge',
      'margin-mse',
      'cross-entropy',
      'tempered-log',
      'bt-temperature',
      'bt-margin',
    ],
  );
  for (const id of full.runs) {
    const r = runSpec(id);
    assert.equal(r.model, 'transformer');
    assert.equal(r.mix, 'curated');
    assert.equal(r.lossParams, undefined);
  }
  assert.equal(full.labels['transformer-focal'], 'Focal (γ = 2)');
  // The runs the experiment needs: its own and the safety scorer behind the curated mix.
  assert.deepEqual(
    closure([full])
      .runs.map((r) => r.id)
      .filter((id) => !id.startsWith('transformer-')),
    ['safety-scorer'],
  );
});

test(
  'the gpu-check preset is the transformer experiment alone, unsized (the GPU machine check trains the ' +
    'full model)',
  async () => {
    const preset = EXPERIMENT_PRESETS['gpu-check'];
    assert.deepEqual(
      selectedExperiments(preset).map((e) => [e.id, e.runs]),
      [['transformer-loss-ablation', ['transformer-bt', 'transformer-bt-margin', 'transformer-focal']]],
    );
    assert.deepEqual(preset.seeds, [1, 2]);
    assert.equal((await plannedExperiments(preset, NONE)).sizing, undefined);
  },
);

test('gateExperiments keeps the plan order and skips an experiment that needs a GPU, with its reason', () => {
  const needy = { ...EXPERIMENTS[0], id: 'judgebench' as const, needsGpu: true };
  const g = gateExperiments([EXPERIMENTS[0], needy], NONE);
  assert.deepEqual(
    g.included.map((e) => e.id),
    ['loss-ablation'],
  );
  assert.equal(
    skippedLine(g.skipped),
    `skipped experiment judgebench: it needs a real GPU adapter and this machine has none (${NONE.why})`,
  );
  assert.deepEqual(
    gateExperiments([EXPERIMENTS[0], needy], H200).included.map((e) => e.id),
    ['loss-ablation', 'judgebench'],
  );
});

const CODE: CodeHashes = { mix: 'm', run: 'r', eval: 'e' };
const inputs = (train = {}): RunJobInputs => ({
  preset: { ...EXPERIMENT_PRESETS.quick, transformer: { dModel: 8 } },
  runsDir: '/runs',
  mix: { id: 'curated', dir: '/runs/mixes/curated', sha256: 'abc' },
  heldOutFile: '/runs/mixes/no-filter/heldout.parquet',
  heldOutSha256: 'def',
  train,
  code: CODE,
  evalKey: 'k',
  evaluate: true,
});

test('a bow run job keeps the key it always had; a transformer job names its model and its config', () => {
  const train = { evalEvery: 0, checkpointEvery: 0 };
  const bow = planRunJob(runSpec('bt'), 2, inputs(train));
  // The key's fields as the runner has always hashed them for the bag-of-n-grams runs.
  const before = jobKey({
    kind: 'run',
    id: 'bt',
    seed: 2,
    mix: 'abc',
    heldOut: 'def',
    trainPreset: 'quick',
    train,
    model: {},
    loss: 'bt',
    lossParams: null,
    code: 'r',
  });
  assert.equal(bow.key, before);
  assert.equal(bow.modelKind, 'bow');
  assert.equal(bow.dir, '/runs/runs/bt-s2');

  const tr = planRunJob(runSpec('transformer-bt'), 2, inputs(train));
  assert.equal(tr.modelKind, 'transformer');
  assert.deepEqual(tr.model, { dModel: 8 });
  assert.equal(tr.loss, 'bt');
  assert.equal(tr.dir, '/runs/runs/transformer-bt-s2');
  assert.equal(
    tr.key,
    jobKey({
      kind: 'run',
      id: 'transformer-bt',
      seed: 2,
      mix: 'abc',
      heldOut: 'def',
      trainPreset: 'quick',
      train,
      model: { dModel: 8 },
      modelKind: 'transformer',
      loss: 'bt',
      lossParams: null,
      code: 'r',
    }),
  );
  assert.notEqual(tr.key, bow.key);
});

test('a sized transformer job trains on the sizing backend, model and steps, and its key says so', () => {
  const train = { evalEvery: 0, checkpointEvery: 0 };
  const sizing = transformerSizing(NONE);
  const job = planRunJob(runSpec('transformer-focal'), 3, { ...inputs(train), sizing });
  assert.equal(job.backend, 'wasm');
  assert.deepEqual(job.validation, { fraction: 0.1, salt: 'rmw-validation-v1' });
  assert.deepEqual(job.model, { dModel: 64, heads: 4, layers: 1, ffn: 256, maxTokens: 128 });
  assert.deepEqual(job.train, { evalEvery: 10, checkpointEvery: 0, maxSteps: 150, patience: 3 });
  assert.equal(
    job.key,
    jobKey({
      kind: 'run',
      id: 'transformer-focal',
      seed: 3,
      mix: 'abc',
      heldOut: 'def',
      trainPreset: 'quick',
      train: { evalEvery: 10, checkpointEvery: 0, maxSteps: 150, patience: 3 },
      model: { dModel: 64, heads: 4, layers: 1, ffn: 256, maxTokens: 128 },
      modelKind: 'transformer',
      backend: 'wasm',
      validation: { fraction: 0.1, salt: 'rmw-validation-v1' },
      loss: 'focal',
      lossParams: null,
      code: 'r',
    }),
  );
  // The sizing never touches a bow run (the safety scorer behind the curated mix keeps its key).
  const bow = planRunJob(runSpec('bt'), 3, { ...inputs(train), sizing });
  assert.equal(bow.key, planRunJob(runSpec('bt'), 3, inputs(train)).key);
  assert.equal(bow.backend, undefined);
  assert.deepEqual(bow.train, train);
});
