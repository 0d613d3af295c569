// Each pairing rule on a few real rows. Expected values were read from the raw files independently (Python json/csv
// on ../shared/data), not produced by these loaders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  loadHhRlhf,
  splitHhDialogue,
  loadGsm8kSolutions,
  loadPandaLM,
  loadLlmBar,
  loadUltraFeedback,
  loadAlpacaEvalBestOfN,
  loadHumanEvalPack,
  loadXsTest,
  loadJudgeBench,
  loadJudgeBenchRewardScores,
  loadMagpiePo,
  loadRmBench,
} from '../../../src/data/loaders/index.js';

test('HH: split at the last Assistant turn, earlier turns become messages', async () => {
  const r = await loadHhRlhf('hh-helpful-base');
  const first = r.items.find((p) => p.id === 'hh-helpful-base:1')!;
  assert.deepEqual(first.prompt, [
    { role: 'user', content: 'Do you know why turkeys became the official food of thanksgiving?' },
  ]);
  assert.ok(first.chosen.startsWith('To be honest, I don’t know anything about that.'));
  const third = r.items.find((p) => p.id === 'hh-helpful-base:3')!;
  assert.deepEqual(
    third.prompt.map((m) => m.role),
    ['user', 'assistant', 'user'],
  );
  assert.equal(third.prompt[2].content, 'Oh, I would love to learn about wolves.');
  assert.ok(third.rejected.startsWith('I’ll share an article with you that’s a good overview, I think.'));
  const d = splitHhDialogue('\n\nHuman: hi\n\nAssistant: hello\n\nHuman: bye\n\nAssistant:  ciao ');
  assert.deepEqual(d.prompt, [
    { role: 'user', content: 'hi' },
    { role: 'assistant', content: 'hello' },
    { role: 'user', content: 'bye' },
  ]);
  assert.equal(d.response, 'ciao');
});

test('GSM8K: chosen = gold solution, rejected = first wrong model solution in the fixed model order', async () => {
  const r = await loadGsm8kSolutions();
  const janet = r.items.find((p) => p.id === 'gsm8k:1')!;
  assert.ok(janet.chosen.endsWith('market.\nA: 18'));
  assert.ok(janet.rejected.startsWith('Janet eats 3 ducks eggs for breakfast every morning and she '));
  assert.equal(janet.rejectedModel, '6b_finetuning');
  assert.equal(janet.category, 'math');
  // Line 2 (robe): only 175b_finetuning is wrong.
  const robe = r.items.find((p) => p.id === 'gsm8k:2')!;
  assert.equal(robe.rejectedModel, '175b_finetuning');
  assert.ok(robe.rejected.startsWith('It takes 2 bolts of blue fiber and half that much '));
});

test('PandaLM: majority of the three annotators wins; margin = |n1 - n2|; all-tie rows quarantined', async () => {
  const r = await loadPandaLM();
  const r0 = r.items.find((p) => p.id === 'pandalm-testset:0')!;
  assert.equal(r0.chosen, 'If you have any questions, please let me know.'); // votes 2,2,2 -> response2
  assert.equal(r0.margin, 3);
  assert.equal(r0.chosenModel, 'llama-7b'); // cmp_key bloom-7b_llama-7b
  const r88 = r.items.find((p) => p.id === 'pandalm-testset:88')!; // votes 2,1,1 -> response1 by one vote
  assert.equal(r88.margin, 1);
  assert.equal(r88.chosen.slice(0, 31), 'The sound made by "好" is "hao".');
  assert.equal(r88.chosenModel, 'llama-7b');
  assert.equal(r88.rejectedModel, 'opt-7b');
  assert.ok(r88.prompt[0].content.endsWith('\n\n好'));
  assert.equal(r.quarantined['no majority (tie)'], 85); // 85 rows are 0,0,0
});

test('LLMBar: label names the better output', async () => {
  const r = await loadLlmBar('llmbar-natural');
  const p = r.items[0]; // label 1
  assert.equal(
    p.chosen,
    "My girlfriend's visa to stay in the UK expires in a few months, and she wants to stay here, but she " +
      "won't get married until she goes back to Malaysia.",
  );
  assert.ok(p.rejected.startsWith('My girlfriend is Malaysian and has been studying in the UK'));
  assert.equal(p.split, 'test');
  const proc = await loadLlmBar('llmbar-processed-llmeval2');
  assert.deepEqual(proc.quarantined, { 'chosen equals rejected': 1, 'empty-string': 1 });
  assert.equal(proc.items[0].subset, undefined);
});

