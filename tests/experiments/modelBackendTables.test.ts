// Every results table says what trained each row: "bow / cpu" for the bag-of-n-grams model, "transformer / webgpu"
// with the WebGPU adapter in the notes for the transformer; the conclusions say it per section, and say why an
// experiment that needs a GPU was not run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MetricSummary, VariantSummary } from '../../src/experiments/aggregate.js';
import { conclusionsMarkdown } from '../../src/experiments/conclusions.js';
import { modelBackend, modelBackends } from '../../src/experiments/format.js';
import type { ExperimentSummary, ResultsBundle } from '../../src/experiments/results.js';
import { allTables } from '../../src/experiments/tables.js';

const m = (mean: number): MetricSummary => ({
  mean,
  std: 1,
  n: 2,
  ci95: [mean - 1, mean + 1],
  perSeed: [mean - 0.5, mean + 0.5],
  bootstrap: [null, null],
});
const METRICS = Object.fromEntries(
  [
    'held-out/overall',
    'held-out/hh-helpful',
    'lite/score',
    'lite/Chat',
    'lite/Chat Hard',
    'lite/Safety',
    'lite/Reasoning',
    'rmbench/avg',
    'judgebench/overall',
  ].map((k) => [k, m(60)]),
);

function variant(runId: string, model: string, backend: string, adapter: string | null): VariantSummary {
  return {
    runId,
    label: runId,
    seeds: [1, 2],
    mix: { id: 'curated', sha256: 'c'.repeat(64), trainPairs: 100 },
    loss: 'bt',
    steps: [10, 10],
    config: `${model} config`,
    model,
    backend,
    adapter,
    gitCommits: ['0123456789abcdef'],
    metrics: METRICS,
  };
}

function experiment(id: ExperimentSummary['id'], variants: VariantSummary[]): ExperimentSummary {
  return { id, title: `${id} (x)`, paper: 'p', question: 'q', reference: variants[0].runId, variants, differences: {} };
}

const ADAPTER = 'nvidia hopper (nvidia-h200)';
function bundle(experiments: ExperimentSummary[], skipped?: ResultsBundle['skipped']): ResultsBundle {
  return {
    format: 'rmw-experiment-results/1',
    preset: {
      name: 'quick',
      description: 'd',
      seeds: [1, 2],
      trainPreset: 'quick',
      train: {},
      model: {},
      resamples: 20,
    },
    code: {},
    experiments,
    ...(skipped ? { skipped } : {}),
    baselines: [{ name: 'random', label: 'baseline: random', seeds: [1, 2], metrics: METRICS }],
    mixes: {},
    contamination: [],
    contaminationLabels: {},
    judgebenchReference: [],
    runs: [],
    seconds: 0,
  };
}

test('model / backend, short: the plain-TypeScript bow is bow / cpu, tfjs backends lose their prefix', () => {
  assert.equal(modelBackend({ model: 'bow', backend: 'typescript-cpu' }), 'bow / cpu');
  assert.equal(modelBackend({ model: 'transformer', backend: 'tfjs-webgpu' }), 'transformer / webgpu');
  assert.equal(modelBackend({ model: 'transformer', backend: 'tfjs-wasm' }), 'transformer / wasm');
  // Results written before runs recorded their kind trained bow only.
  assert.equal(modelBackend({ backend: 'typescript-cpu' }), 'bow / cpu');
  assert.equal(
    modelBackends([
      { model: 'bow', backend: 'typescript-cpu' },
      { model: 'transformer', backend: 'tfjs-webgpu' },
      { model: 'bow', backend: 'typescript-cpu' },
    ]),
    'bow / cpu; transformer / webgpu',
  );
});

