// `rmw export bench`: the benchmark pairs an outside model scores, with stable ids, and score_pairs.py, the program
// that scores them. The program is run here against a stub `transformers` (one token per character, reward = number
// of tokens) where torch is importable, and against a tiny real transformers model where transformers is too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadJudgeBench } from '../../src/data/loaders/judgeBench.js';
import { exportBench } from '../../src/export/exportBench.js';
import { fromRoot } from '../../src/util/paths.js';
import { pythonWith, realMixFolder, tempDir } from './helpers.js';

interface Row {
  id: string;
  bench: string;
  subset: string;
  prompt: { role: string; content: string }[];
  chosen: string;
  rejected: string;
}
const readRows = (path: string): Row[] =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

test(
  'judgebench: 350 pairs keyed by pair_id, chosen = the labelled ' + 'response; same bytes twice, never overwritten',
  async () => {
    const dir = tempDir('bench');
    const out = join(dir, 'pairs.jsonl');
    const r = await exportBench({ bench: 'judgebench', out });
    assert.equal(r.pairs, 350);
    assert.deepEqual(r.bySubset, { knowledge: 154, reasoning: 98, math: 56, coding: 42 });
    const rows = readRows(out);
    const raw = (await loadJudgeBench('judgebench-gpt4o')).items;
    const byId = new Map(raw.map((p) => [p.pair_id, p]));
    assert.equal(new Set(rows.map((x) => x.id)).size, 350);
    for (const row of rows) {
      const p = byId.get(row.id)!;
      assert.equal(row.chosen, p.label === 'A>B' ? p.responseA : p.responseB);
      assert.equal(row.rejected, p.label === 'A>B' ? p.responseB : p.responseA);
      assert.deepEqual(row.prompt, [{ role: 'user', content: p.question }]);
    }
    assert.equal(readFileSync(r.script, 'utf8'), readFileSync(fromRoot('src/export/python/score_pairs.py'), 'utf8'));
    assert.equal((await exportBench({ bench: 'judgebench', out })).sha256, r.sha256); // identical: allowed
    writeFileSync(out, 'edited\n');
    await assert.rejects(exportBench({ bench: 'judgebench', out }), /exists and differs/);
    await assert.rejects(exportBench({ bench: 'nope', out: join(dir, 'x.jsonl') }), /must be one of rewardbench-lite/);
  },
);

test('rmbench: three same-style pairs per prompt; heldout: the mix held-out split, and only with a mix', async () => {
  const dir = tempDir('bench');
  const r = await exportBench({ bench: 'rmbench', out: join(dir, 'rm', 'pairs.jsonl') });
  const rows = readRows(r.out);
  assert.equal(rows.length % 3, 0);
  assert.deepEqual(
    rows.slice(0, 3).map((x) => x.id.replace(/^.*#/, '#')),
    ['#0', '#1', '#2'],
  );
  await assert.rejects(exportBench({ bench: 'heldout', out: join(dir, 'h.jsonl') }), /--mix <dir>/);
  const mix = await realMixFolder(10, 30);
  const h = await exportBench({ bench: 'heldout', out: join(dir, 'h.jsonl'), mixDir: mix.dir });
  assert.deepEqual(h.bySubset, { 'hh-helpful-base': 30 });
  assert.deepEqual(
    readRows(h.out).map((x) => x.id),
    mix.heldOut.map((p) => p.id),
  );
});

/** Rounds to bfloat16 (round to nearest even on the 16 dropped bits of a float32). */
function bf16(x: number): number {
  const f = new Float32Array([x]);
  const u = new Uint32Array(f.buffer);
  u[0] = (u[0] + 0x7fff + ((u[0] >> 16) & 1)) & 0xffff0000;
  return f[0];
}

test('score_pairs.py against a stub model: rewards, truncation, bf16, resume after a crash', async (t) => {
  const py = pythonWith(['torch']);
  if (!py) return t.skip('torch is not importable here: score_pairs.py not run against the stub model');
  const dir = tempDir('score');
  const r = await exportBench({ bench: 'judgebench', out: join(dir, 'all.jsonl') });
  const rows = readRows(r.out).slice(0, 20);
  const pairs = join(dir, 'pairs.jsonl');
  writeFileSync(pairs, rows.map((x) => `${JSON.stringify(x)}\n`).join(''));
  // The stub's chat text is "<role>content" per message; its reward counts the characters, capped at max length.
  const text = (row: Row, side: 'chosen' | 'rejected') =>
    [...row.prompt, { role: 'assistant', content: row[side] }].map((m) => `<${m.role}>${m.content}`).join('');
  const len = (s: string) => [...s].length;
  // Cap at the median length, so about half of the sequences are cut.
  const maxLength = rows.flatMap((x) => [len(text(x, 'chosen')), len(text(x, 'rejected'))]).sort((a, b) => a - b)[20];
  const env = {
    ...process.env,
    PYTHONPATH: fromRoot('tests/export/fixtures/stub-transformers'),
    PYTHONDONTWRITEBYTECODE: '1', // no __pycache__ inside the checkout
  };
  const run = (out: string, extra: string[]) =>
    spawnSync(py, [r.script, '--model', 'stub', '--pairs', pairs, '--out', out, '--device', 'cpu', ...extra], {
      env,
      encoding: 'utf8',
    });
  const out = join(dir, 'scores.jsonl');
  const first = run(out, ['--batch-size', '3', '--max-length', String(maxLength), '--dtype', 'fp32']);
  assert.equal(first.status, 0, first.stderr);
  const summary = JSON.parse(first.stdout.trim().split('\n').pop()!);
  const cut = rows.flatMap((x) => [text(x, 'chosen'), text(x, 'rejected')]).filter((s) => len(s) > maxLength).length;
  assert.deepEqual([summary.pairs, summary.scored_now, summary.sequences_cut_at_max_length], [20, 20, cut]);
  assert.ok(cut > 0 && cut < 40);
  const lines = readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    lines.map((l) => [l.id, l.chosen, l.rejected]),
    rows.map((x) => [x.id, Math.min(len(text(x, 'chosen')), maxLength), Math.min(len(text(x, 'rejected')), maxLength)]),
  );
  // Rerun: nothing to do, file unchanged.
  const before = readFileSync(out, 'utf8');
  const again = run(out, ['--max-length', String(maxLength), '--dtype', 'fp32']);
  assert.equal(JSON.parse(again.stdout.trim()).scored_now, 0);
  assert.equal(readFileSync(out, 'utf8'), before);
  // A crash mid-line: the unfinished line is dropped and the rest scored, in bf16 this time.
  const crashed = join(dir, 'crashed.jsonl');
  const keep = before.split('\n').slice(0, 5).join('\n');
  writeFileSync(crashed, `${keep}\n${before.split('\n')[5].slice(0, 17)}`);
  const resumed = run(crashed, ['--batch-size', '4', '--max-length', String(maxLength)]);
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.match(resumed.stderr, /dropped an unfinished last line/);
  const after = readFileSync(crashed, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    after.map((l) => l.id),
    rows.map((x) => x.id),
  );
  for (const [i, l] of after.entries()) {
    if (i < 5) continue;
    assert.equal(l.chosen, bf16(Math.min(len(text(rows[i], 'chosen')), maxLength)));
    assert.equal(l.rejected, bf16(Math.min(len(text(rows[i], 'rejected')), maxLength)));
  }
  // A bad line in the middle is not guessed at.
  writeFileSync(crashed, `{"id": "x", "chosen": 1, "rejected": 0, "model": "stub", "revision": null}\nnot json\n`);
  const bad = run(crashed, []);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /line 2: not a score line/);
});