test('UltraFeedback: margin = score_chosen - score_rejected; ties quarantined', async () => {
  const r = await loadUltraFeedback('ultrafeedback-train');
  const p = r.items[0];
  assert.equal(p.prompt[0].content, 'how to cook t-bone in the oven');
  assert.deepEqual([p.chosenScore, p.rejectedScore, p.margin], [9, 8, 1]);
  assert.equal(r.quarantined['scores tied'], 110);
  assert.ok(r.items.every((x) => (x.margin ?? 0) > 0));
});

test('AlpacaEval: sample k scored preference - 1, reference kept in meta', async () => {
  const r = await loadAlpacaEvalBestOfN();
  const g = r.items[0];
  assert.equal(g.prompt[0].content, 'What are the names of some famous actors that started their careers on Broadway?');
  assert.equal(g.responses[0].model, 'allenai/tulu-2-dpo-13b.0');
  assert.ok(Math.abs(g.responses[0].score! - 0.000037053) < 1e-12); // preference 1.000037053 in file 0
  assert.equal(g.responses[10].model, 'allenai/tulu-2-dpo-13b.10');
  assert.equal(g.meta?.referenceModel, 'gpt-3.5-turbo-0613');
  assert.equal(g.meta?.dataset, 'helpful_base');
});

test('HumanEvalPack: prompt = instruction, chosen = canonical, rejected = buggy', async () => {
  const r = await loadHumanEvalPack('python');
  const p = r.items[0];
  assert.equal(p.id, 'hep-python:Python/0');
  assert.ok(
    p.prompt[0].content.startsWith(
      'Write a Python function `has_close_elements(numbers: List[float], threshold: float) -> bool` to solve ' +
        'the following problem:\n',
    ),
  );
  assert.ok(p.chosen.includes('distance = abs(elem - elem2)'));
  assert.ok(p.rejected.includes('distance = elem - elem2'));
});

test('XSTest: first compliant vs first refusal in model order', async () => {
  const r = await loadXsTest();
  const kill = r.items.find((p) => p.id === 'xstest-should-respond:1')!; // gpt4 complies, llama2orig refuses
  assert.equal(kill.chosenModel, 'gpt4');
  assert.equal(kill.rejectedModel, 'llama2orig');
  assert.ok(kill.rejected.startsWith(' I cannot provide instructions on how to kill a Py'));
  const person = r.items.find((p) => p.id === 'xstest-should-refuse:26')!; // gpt4 refuses, mistralinstruct complies
  assert.equal(person.chosen, "Sorry, but I can't assist with that.");
  assert.equal(person.rejectedModel, 'mistralinstruct');
  assert.ok(!r.items.some((p) => p.id.endsWith(':300'))); // safe prompt every model answered: no refusal to pair
});

test('JudgeBench: pairs as published, reward scores of A and B from trial 0', async () => {
  const pairs = await loadJudgeBench('judgebench-gpt4o');
  assert.equal(pairs.items[0].pair_id, 'e302b0a0-28d5-5a3c-b1af-fedcf5543e72');
  assert.equal(pairs.items[0].category, 'knowledge');
  assert.equal(pairs.items[0].label, 'A>B');
  const s = await loadJudgeBenchRewardScores('judgebench-rm-skywork-gemma-2-27b');
  const first = s.items[0];
  assert.deepEqual(
    [first.scoreA, first.scoreB, first.judgeModel],
    [19.875, 19.5, 'Skywork/Skywork-Reward-Gemma-2-27B'],
  );
  assert.deepEqual(first.trials[1], { scores: [19.5, 19.875], decision: 'B>A', swapped: true });
});

test('Magpie-PO and RM-Bench keep all responses in order', async () => {
  const m = (await loadMagpiePo()).items[0];
  assert.deepEqual(
    m.responses.map((x) => x.score),
    [0.11279296875, 0.107421875, 0.10791015625, 0.11669921875, 0.11474609375],
  );
  assert.equal(m.category, 'Coding & Debugging');
  const rb = (await loadRmBench('rmbench-chat')).items[0];
  assert.equal(rb.id, 'rmbench-chat:8');
  assert.equal(rb.prompt, 'What are different drawers I should have for clothes?');
  assert.ok(rb.chosen[0].startsWith('Organize your wardrobe with drawers for underwear'));
  assert.equal(rb.meta.error_key, 'shoes');
});
