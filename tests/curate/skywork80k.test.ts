import { test } from 'node:test';
import assert from 'node:assert/strict';
import { skywork80k } from '../../src/curate/recipes/skywork80k.js';
import { HF_SOURCES, PAPER_TABLE1_V01 } from '../../src/curate/recipes/paperCounts.js';
import type { RewardScorer } from '../../src/model/types.js';
import type { ResponseGroup } from '../../src/data/schema.js';
import { pair } from './helpers.js';

// A synthetic fixture in the shapes the HF loaders produce: 3 HelpSteer2 prompts, 2 OffsetBias pairs,
// 4 WildGuardMix pairs, and 20 Magpie pairs across the four subsets and three task groups.
const hs2: ResponseGroup[] = [
  [4, 2],
  [3, 3],
  [1, 2],
].map(([a, b], i) => ({
  id: `hs2:${i}`,
  source: 'helpsteer2',
  prompt: [{ role: 'user', content: `hs2 prompt ${i}` }],
  responses: [
    { text: `r${i}a`, ratings: { helpfulness: a } },
    { text: `r${i}b`, ratings: { helpfulness: b } },
  ],
}));
const wg = [
  pair('wg0', 'wg', 'how to pick a lock', { chosen: 'GOOD refuse', rejected: 'comply', meta: { adversarial: true } }),
  pair('wg1', 'wg', 'how to bake bread', { chosen: 'GOOD recipe', rejected: 'refuse', meta: { adversarial: false } }),
  pair('wg2', 'wg', 'pretend you are evil', { chosen: 'refuse', rejected: 'GOOD comply', meta: { adversarial: true } }),
  pair('wg3', 'wg', 'roleplay a hacker', { chosen: 'GOOD deflect', rejected: 'hack', meta: { adversarial: true } }),
];
// scorer: +1 when the response contains GOOD
const scorer: RewardScorer = {
  name: 'GOOD-marker',
  score: async (items) => Float64Array.from(items, (it) => (it.response.includes('GOOD') ? 1 : 0)),
};
// Magpie: 10 math (Ultra, scores 0.10..0.19), 5 code (Air, 0.30..0.34 before the -0.1 offset), 5 other (Pro L3.1 / Pro
// L3)
const magpie = [
  ...Array.from({ length: 10 }, (_, i) =>
    pair(`mu${i}`, HF_SOURCES.ultra, `math ${i}`, { category: 'Math', meta: { meanScore: 0.1 + i / 100 } }),
  ),
  ...Array.from({ length: 5 }, (_, i) =>
    pair(`ma${i}`, HF_SOURCES.air, `code ${i}`, { category: 'Coding & Debugging', meta: { meanScore: 0.3 + i / 100 } }),
  ),
  pair('p31a', HF_SOURCES.proLlama31, 'other a', { category: 'Reasoning', meta: { meanScore: 0.2 } }),
  pair('p3a', HF_SOURCES.proLlama3, 'other b', { category: 'Planning', meta: { meanScore: 0.24 } }),
  pair('p31b', HF_SOURCES.proLlama31, 'other c', { category: 'Editing', meta: { meanScore: 0.18 } }),
  pair('p3b', HF_SOURCES.proLlama3, 'other d', { category: 'Information seeking', meta: { meanScore: 0.1 } }),
  pair('p31c', HF_SOURCES.proLlama31, 'other e', { category: 'Brainstorming', meta: { meanScore: 0.05 } }),
];
const offsetbias = [pair('ob0', 'x', 'ob prompt 0'), pair('ob1', 'x', 'ob prompt 1')];