test('every table that lists trained rows has a model / backend column; the notes name the adapter', () => {
  const b = bundle([
    experiment('loss-ablation', [
      variant('bt', 'bow', 'typescript-cpu', null),
      variant('hinge', 'bow', 'typescript-cpu', null),
    ]),
    experiment('judgebench', [variant('bt', 'bow', 'typescript-cpu', null)]),
    experiment('transformer-loss-ablation', [
      variant('transformer-bt', 'transformer', 'tfjs-webgpu', ADAPTER),
      variant('transformer-focal', 'transformer', 'tfjs-webgpu', ADAPTER),
    ]),
  ]);
  const tables = allTables(b);
  const byId = (id: string) => tables.find((t) => t.id === id)!;
  const column = (id: string) => byId(id).columns.findIndex((c) => c.label.endsWith('odel / backend'));

  const loss = byId('experiment-loss-ablation');
  assert.deepEqual(
    loss.rows.map((r) => [r[0], r[column('experiment-loss-ablation')]]),
    [
      ['bt', 'bow / cpu'],
      ['hinge', 'bow / cpu'],
      ['baseline: random', 'rule'],
    ],
  );
  const tr = byId('experiment-transformer-loss-ablation');
  assert.deepEqual(
    tr.rows.map((r) => r[column('experiment-transformer-loss-ablation')]),
    ['transformer / webgpu', 'transformer / webgpu', 'rule'],
  );
  assert.ok(tr.notes.some((n) => n.includes(`backend tfjs-webgpu (WebGPU adapter ${ADAPTER})`)));
  assert.ok(loss.notes.every((n) => !n.includes('WebGPU adapter')));

  const held = byId('experiment-held-out-per-source');
  assert.deepEqual(
    held.rows.map((r) => [r[0], r[column('experiment-held-out-per-source')]]),
    [
      ['bt', 'bow / cpu'],
      ['hinge', 'bow / cpu'],
      ['transformer-bt', 'transformer / webgpu'],
      ['transformer-focal', 'transformer / webgpu'],
      ['baseline: random', 'rule'],
    ],
  );
  const jb = byId('experiment-judgebench-leaderboard');
  assert.deepEqual(
    jb.rows.map((r) => r[column('experiment-judgebench-leaderboard')]),
    ['bow / cpu', 'rule'],
  );
  const head = byId('experiment-headline');
  assert.deepEqual(
    head.rows.map((r) => [r[1], r[column('experiment-headline')]]),
    [
      ['hinge − bt', 'bow / cpu'],
      ['transformer-focal − transformer-bt', 'transformer / webgpu'],
    ],
  );
});

test('the conclusions say what trained each section, and why the GPU experiment was not run', () => {
  const bow = [experiment('loss-ablation', [variant('bt', 'bow', 'typescript-cpu', null)])];
  const ran = conclusionsMarkdown(
    bundle([
      ...bow,
      experiment('transformer-loss-ablation', [variant('transformer-bt', 'transformer', 'tfjs-webgpu', ADAPTER)]),
    ]),
  );
  assert.match(ran, /## 1\. Loss ablation \(paper Table 3\)\n\n.*\n\nOurs, model \/ backend: bow \/ cpu\.\n/);
  assert.match(
    ran,
    new RegExp(
      String.raw`## 7\. Loss ablation on the transformer\n\nOurs, model \/ backend: transformer \/ webgpu \(WebGPU ` +
        String.raw`adapter nvidia hopper \(nvidia-h200\)\)\.\n`,
    ),
  );
  assert.match(ran, /The models are hashed bag-of-n-gram MLPs \(and, in section 7, small transformers/);
  const skipped = conclusionsMarkdown(
    bundle(bow, [
      { id: 'transformer-loss-ablation', reason: 'it needs a real GPU adapter and this machine has none (x)' },
    ]),
  );
  assert.match(
    skipped,
    new RegExp(
      String.raw`## 7\. Loss ablation on the transformer\n\nNot run on this machine: it needs a real GPU adapter and ` +
        String.raw`this machine has none \(x\)\.\n`,
    ),
  );
  assert.match(skipped, /The models are hashed bag-of-n-gram MLPs trained/);
});
