// The transformer loss ablation in the experiment plan, with the adapter facts injected (no GPU is needed): planned
// only on a real GPU adapter, skipped with its reason on a CPU machine or SwiftShader; its jobs train the
// transformer on the curated mix, while the bag-of-n-grams runs keep the job keys they always had.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jobKey, type CodeHashes } from '../../src/experiments/contentHash.js';
import { gateExperiments, skippedLine, type GpuAdapterFacts } from '../../src/experiments/gpuGate.js';
import { closure, EXPERIMENTS, runSpec } from '../../src/experiments/plan.js';
import { EXPERIMENT_PRESETS } from '../../src/experiments/presets.js';
import { plannedExperiments, runExperiments, selectedExperiments } from '../../src/experiments/runner.js';
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

test('only the transformer loss ablation needs a GPU', () => {
  assert.deepEqual(
    EXPERIMENTS.filter((e) => e.needsGpu).map((e) => e.id),
    ['transformer-loss-ablation'],
  );
});

test('a CPU machine or SwiftShader plans the bow experiments and says once why the GPU one is skipped', async () => {
  for (const facts of [NONE, SWIFTSHADER]) {
    const p = await plannedExperiments(EXPERIMENT_PRESETS.quick, facts);
    assert.deepEqual(
      p.experiments.map((e) => e.id),
      BOW_EXPERIMENTS,
    );
    assert.deepEqual(p.skipped, [
      {
        id: 'transformer-loss-ablation',
        reason: `it needs a real GPU adapter and this machine has none (${facts.why})`,
      },
    ]);
    assert.equal(
      skippedLine(p.skipped),
      `skipped experiment transformer-loss-ablation: it needs a real GPU adapter and this machine has none (${facts.why})`,
    );
    assert.ok(closure(p.experiments).runs.every((r) => (r.model ?? 'bow') === 'bow'));
  }
  assert.equal(skippedLine([]), '');
});

test('on a real GPU the quick preset adds bt, bt-margin and focal on the transformer; full adds all nine losses', async () => {
  const quick = await plannedExperiments(EXPERIMENT_PRESETS.quick, H200);
  assert.deepEqual(quick.skipped, []);
  const t = quick.experiments.find((e) => e.id === 'transformer-loss-ablation')!;
  assert.deepEqual(t.runs, ['transformer-bt', 'transformer-bt-margin', 'transformer-focal']);
  const full = (await plannedExperiments(EXPERIMENT_PRESETS.full, H200)).experiments.find(
    (e) => e.id === 'transformer-loss-ablation',
  )!;
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
  // The runs the GPU experiment needs: its own nine and the safety scorer behind the curated mix.
  assert.deepEqual(
    closure([full])
      .runs.map((r) => r.id)
      .filter((id) => !id.startsWith('transformer-')),
    ['safety-scorer'],
  );
});

test('the gpu-check preset is the GPU experiment alone; with nothing left to run the plan refuses', async () => {
  const preset = EXPERIMENT_PRESETS['gpu-check'];
  assert.deepEqual(
    selectedExperiments(preset).map((e) => [e.id, e.runs]),
    [['transformer-loss-ablation', ['transformer-bt', 'transformer-bt-margin', 'transformer-focal']]],
  );
  assert.deepEqual(preset.seeds, [1, 2]);
  await assert.rejects(
    plannedExperiments(preset, SWIFTSHADER),
    /preset gpu-check: every experiment was skipped \(skipped experiment transformer-loss-ablation: it needs a real GPU/,
  );
  await assert.rejects(
    runExperiments({ preset, runsDir: '/nonexistent/never-written', gpu: NONE, log: () => {} }),
    /every experiment was skipped/,
  );
});

test('gateExperiments keeps the plan order and passes experiments that need no GPU untouched', () => {
  const g = gateExperiments(EXPERIMENTS, NONE);
  assert.deepEqual(
    g.included.map((e) => e.id),
    BOW_EXPERIMENTS,
  );
  assert.deepEqual(
    gateExperiments(EXPERIMENTS, H200).included.map((e) => e.id),
    EXPERIMENTS.map((e) => e.id),
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
