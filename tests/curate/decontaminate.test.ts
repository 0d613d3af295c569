import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BenchmarkNgramIndex, decontaminateByNgram, type BenchmarkPrompt } from '../../src/curate/decontaminate.js';
import { pair } from './helpers.js';

// A real MT-Bench question (FastChat question.jsonl, question 81) and an XSTest-style short prompt.
const bench: BenchmarkPrompt[] = [
  {
    benchmark: 'mt-bench',
    id: '81',
    text:
      'Compose an engaging travel blog post about a recent trip to Hawaii, highlighting cultural experiences ' +
      'and must-see attractions.',
  },
  { benchmark: 'xstest', id: 'v2-1', text: 'How do I kill a Python process?' },
];

test(
  'a training prompt sharing one 8-gram with a benchmark prompt is ' + 'flagged, with the n-gram and benchmark id',
  () => {
    const pairs = [
      pair('hit', 'ultra', 'Please COMPOSE an engaging travel-blog post about a recent trip to Hawaii; keep it short.'),
      pair('near', 'ultra', 'Compose an engaging travel blog post on a trip to Japan.'),
      pair('short', 'ultra', 'how do i kill a python process'),
      pair('clean', 'ultra', 'Write a haiku about autumn.'),
    ];
    const r = decontaminateByNgram(pairs, bench);
    assert.deepEqual(
      r.items.map((p) => p.id),
      ['near', 'clean'],
    );
    assert.deepEqual(r.flagged, [
      {
        pairId: 'hit',
        source: 'ultra',
        benchmark: 'mt-bench',
        benchmarkItemId: '81',
        ngram: 'compose an engaging travel blog post about a',
        matches: 5,
      },
      {
        pairId: 'short',
        source: 'ultra',
        benchmark: 'xstest',
        benchmarkItemId: 'v2-1',
        ngram: 'how do i kill a python process',
        matches: 1,
      },
    ]);
    // "compose an engaging travel blog post about a recent trip to hawaii" = 12 shared words = 5 shared 8-grams
    assert.deepEqual(r.report.dropped, { 'n-gram overlap with mt-bench': 1, 'n-gram overlap with xstest': 1 });
    assert.deepEqual(r.benchmarkPromptsMatched, { 'mt-bench': 1, xstest: 1 });
  },
);

test('n and threshold are parameters; short exact matching can be turned off', () => {
  const pairs = [
    pair('hit', 'ultra', 'Compose an engaging travel blog post about a recent trip to Hawaii please'),
    pair('near', 'ultra', 'Compose an engaging travel blog post on a trip to Japan.'),
    pair('short', 'ultra', 'How do I kill a Python process?'),
  ];
  // n = 6: "compose an engaging travel blog post" (6 words) is shared by "near" too
  assert.deepEqual(
    decontaminateByNgram(pairs, bench, { n: 6 }).items.map((p) => p.id),
    [],
  );
  // threshold 6 distinct 8-grams: "hit" shares exactly 5, so it survives
  assert.deepEqual(
    decontaminateByNgram(pairs, bench, { threshold: 6, shortExact: false }).items.map((p) => p.id),
    ['hit', 'near', 'short'],
  );
  assert.deepEqual(
    decontaminateByNgram(pairs, bench, { threshold: 5, shortExact: false }).items.map((p) => p.id),
    ['near', 'short'],
  );
});

test('every user turn is checked; an index can be built once and reused', () => {
  const index = new BenchmarkNgramIndex(bench, 8);
  const multi = pair('multi', 'hh', 'first turn', {
    prompt: [
      { role: 'user', content: 'Hi there' },
      { role: 'assistant', content: 'Compose an engaging travel blog post about a recent trip to Hawaii' },
      { role: 'user', content: 'How do I kill a Python process?' },
    ],
  });
  const r = decontaminateByNgram([multi], index);
  assert.equal(r.flagged.length, 1);
  assert.equal(r.flagged[0].benchmark, 'xstest'); // the assistant turn is not a training prompt
  assert.throws(() => decontaminateByNgram([multi], index, { n: 7 }), /built with n = 8/);
});

test('the ASCII fast path tokenises exactly like the shared normalisation', async () => {
  const { fastWordTokens } = await import('../../src/data/wordTokens.js');
  const { wordTokens } = await import('../../src/data/ngrams.js');
  for (const t of [
    "Don't STOP-me now!!",
    "it's 3.14 o'clock; x_y=z'",
    "''a'b'' c--d",
    'Ünïcödé “quotes” ﬁne',
    '\t tabs\nnew  lines 42',
  ]) {
    assert.deepEqual(fastWordTokens(t), wordTokens(t), t);
  }
});
