import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateBench, evaluateWithBaselines } from '../../src/eval/withBaselines.js';
import type { RewardScorer } from '../../src/model/types.js';

test(
  'evaluateWithBaselines: the model first, then random(seed), ' + 'longer- and shorter-response-wins, same evaluation',
  async () => {
    const model: RewardScorer = { name: 'model', score: async (items) => new Float64Array(items.length) };
    const seen: string[] = [];
    const evaluate = async (s: RewardScorer) => {
      seen.push(s.name);
      // The evaluation sees each scorer's own rewards: the longer of "ab" and "abcd" wins for longer-response-wins.
      const r = await s.score([
        { prompt: [{ role: 'user', content: 'q' }], response: 'ab' },
        { prompt: [{ role: 'user', content: 'q' }], response: 'abcd' },
      ]);
      return r[1] > r[0] ? 'second' : r[1] < r[0] ? 'first' : 'tie';
    };
    const all = await evaluateWithBaselines(evaluate, { seed: 4, scorer: model });
    assert.deepEqual(seen, ['model', 'random (seed 4)', 'longer-response-wins', 'shorter-response-wins']);
    assert.equal(all.result, 'tie');
    assert.deepEqual(Object.keys(all.baselines), ['random (seed 4)', 'longer-response-wins', 'shorter-response-wins']);
    assert.equal(all.baselines['longer-response-wins'], 'second');
    assert.equal(all.baselines['shorter-response-wins'], 'first');

    seen.length = 0;
    const randomOnly = await evaluateWithBaselines(evaluate, { seed: 9, lengthBaselines: false });
    assert.deepEqual(seen, ['random (seed 9)']);
    assert.equal('result' in randomOnly, false);
  },
);

test(
  'evaluateBench (what rmw eval writes) end to end on JudgeBench with a function-backed scorer: same seed, ' +
    'same bytes',
  async () => {
    // Scores the response containing more digits higher: a real (weak) signal, deterministic.
    const digits: RewardScorer = {
      name: 'digit-count',
      async score(items) {
        return Float64Array.from(items, (it) => (it.response.match(/\d/g) ?? []).length);
      },
    };
    const a = await evaluateBench({ scorer: digits, bench: 'judgebench', seed: 11, resamples: 50, weights: 'current' });
    const b = await evaluateBench({ scorer: digits, bench: 'judgebench', seed: 11, resamples: 50, weights: 'current' });
    assert.equal(JSON.stringify(a), JSON.stringify(b));
    const r = a.result as Record<string, any>;
    for (const k of ['knowledge', 'reasoning', 'math', 'coding', 'overall']) assert.equal(typeof r[k], 'number');
    assert.ok(r.ci95.overall.lo <= r.overall && r.overall <= r.ci95.overall.hi);
    assert.equal((a.baselines['random (expected)'] as any).overall, 0.5);
    assert.ok(Array.isArray(a.reference) && (a.reference as unknown[]).length === 5);
  },
);