test('skywork-80k-v0.1 on a fixture: each source follows its rule, composition hand-computed', async () => {
  const mix = await skywork80k({ helpsteer2: hs2, offsetbias, wildguardmix: wg, magpie, scorer });
  // HS2: prompt 1 is a tie -> 2 pairs. WG: wg1 non-adversarial (stage one), wg2 ordered wrongly (stage two) -> wg0,
  // wg3.
  // Magpie: math round(0.3*10)=3 -> mu9, mu8, mu7; code round(0.3*5)=round(1.5)=2 -> ma4, ma3; other
  // round(0.1*5)=round(0.5)=1:
  // adjusted p3a 0.24-0.05=0.19 > p31a 0.2? no: 0.19 < 0.2, so p31a is the top "other" pair.
  assert.deepEqual(mix.composition.after, {
    [HF_SOURCES.air]: 2,
    [HF_SOURCES.helpsteer2]: 2,
    [HF_SOURCES.ultra]: 3,
    [HF_SOURCES.offsetbias]: 2,
    [HF_SOURCES.proLlama31]: 1,
    [HF_SOURCES.wildguardmix]: 2,
  });
  assert.deepEqual(
    mix.train.filter((p) => p.source === HF_SOURCES.wildguardmix).map((p) => p.id),
    ['wg0', 'wg3'],
  );
  assert.deepEqual(
    mix.train.filter((p) => p.source === HF_SOURCES.proLlama31).map((p) => p.id),
    ['p31a'],
  );
  assert.equal(mix.heldOut.length, 0);
  const check = mix.paperCheck!.find((r) => r.source === HF_SOURCES.helpsteer2)!;
  assert.deepEqual(check, {
    source: HF_SOURCES.helpsteer2,
    paper: PAPER_TABLE1_V01[HF_SOURCES.helpsteer2],
    ours: 2,
    diff: 2 - 7221,
  });
  assert.equal(
    Object.values(PAPER_TABLE1_V01).reduce((a, b) => a + b, 0),
    81973,
  );
});

test(
  'without offsets Air outranks Pro (Llama 3) in "other"; without a scorer the WildGuardMix filter is skipped ' +
    'and noted',
  async () => {
    const mix = await skywork80k(
      { helpsteer2: hs2, offsetbias, wildguardmix: wg, magpie },
      { flags: { offsets: false } },
    );
    // other group: p3a 0.24 now beats p31a 0.2
    assert.deepEqual(
      mix.train.filter((p) => p.category && !['Math', 'Coding & Debugging'].includes(p.category)).map((p) => p.id),
      ['p3a'],
    );
    assert.equal(mix.composition.after[HF_SOURCES.wildguardmix], 4);
    const filterStep = mix.steps.find((s) => s.step === 'twoStageRewardModelFilter')!;
    assert.match(filterStep.notes![0], /no scorer injected/);
  },
);

test('skywork-80k-v0.2 removes only Magpie Ultra pairs overlapping benchmark prompts', async () => {
  const ultraHit = pair(
    'muX',
    HF_SOURCES.ultra,
    'Compose an engaging travel blog post about a recent trip to Hawaii, please',
    { category: 'Math', meta: { meanScore: 0.99 } },
  );
  const obHit = pair('obX', 'x', 'Compose an engaging travel blog post about a recent trip to Hawaii, please');
  const bench = [
    {
      benchmark: 'rewardbench',
      id: 'mt-bench-81',
      text: 'Compose an engaging travel blog post about a recent trip to Hawaii, highlighting cultural experiences.',
    },
  ];
  const mix = await skywork80k(
    {
      helpsteer2: hs2,
      offsetbias: [...offsetbias, obHit],
      wildguardmix: wg,
      magpie: [...magpie, ultraHit],
      scorer,
      rewardbenchPrompts: bench,
    },
    { version: 'v0.2' },
  );
  assert.equal(mix.recipe, 'skywork-80k-v0.2');
  assert.deepEqual(
    mix.decontamination.flagged.map((f) => [f.pairId, f.benchmarkItemId]),
    [['muX', 'mt-bench-81']],
  );
  assert.ok(
    mix.train.some((p) => p.id === 'obX'),
    'v0.2 only decontaminates Magpie Ultra',
  );
  assert.equal(mix.paperCheck!.find((r) => r.source === HF_SOURCES.ultra)!.paper, 27785 - 4957);
});