const TINY_MODEL = `
import sys, torch
from tokenizers import Tokenizer, models, pre_tokenizers
from transformers import LlamaConfig, LlamaForSequenceClassification, PreTrainedTokenizerFast
out = sys.argv[1]
vocab = {"<pad>": 0, "<unk>": 1, "</s>": 2}
for w in "user assistant the a of to is and in that it you".split():
    vocab[w] = len(vocab)
tok = Tokenizer(models.WordLevel(vocab=vocab, unk_token="<unk>"))
tok.pre_tokenizer = pre_tokenizers.Whitespace()
fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="<unk>", eos_token="</s>")
fast.chat_template = "{% for m in messages %}{{ m['role'] }} {{ m['content'] }} {% endfor %}"
fast.save_pretrained(out)
torch.manual_seed(0)
cfg = LlamaConfig(vocab_size=len(vocab), hidden_size=16, intermediate_size=32, num_hidden_layers=1,
                  num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=4096, num_labels=1)
LlamaForSequenceClassification(cfg).save_pretrained(out)
`;

test('score_pairs.py with real transformers: a tiny Llama scores pairs the same in any batch size', async (t) => {
  const py = pythonWith(['torch', 'transformers', 'tokenizers']);
  if (!py) return t.skip('transformers is not importable here: score_pairs.py not run against a real model');
  const dir = tempDir('tiny');
  const model = join(dir, 'model');
  const made = spawnSync(py, ['-c', TINY_MODEL, model], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  const r = await exportBench({ bench: 'judgebench', out: join(dir, 'all.jsonl') });
  const pairs = join(dir, 'pairs.jsonl');
  writeFileSync(pairs, readFileSync(r.out, 'utf8').split('\n').slice(0, 12).join('\n') + '\n');
  const score = (out: string, batch: string) => {
    const res = spawnSync(
      py,
      [
        r.script,
        '--model',
        model,
        '--pairs',
        pairs,
        '--out',
        out,
        '--batch-size',
        batch,
        '--dtype',
        'fp32',
        '--device',
        'cpu',
        '--max-length',
        '512',
      ],
      { encoding: 'utf8' },
    );
    assert.equal(res.status, 0, res.stderr);
    return readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
  };
  const one = score(join(dir, 's1.jsonl'), '1');
  const four = score(join(dir, 's4.jsonl'), '4');
  assert.equal(one.length, 12);
  for (const [i, l] of one.entries()) {
    assert.ok(Number.isFinite(l.chosen) && Number.isFinite(l.rejected));
    assert.ok(Math.abs(l.chosen - four[i].chosen) < 1e-4 && Math.abs(l.rejected - four[i].rejected) < 1e-4, l.id);
  }
});
