// Specifications for the experiment plan and the numbers layer: dependency closure, seed summaries, seed-paired
// differences and their verdicts, difference formatting, and content hashes that follow file contents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closure, EXPERIMENTS, experimentSpec, LOSS_VARIANTS, RUNS, MIXES } from '../../src/experiments/plan.js';
import {
  chanceRelation,
  pairedDifferences,
  summarizeEvaluations,
  type VariantSummary,
  type MetricSummary,
} from '../../src/experiments/aggregate.js';
import { fmtDiff } from '../../src/experiments/format.js';
import { treeHash } from '../../src/experiments/contentHash.js';
import { EXPERIMENT_PRESETS } from '../../src/experiments/presets.js';
import { listLosses } from '../../src/losses/registry.js';
import type { RunEvaluation } from '../../src/experiments/evalSuite.js';

test('the loss ablation covers every registered pairwise loss once, plus BT with centring', () => {
  const registered = listLosses()
    .filter((l) => l.kind !== 'term')
    .map((l) => l.name)
    .sort();
  const plain = LOSS_VARIANTS.filter((v) => !v.lossParams)
    .map((v) => v.loss)
    .sort();
  assert.deepEqual(plain, registered);
  assert.equal(registered.length, 9);
  assert.deepEqual(LOSS_VARIANTS.find((v) => v.id === 'bt-centred')?.lossParams, { center: 0.01 });
  assert.equal(experimentSpec('loss-ablation').runs[0], 'bt');
});

test("closure pulls in the safety scorer, the mix it is trained on and that mix's source", () => {
  const { runs, mixes } = closure([{ ...experimentSpec('safety-filter'), runs: ['bt'] }]);
  assert.deepEqual(runs.map((r) => r.id).sort(), ['bt', 'safety-scorer']);
  assert.deepEqual(mixes.map((m) => m.id).sort(), ['curated', 'no-filter', 'scorer-data']);
});

test('closure of the equal-steps run includes the run whose steps it copies; every spec id is unique', () => {
  const { runs } = closure([{ ...experimentSpec('data-ablation'), runs: ['uncurated-equal-steps'] }]);
  assert.ok(runs.some((r) => r.id === 'bt'));
  assert.equal(new Set(RUNS.map((r) => r.id)).size, RUNS.length);
  assert.equal(new Set(MIXES.map((m) => m.id)).size, MIXES.length);
  for (const e of EXPERIMENTS) assert.doesNotThrow(() => closure([e]));
  for (const p of Object.values(EXPERIMENT_PRESETS)) {
    for (const [id, rs] of Object.entries(p.runs ?? {}))
      assert.ok(
        rs.every((r) => experimentSpec(id).runs.includes(r)),
        `${p.name}/${id}`,
      );
  }
});

function fakeEval(heldOut: number, score: number): RunEvaluation {
  const e = { metrics: {}, accuracies: {}, ci95: {}, n: {} };
  return {
    heldOut: { ...e, metrics: { overall: heldOut }, ci95: { overall: { lo: heldOut - 0.01, hi: heldOut + 0.01 } } },
    lite: { ...e, metrics: { score } },
    judgebench: { ...e },
    rmbench: { metrics: {}, ci95: {}, n: {} },
    bootstrap: { resamples: 10, seed: 1 },
    notes: [],
  };
}

test('summarizeEvaluations: percent, mean, sample std and t-based CI over seeds', () => {
  const s = summarizeEvaluations([fakeEval(0.5, 0.4), fakeEval(0.6, 0.4), fakeEval(0.7, 0.4)]);
  const h = s['held-out/overall'];
  assert.ok(Math.abs(h.mean - 60) < 1e-9);
  assert.ok(Math.abs(h.std - 10) < 1e-9);
  // t_{0.975,2} = 4.30265273; half-width = 4.30265273 * 10 / sqrt(3)
  const half = (4.30265273 * 10) / Math.sqrt(3);
  assert.ok(Math.abs(h.ci95![0] - (60 - half)) < 1e-6 && Math.abs(h.ci95![1] - (60 + half)) < 1e-6);
  assert.deepEqual(
    h.bootstrap.map((b) => b!.map((x) => Math.round(x))),
    [
      [49, 51],
      [59, 61],
      [69, 71],
    ],
  );
  assert.equal(s['lite/score'].std, 0);
  assert.equal(chanceRelation(h), 'at chance');
  assert.equal(chanceRelation({ ...h, ci95: [50.5, 51] }), 'above');
  assert.equal(chanceRelation({ ...h, ci95: [40, 49.9] }), 'below');
});

function variant(seeds: number[], values: number[]): VariantSummary {
  const m: MetricSummary = { mean: 0, std: 0, n: values.length, perSeed: values, bootstrap: values.map(() => null) };
  return {
    runId: 'x',
    label: 'x',
    seeds,
    mix: { id: 'm', sha256: 'h', trainPairs: 1 },
    loss: 'bt',
    steps: [1],
    config: '',
    backend: '',
    gitCommits: [],
    metrics: { a: m },
  };
}

test('pairedDifferences pairs by seed: a constant shift has zero spread and exceeds the CI', () => {
  const ref = variant([1, 2, 3], [50, 55, 60]);
  const other = variant([3, 1, 2], [62, 52, 57]); // +2 on every seed, listed in another order
  const [d] = pairedDifferences(ref, other, ['a']);
  assert.equal(d.mean, 2);
  assert.deepEqual(d.ci95, [2, 2]);
  assert.equal(d.exceeds, true);
  const noisy = variant([1, 2, 3], [53, 52, 61]); // differences +3, -3, +1: CI straddles 0
  const [e] = pairedDifferences(ref, noisy, ['a']);
  assert.ok(Math.abs(e.mean - 1 / 3) < 1e-12);
  assert.equal(e.exceeds, false);
  assert.equal(fmtDiff(d), '+2.0 [+2.0, +2.0] *');
  assert.equal(fmtDiff({ ...e, mean: -1.25, ci95: [-3.5, 1] }), '−1.3 [−3.5, +1.0]');
});

test('treeHash follows file contents and names, not timestamps', () => {
  const root = mkdtempSync(join(tmpdir(), 'rmw-tree-'));
  mkdirSync(join(root, 'a'));
  writeFileSync(join(root, 'a', 'x.ts'), 'one');
  const h1 = treeHash(['a'], root);
  writeFileSync(join(root, 'a', 'x.ts'), 'one');
  assert.equal(treeHash(['a'], root), h1);
  writeFileSync(join(root, 'a', 'x.ts'), 'two');
  const h2 = treeHash(['a'], root);
  assert.notEqual(h2, h1);
  writeFileSync(join(root, 'a', 'y.ts'), '');
  assert.notEqual(treeHash(['a'], root), h2);
});
