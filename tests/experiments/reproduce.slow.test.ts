// The reproduce pipeline end to end on a smoke plan (one seed, the reference run, one safety-filter variant and one
// loss variant; trainer preset quick): curate (incl. training the safety scorer), experiments, results, figures.
// Then the same call again: every stage is skipped by its content hash; and with the stage state removed, every
// mix and run is still reused by its own key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reproduce } from '../../src/experiments/reproduce.js';
import { EXPERIMENT_PRESETS, type ExperimentPreset } from '../../src/experiments/presets.js';
import { loadOursResults } from '../../src/report/oursInputs.js';
import type { ResultsBundle } from '../../src/experiments/results.js';
import { mixTrainData } from '../../src/experiments/runs.js';

const SMOKE: ExperimentPreset = {
  ...EXPERIMENT_PRESETS.quick,
  seeds: [1],
  resamples: 20,
  runs: {
    'loss-ablation': ['bt', 'hinge'],
    'data-ablation': ['bt'],
    decontamination: ['bt'],
    'safety-filter': ['bt', 'no-filter'],
    'offsets-topk': ['bt'],
    judgebench: ['bt'],
  },
};

test(
  'reproduce: curate -> experiments -> results -> figures, then everything reused',
  { timeout: 600_000 },
  async () => {
    const root = mkdtempSync(join(tmpdir(), 'rmw-repro-'));
    const dirs = {
      runs: join(root, 'runs'),
      results: join(root, 'results'),
      figures: join(root, 'figures'),
      state: join(root, 'state.json'),
    };
    const lines: string[] = [];
    const opts = {
      preset: 'quick' as const,
      experimentPreset: SMOKE,
      dirs,
      notebooks: false,
      images: false,
      log: (l: string) => lines.push(l),
    };
    const first = await reproduce(opts);
    assert.equal(first.ok, true, lines.join('\n'));
    assert.deepEqual(
      first.stages.map((s) => [s.stage, s.status]),
      [
        ['curate', 'ran'],
        ['experiments', 'ran'],
        ['results', 'ran'],
        ['figures', 'ran'],
        ['notebooks', 'skipped'],
      ],
    );
    assert.ok(
      lines.some((l) => l.includes('stage 1/5 curate')),
      'progress per stage on the log',
    );
    // 4 runs: the safety scorer, bt, hinge, no-filter (one seed each)
    assert.deepEqual(first.counts, {
      mixesBuilt: 0,
      mixesReused: 3,
      runsTrained: 3,
      runsReused: 1,
      runsReevaluated: 0,
    });

    // The file runs train on (and the equal-steps plan counts) is one the mix writer wrote.
    assert.ok(existsSync(mixTrainData(join(dirs.runs, 'mixes', 'curated'))));

    const ours = loadOursResults(dirs.results);
    assert.deepEqual(ours.missing, []);
    assert.deepEqual(
      ours.lossAblation!.rows.map((r) => r.loss),
      ['Bradley-Terry', 'Hinge (m = 1)'],
    );
    for (const r of ours.lossAblation!.rows) {
      assert.deepEqual(r.seeds, [1]);
      assert.match(r.dataHash, /^[0-9a-f]{64}$/);
      assert.equal(r.backend, 'typescript-cpu');
    }
    const bundle = JSON.parse(readFileSync(join(dirs.results, 'experiments.json'), 'utf8')) as ResultsBundle;
    const safety = bundle.experiments.find((e) => e.id === 'safety-filter')!;
    assert.deepEqual(
      safety.variants.map((v) => v.mix.id),
      ['curated', 'no-filter'],
    );
    assert.ok(safety.variants[0].metrics['held-out/overall'].mean > 0);
    assert.deepEqual(
      bundle.contamination.map((t) => t.n),
      [7, 13],
    );
    assert.equal(bundle.judgebenchReference.length, 5);
    assert.ok(existsSync(join(dirs.results, 'CONCLUSIONS.md')));
    assert.ok(existsSync(join(dirs.results, 'experiment-loss-ablation.md')));
    assert.ok(readFileSync(join(dirs.figures, 'table3-loss-ablation.md'), 'utf8').includes('ours (measured)'));

    const second = await reproduce(opts);
    assert.deepEqual(
      second.stages.map((s) => s.status),
      ['skipped', 'skipped', 'skipped', 'skipped', 'skipped'],
    );

    rmSync(dirs.state);
    const third = await reproduce({ ...opts, dirs: { ...dirs, results: join(root, 'results2') } });
    assert.equal(third.ok, true);
    assert.deepEqual(third.counts, {
      mixesBuilt: 0,
      mixesReused: 3,
      runsTrained: 0,
      runsReused: 4,
      runsReevaluated: 0,
    });
    assert.equal(
      readFileSync(join(root, 'results2', 'loss-ablation.json'), 'utf8'),
      readFileSync(join(dirs.results, 'loss-ablation.json'), 'utf8'),
    );
    // Baselines evaluated afresh (first) and read back from their file (third) come out in the same order.
    const names = (dir: string) =>
      (JSON.parse(readFileSync(join(dir, 'experiments.json'), 'utf8')) as ResultsBundle).baselines.map((b) => b.name);
    assert.deepEqual(names(dirs.results), ['longer-response-wins', 'random', 'shorter-response-wins']);
    assert.deepEqual(names(join(root, 'results2')), names(dirs.results));
    assert.equal(
      readFileSync(join(root, 'results2', 'leaderboard.json'), 'utf8'),
      readFileSync(join(dirs.results, 'leaderboard.json'), 'utf8'),
    );
  },
);
