// Score tables (scores.jsonl keyed by pair id): parsing names the line and field of bad input; every benchmark pair
// must have a score; the scorer answers by pair id and side, so the evaluators run unchanged on supplied rewards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkScoreCoverage, parseScoresJsonl, scoreTableScorer } from '../../src/eval/scoreTable.js';
import { evaluatePairwise, type PairwiseBenchmark } from '../../src/eval/evaluate.js';

const f = 'scores.jsonl';

test('lines parse to a table; bad lines are errors naming file, line and field', () => {
  const t = parseScoresJsonl(
    '{"id":"a","chosen":1,"rejected":0.5,"model":"m"}\n\n{"id":"b","chosen":-2,"rejected":3}\n',
    f,
  );
  assert.deepEqual(
    [...t.scores.entries()],
    [
      ['a', { chosen: 1, rejected: 0.5 }],
      ['b', { chosen: -2, rejected: 3 }],
    ],
  );
  assert.match(t.sha256, /^[0-9a-f]{64}$/);
  assert.throws(
    () => parseScoresJsonl('{"id":"a","chosen":1}\n', f),
    /scores\.jsonl, line 1, field "rejected": missing-field: expected a finite number/,
  );
  assert.throws(
    () => parseScoresJsonl('{"id":"a","chosen":1,"rejected":0}\n{"id":"a","chosen":1,"rejected":0}\n', f),
    /line 2, field "id": bad-value: pair id "a" appears twice/,
  );
  assert.throws(() => parseScoresJsonl('{"id":3,"chosen":1,"rejected":0}\n', f), /line 1, field "id"/);
  assert.throws(() => parseScoresJsonl('[1]\n', f), /line 1: wrong-type: expected an object/);
  assert.throws(() => parseScoresJsonl('{"id":"a","chosen":"1","rejected":0}\n', f), /field "chosen"/);
  assert.throws(() => parseScoresJsonl('{"id":"a"\n', f), /line 1: corrupt-json/);
});

test('coverage: a missing pair is an error naming the first missing id and the count; extra lines are counted', () => {
  const t = parseScoresJsonl('{"id":"a","chosen":1,"rejected":0}\n{"id":"z","chosen":1,"rejected":0}\n', f);
  assert.throws(
    () => checkScoreCoverage(t, ['a', 'b', 'c'], 'judgebench'),
    /2 of 3 judgebench pairs have no score; the first missing id is "b"/,
  );
  assert.deepEqual(checkScoreCoverage(t, ['a'], 'judgebench'), { used: 1, unused: 1, firstUnused: 'z' });
});

test('the evaluator scores supplied rewards with the strict rule (ties wrong)', async () => {
  const t = parseScoresJsonl(
    [
      '{"id":"p1","chosen":2,"rejected":1}',
      '{"id":"p2","chosen":1,"rejected":1}',
      '{"id":"p3","chosen":0,"rejected":5}',
      '{"id":"p4","chosen":3,"rejected":-1}',
    ].join('\n'),
    f,
  );
  const pair = (id: string) => ({
    id,
    prompt: [{ role: 'user' as const, content: 'q' }],
    chosen: 'same text',
    rejected: 'same text',
  });
  const bench: PairwiseBenchmark = {
    name: 'toy',
    subsets: [{ key: 's', tag: 'exact', rule: 'r', sources: ['x'], pairs: ['p1', 'p2', 'p3', 'p4'].map(pair) }],
    metrics: (acc) => ({ overall: acc.s }),
  };
  const r = await evaluatePairwise(scoreTableScorer(t, 'ext'), bench, { seed: 0, resamples: 50 });
  assert.equal(r.accuracies.s, 0.5); // p1, p4 right; p2 tie wrong; p3 wrong
  await assert.rejects(scoreTableScorer(t, 'ext').score([{ prompt: [], response: 'x' }]), /came without one/);
  await assert.rejects(
    scoreTableScorer(t, 'ext').score([{ prompt: [], response: 'x', pair: { id: 'q', side: 'chosen' } }]),
    /no score for pair id "q"/,
  );
});
