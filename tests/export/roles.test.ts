// Conversations as chat templates take them: the rule (roleOrder.ts) on tiny cases with the exact result, a job whose
// mix holds offending rows (merged or dropped, counted in DATA_CARD.md, none left in the exported files), every
// exported benchmark alternating, and every generated program compiling.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readParquetRecords } from '../../src/data/read/parquet.js';
import type { Message, PreferencePair } from '../../src/data/schema.js';
import { exportBench } from '../../src/export/exportBench.js';
import { exportJob } from '../../src/export/exportJob.js';
import { alternatePrompt, alternates } from '../../src/export/roleOrder.js';
import { hhPairs } from '../train/hhFixture.js';
import { pythonWith, tempDir, writeMixFiles } from './helpers.js';

const u = (content: string): Message => ({ role: 'user', content });
const a = (content: string): Message => ({ role: 'assistant', content });
const s = (content: string): Message => ({ role: 'system', content });

test('the rule: same-role runs merged, system placed as the template allows, the rest dropped with a reason', () => {
  assert.deepEqual(alternatePrompt([s('S'), u('A'), u('B')], { systemRole: true }), {
    prompt: [s('S'), u('A\n\nB')],
    fixes: ['merged-same-role'],
  });
  assert.deepEqual(alternatePrompt([s('S'), u('A'), u('B')], { systemRole: false }), {
    prompt: [u('S\n\nA\n\nB')],
    fixes: ['merged-system-into-user', 'merged-same-role'],
  });
  assert.deepEqual(alternatePrompt([u('A'), a('B'), s('S'), u('C')], { systemRole: true }), {
    prompt: [u('A'), a('B'), u('S\n\nC')],
    fixes: ['merged-system-into-user'],
  });
  assert.deepEqual(alternatePrompt([u('A'), a('B'), u('C')], { systemRole: false }), {
    prompt: [u('A'), a('B'), u('C')],
    fixes: [],
  });
  assert.deepEqual(alternatePrompt([a('A'), u('B')], { systemRole: true }), { drop: 'starts-with-assistant' });
  assert.deepEqual(alternatePrompt([u('A'), a('B')], { systemRole: true }), { drop: 'prompt-ends-with-assistant' });
  assert.deepEqual(alternatePrompt([s('S')], { systemRole: true }), { drop: 'no-user-turn' });
  assert.equal(alternates([s('S'), u('A')], { systemRole: true }), true);
  assert.equal(alternates([s('S'), u('A')], { systemRole: false }), false);
  assert.equal(alternates([u('A'), u('B')], { systemRole: true }), false);
});

/** The exported file's conversations (chosen column) as message lists. */
async function conversations(file: string): Promise<Message[][]> {
  return (await readParquetRecords(file)).map((r) => (r.value as { chosen: Message[] }).chosen);
}

test('a Gemma job: offending rows merged or dropped, counted in the data card; the files alternate', async () => {
  const real = await hhPairs('hh-helpful-base', 30);
  const odd = (id: string, prompt: Message[]): PreferencePair => ({ ...real[0], id, prompt });
  const train = [
    ...real.slice(0, 20),
    odd('odd:users', [u('Hello.'), u('Are you there?')]),
    odd('odd:system', [s('Answer briefly.'), u('Why is the sky blue?')]),
    odd('odd:assistant-first', [a('Hi, how can I help?'), u('Tell me a joke.')]),
  ];
  const heldOut = [...real.slice(20), odd('odd:ends-assistant', [u('Hi.'), a('Hello!')])];
  const dir = join(tempDir('mix'), 'mix');
  writeMixFiles(dir, train, heldOut);
  const out = join(tempDir('job'), 'job');
  const r = await exportJob({ engine: 'openrlhf', mixDir: dir, outDir: out, baseModel: 'gemma-2-27b' });
  assert.equal(r.roles.train.rows, 23);
  assert.equal(r.roles.train.kept, 22);
  assert.deepEqual(r.roles.train.dropped, { 'starts-with-assistant': 1 });
  assert.deepEqual(r.roles.train.fixed, { 'merged-same-role': 1, 'merged-system-into-user': 1 });
  assert.deepEqual([r.roles.eval!.rows, r.roles.eval!.kept], [11, 10]);
  for (const f of ['data/train.parquet', 'data/eval.parquet'])
    for (const conv of await conversations(join(out, f)))
      assert.ok(
        alternates(conv.slice(0, -1), { systemRole: false }),
        `${f}: ${JSON.stringify(conv.map((m) => m.role))}`,
      );
  const rows = await conversations(join(out, 'data/train.parquet'));
  assert.deepEqual(rows[20].slice(0, -1), [u('Hello.\n\nAre you there?')]);
  assert.deepEqual(rows[21].slice(0, -1), [u('Answer briefly.\n\nWhy is the sky blue?')]);
  const card = readFileSync(join(out, 'DATA_CARD.md'), 'utf8');
  assert.match(card, /training \(data\/train\.parquet\): 23 rows checked .* 22 kept\./);
  assert.match(card, /- 1 dropped: the conversation opens with an assistant turn .*\(e\.g\. odd:assistant-first\)/);
  assert.match(card, /- 1 dropped: the prompt ends with an assistant turn.*\(e\.g\. odd:ends-assistant\)/);
  // Llama's template takes the system turn first: kept as it is.
  const llama = join(tempDir('job'), 'job');
  const l = await exportJob({ engine: 'trl', mixDir: dir, outDir: llama, baseModel: 'llama-3.1-8b' });
  assert.deepEqual(l.roles.train.fixed, { 'merged-same-role': 1 });
  assert.deepEqual((await conversations(join(llama, 'data/train.parquet')))[21].slice(0, -1), [
    s('Answer briefly.'),
    u('Why is the sky blue?'),
  ]);
});

test('every exported benchmark alternates; the generated programs compile and the scripts parse', async (t) => {
  const dir = tempDir('benches');
  const py = pythonWith([]);
  for (const bench of ['rewardbench-lite', 'rmbench', 'judgebench']) {
    const r = await exportBench({ bench, out: join(dir, bench, 'pairs.jsonl') });
    const rows = readFileSync(r.out, 'utf8')
      .trim()
      .split('\n')
      .map((x) => JSON.parse(x) as { prompt: Message[] });
    for (const row of rows) assert.ok(alternates(row.prompt, { systemRole: true }), bench);
    assert.equal(r.roles.kept, r.pairs);
    if (bench === 'rewardbench-lite') assert.deepEqual(r.roles.fixed, { 'merged-same-role': 2 });
    if (py)
      assert.equal(
        spawnSync(py, ['-m', 'py_compile', r.script], { env: { ...process.env, PYTHONPYCACHEPREFIX: dir } }).status,
        0,
      );
  }
  const job = join(tempDir('job'), 'job');
  const mix = join(tempDir('mix'), 'mix');
  writeMixFiles(mix, await hhPairs('hh-helpful-base', 8), []);
  await exportJob({ engine: 'trl', mixDir: mix, outDir: job, baseModel: 'qwen2.5-0.5b' });
  assert.equal(spawnSync('bash', ['-n', join(job, 'launch.sh')]).status, 0);
  if (!py) return t.skip('no Python here: py_compile not run');
  const compiled = spawnSync(py, ['-m', 'py_compile', join(job, 'train_reward_model.py')], {
    env: { ...process.env, PYTHONPYCACHEPREFIX: dir },
  });
  assert.equal(compiled.status, 0, compiled.stderr?.toString());
});
