// Each Hugging Face loader reads a tiny fixture written in the source's published schema (tests/fixtures/hf,
// made by make-fixtures.ts) and gives exactly these items and quarantine counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  helpSteer2Prompt,
  loadHelpSteer2,
  loadMagpieDpo,
  loadOffsetBias,
  loadRewardBenchFiltered,
  loadSkyworkPreference,
  loadWildGuardMix,
} from '../../../src/data/hf/index.js';

const fx = (name: string) => join(process.cwd(), 'tests', 'fixtures', 'hf', name);
const user = (content: string) => [{ role: 'user' as const, content }];

test('HelpSteer2 (jsonl.gz): consecutive rows sharing a prompt become one group with five ratings', async () => {
  const r = await loadHelpSteer2(fx('helpsteer2-train.jsonl.gz'), { split: 'train' });
  assert.equal(r.read, 8);
  assert.equal(r.kept, 3);
  assert.deepEqual(r.quarantined, { 'unpaired-response': 1, 'bad-value': 1 });
  assert.deepEqual(r.items[0], {
    id: 'helpsteer2:train:1',
    source: 'helpsteer2',
    split: 'train',
    prompt: user('c#'),
    responses: [
      {
        text: 'C# is a language by Microsoft.',
        score: 3,
        ratings: { helpfulness: 3, correctness: 3, coherence: 4, complexity: 1, verbosity: 2 },
      },
      {
        text: 'C# is a musical note.',
        score: 1,
        ratings: { helpfulness: 1, correctness: 2, coherence: 3, complexity: 0, verbosity: 1 },
      },
    ],
  });
  assert.deepEqual(r.items[2].prompt, [
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello! How can I help?' },
    { role: 'user', content: 'Tell me a joke' },
  ]);
  assert.deepEqual(
    r.examples.map((e) => [e.row, e.reason, e.field]),
    [
      [8, 'bad-value', 'helpfulness'],
      [5, 'unpaired-response', 'prompt'],
    ],
  );
});

test('helpSteer2Prompt leaves a single-turn prompt as one user message', () => {
  assert.deepEqual(helpSteer2Prompt('Write a haiku'), user('Write a haiku'));
});

test('OffsetBias (jsonl): label 1 means output_1 wins, 2 means output_2 wins; others quarantined', async () => {
  const r = await loadOffsetBias(fx('offsetbias-train.jsonl'));
  assert.deepEqual(r.items, [
    { id: 'offsetbias:1', source: 'offsetbias', prompt: user('Name a prime number.'), chosen: '7', rejected: '8' },
    {
      id: 'offsetbias:2',
      source: 'offsetbias',
      prompt: user('Summarise: the cat sat.'),
      chosen: 'A cat sat.',
      rejected: 'A dog ran far away quickly.',
    },
  ]);
  assert.deepEqual(r.quarantined, { 'label-unrecognised': 1, 'empty-string': 1 });
  assert.equal(r.examples[0].detail, 'line 3: expected 1 or 2, got 0');
});

test('WildGuardMix (parquet): harmful prompt -> refusal wins; unharmful -> compliance wins', async () => {
  const r = await loadWildGuardMix(fx('wildguard-train.parquet'));
  assert.equal(r.read, 6);
  assert.deepEqual(
    r.items.map((p) => [p.id, p.chosen, p.rejected, p.category, p.meta?.adversarial]),
    [
      ['wildguardmix:0', 'I can’t help with that.', 'Insert a tension wrench…', 'should-refuse', true],
      ['wildguardmix:2', 'Use `kill <pid>` or Ctrl+C.', 'Sorry, I cannot help with killing.', 'should-respond', false],
    ],
  );
  assert.deepEqual(r.quarantined, { 'prompt-only': 1, 'no-contrast': 1 });
  const adv = await loadWildGuardMix(fx('wildguard-train.parquet'), { adversarialOnly: true });
  assert.deepEqual(
    adv.items.map((p) => p.id),
    ['wildguardmix:0'],
  );
  assert.deepEqual(adv.quarantined, { 'not-adversarial': 2, 'prompt-only': 1, 'no-contrast': 1 });
});

test('Magpie DPO (parquet): pairs as given, with ArmoRM scores, margin, mean and task category', async () => {
  const r = await loadMagpieDpo(fx('magpie-dpo-train.parquet'), { source: 'magpie-pro-dpo' });
  assert.equal(r.read, 3);
  assert.deepEqual(r.items[0], {
    id: 'magpie-pro-dpo:u-1',
    source: 'magpie-pro-dpo',
    prompt: user('What is 12*12?'),
    chosen: '144',
    rejected: '124',
    chosenScore: 0.2,
    rejectedScore: 0.05,
    margin: 0.2 - 0.05,
    category: 'Math',
    meta: { armoMean: (0.2 + 0.05 + 0.15) / 3, difficulty: 'easy', input_quality: 'good' },
  });
  assert.equal(r.items[1].category, 'Coding & Debugging');
  assert.equal(r.items[1].chosenScore, 0.25);
  assert.deepEqual(r.quarantined, { 'bad-value': 1 });
  assert.equal(r.examples[0].detail, 'row 2: 2 scores for 3 responses');
});

test(
  'Skywork-Reward-Preference-80K (parquet and jsonl): prompt = ' + 'shared conversation before the final turn',
  async () => {
    for (const file of ['skywork-80k-train.parquet', 'skywork-80k-train.jsonl']) {
      const r = await loadSkyworkPreference(fx(file), { source: 'skywork-80k-v0.2' });
      assert.equal(r.read, 4, file);
      assert.deepEqual(
        r.items.map((p) => [p.prompt, p.chosen, p.rejected, p.meta]),
        [
          [user('Capital of Japan?'), 'Tokyo.', 'Kyoto.', { origin: 'offsetbias' }],
          [
            [
              { role: 'system', content: 'Be brief.' },
              { role: 'user', content: '2+2?' },
              { role: 'assistant', content: '4' },
              { role: 'user', content: 'And 3+3?' },
            ],
            '6',
            '7',
            { origin: 'magpie_ultra' },
          ],
        ],
        file,
      );
      assert.deepEqual(r.quarantined, { 'bad-value': 2 }, file);
      assert.deepEqual(
        r.examples.map((e) => e.field),
        ['rejected', 'chosen'],
        file,
      );
    }
  },
);

test('RewardBench filtered (parquet, int64 ids): pairs with subset, models and split test', async () => {
  const r = await loadRewardBenchFiltered(fx('reward-bench-filtered.parquet'));
  assert.deepEqual(r.items, [
    {
      id: 'reward-bench:30',
      source: 'reward-bench',
      prompt: user('Explain gravity in one line.'),
      chosen: 'Mass attracts mass.',
      rejected: 'Things fall up.',
      subset: 'alpacaeval-easy',
      split: 'test',
      chosenModel: 'GPT-4',
      rejectedModel: 'Llama-2-7b',
    },
    {
      id: 'reward-bench:4321',
      source: 'reward-bench',
      prompt: user('def add(a, b):'),
      chosen: '    return a + b',
      rejected: '    return a - b',
      subset: 'hep-python',
      split: 'test',
      chosenModel: 'human',
      rejectedModel: 'human',
    },
  ]);
  assert.deepEqual(r.quarantined, { 'empty-string': 1 });
  assert.equal(r.examples[0].field, 'chosen');
});
