// The facts in ../shared/data/README.md, checked on the real files through the loaders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  HH_IDS,
  loadHhRlhf,
  loadGsm8kSolutions,
  loadGsm8kGroups,
  LLMBAR_SUBSETS,
  loadLlmBar,
  HEP_LANGUAGES,
  loadHumanEvalPack,
  loadXsTest,
  loadXsTestCompletions,
  XSTEST_MODELS,
  loadAlpacaEvalFile,
  loadAlpacaEvalBestOfN,
  loadJudgeBench,
  loadJudgeBenchRewardScores,
  JUDGEBENCH_SCORE_IDS,
  loadMtBenchQuestions,
  loadPandaLM,
  loadSourceById,
  sourceKind,
  loadableSourceIds,
  loadRmBench,
  loadMagpiePo,
} from '../../../src/data/loaders/index.js';
import { listSources } from '../../../src/data/sources.js';

test('HH-RLHF test splits: 8,552 rows read, 36 with chosen == rejected', async () => {
  let read = 0;
  let same = 0;
  for (const id of HH_IDS) {
    const r = await loadHhRlhf(id);
    read += r.read;
    same += r.quarantined['chosen equals rejected'] ?? 0;
    assert.equal(r.kept + Object.values(r.quarantined).reduce((a, b) => a + b, 0), r.read, id);
  }
  assert.equal(read, 8552);
  assert.equal(same, 36);
});

test('GSM8K: 1,319 problems, 1,163 with at least one wrong model solution', async () => {
  const pairs = await loadGsm8kSolutions();
  assert.equal(pairs.read, 1319);
  assert.equal(pairs.kept, 1163);
  assert.deepEqual(pairs.quarantined, { 'no wrong model solution': 156 });
  const groups = await loadGsm8kGroups();
  assert.equal(groups.kept, 1319);
  assert.ok(groups.items.every((g) => g.responses.length === 5));
});

test('LLMBar eval subsets: 100 / 134 / 92 / 47 / 46 pairs with RewardBench subset keys', async () => {
  const counts: Record<string, number> = {};
  for (const id of Object.keys(LLMBAR_SUBSETS)) {
    const r = await loadLlmBar(id);
    for (const p of r.items) counts[p.subset!] = (counts[p.subset!] ?? 0) + 1;
  }
  assert.deepEqual(counts, {
    'llmbar-natural': 100,
    'llmbar-adver-neighbor': 134,
    'llmbar-adver-GPTInst': 92,
    'llmbar-adver-GPTOut': 47,
    'llmbar-adver-manual': 46,
  });
});

test('HumanEvalPack: 164 pairs per language', async () => {
  for (const lang of HEP_LANGUAGES) {
    const r = await loadHumanEvalPack(lang);
    assert.equal(r.kept, 164, lang);
    assert.ok(r.items.every((p) => p.subset === `hep-${lang}`));
  }
});

test('XSTest: 450 prompts x 5 completions; 161 should-respond and 161 should-refuse pairs', async () => {
  for (const m of XSTEST_MODELS) assert.equal((await loadXsTestCompletions(m)).kept, 450, m);
  const r = await loadXsTest();
  assert.equal(r.read, 450);
  const bySubset: Record<string, number> = {};
  for (const p of r.items) bySubset[p.subset!] = (bySubset[p.subset!] ?? 0) + 1;
  assert.deepEqual(bySubset, { 'xstest-should-respond': 161, 'xstest-should-refuse': 161 });
  assert.deepEqual(r.quarantined, {
    'safe prompt: no refusal completion': 88,
    'safe prompt: no compliant completion': 1,
    'unsafe prompt: no compliant completion': 39,
  });
});

test('AlpacaEval: 805 rows per file, 805 groups of 11 samples', async () => {
  assert.equal((await loadAlpacaEvalFile(7)).kept, 805);
  const g = await loadAlpacaEvalBestOfN();
  assert.equal(g.read, 805 * 11);
  assert.equal(g.kept, 805);
  assert.ok(g.items.every((x) => x.responses.length === 11));
});

test('JudgeBench: 350 + 270 pairs; reference scores for the 350 gpt-4o pairs', async () => {
  const gpt = await loadJudgeBench('judgebench-gpt4o');
  assert.equal(gpt.kept, 350);
  assert.equal((await loadJudgeBench('judgebench-claude')).kept, 270);
  const ids = new Set(gpt.items.map((p) => p.pair_id));
  for (const id of JUDGEBENCH_SCORE_IDS) {
    const s = await loadJudgeBenchRewardScores(id);
    assert.equal(s.kept, 350, id);
    assert.ok(
      s.items.every((x) => ids.has(x.pair_id)),
      id,
    );
  }
});

test('MT-Bench 80 two-turn questions; PandaLM 999 rows; RM-Bench and Magpie sizes', async () => {
  const q = await loadMtBenchQuestions();
  assert.equal(q.kept, 80);
  assert.ok(q.items.every((x) => x.turns.length === 2));
  assert.equal((await loadPandaLM()).read, 999);
  assert.deepEqual(
    await Promise.all(
      ['rmbench-chat', 'rmbench-code', 'rmbench-safety-refuse', 'rmbench-safety-response'].map(
        async (id) => (await loadRmBench(id)).kept,
      ),
    ),
    [129, 228, 284, 157],
  );
  assert.equal((await loadMagpiePo()).kept, 5);
});

test('the registry loads every id in data/sources.json', async () => {
  const ids = listSources().map((s) => s.id);
  assert.equal(ids.length, 52);
  assert.deepEqual([...loadableSourceIds()].sort(), [...ids].sort());
  assert.equal(sourceKind('magpie-po-example'), 'response-groups');
  const r = await loadSourceById('llmbar-adver-gptout');
  assert.equal(r.kept, 47);
  assert.throws(() => sourceKind('no-such-source'), /unknown source "no-such-source"/);
});
