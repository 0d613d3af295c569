// score_pairs.py against the stub `transformers` (tests/export/fixtures/stub-transformers: one token per character,
// the value head gives the count of real tokens so far, EOS "</s>" has the pad id): the reward is read where the
// model was trained (reward_position.json in the model folder, or --reward-token), conversations are made to
// alternate for a template without a system role, long sequences lose the start of the prompt, a scores file of
// another model revision is refused, and a NaN reward is never written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../../src/util/paths.js';
import { pythonWith, tempDir } from './helpers.js';

const SCRIPT = fromRoot('src/export/python/score_pairs.py');
type Msg = { role: string; content: string };
const pair = (id: string, prompt: Msg[], chosen: string, rejected: string) => ({
  id,
  bench: 't',
  subset: 's',
  prompt,
  chosen,
  rejected,
});
const PAIRS = [
  pair('a', [{ role: 'user', content: 'What is two plus two?' }], 'Four.', 'Five, roughly.'),
  pair(
    'b',
    [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Name a colour.' },
      { role: 'user', content: 'Only one.' },
    ],
    'Blue.',
    'Red and green.',
  ),
];
/** The stub template's text: "<role>content" per message. */
const chat = (msgs: Msg[]) => msgs.map((m) => `<${m.role}>${m.content}`).join('');
const ids = (s: string) => [...s].map((c) => 1 + (c.codePointAt(0)! % 997));

function setup() {
  const dir = tempDir('sp');
  const pairs = join(dir, 'pairs.jsonl');
  writeFileSync(pairs, PAIRS.map((p) => `${JSON.stringify(p)}\n`).join(''));
  return { dir, pairs };
}

function run(py: string, args: string[], env: Record<string, string> = {}) {
  const res = spawnSync(py, [SCRIPT, '--device', 'cpu', '--dtype', 'fp32', ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      PYTHONPATH: fromRoot('tests/export/fixtures/stub-transformers'),
      PYTHONDONTWRITEBYTECODE: '1',
      ...env,
    },
  });
  const lastLine = res.stdout.trim().split('\n').pop() ?? '';
  return { ...res, summary: lastLine.startsWith('{') ? JSON.parse(lastLine) : undefined };
}

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

test(
  'score_pairs.py: reward at the trained token, roles for the template, model per line, left ' + 'truncation',
  async (t) => {
    const py = pythonWith(['torch']);
    if (!py) return t.skip('torch is not importable here: score_pairs.py not run against the stub model');
    const { dir, pairs } = setup();
    const texts = {
      a: [chat([...PAIRS[0].prompt, { role: 'assistant', content: 'Four.' }])],
      // system turn kept first; the two user turns merged with a blank line
      b: chat([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Name a colour.\n\nOnly one.' },
        { role: 'assistant', content: 'Blue.' },
      ]),
    };

    // An OpenRLHF-trained model folder: reward_position.json says "eos", so " </s>" is appended and read there.
    const orl = join(dir, 'orl-model');
    mkdirSync(orl);
    writeFileSync(join(orl, 'reward_position.json'), JSON.stringify({ rewardToken: 'eos' }));
    const eos = run(py, ['--model', orl, '--pairs', pairs, '--out', join(dir, 'eos.jsonl')]);
    assert.equal(eos.status, 0, eos.stderr);
    assert.equal(eos.summary.reward_token, 'eos');
    const got = lines(join(dir, 'eos.jsonl'));
    // text + " " + EOS: two more tokens than the text; pooling by pad id would have read one fewer (the space)
    assert.equal(got[0].chosen, [...texts.a[0]].length + 2);
    assert.equal(got[1].chosen, [...texts.b].length + 2);
    assert.deepEqual([got[0].model, got[0].revision], [orl, null]);
    // The same folder read at the last non-pad token, as a TRL model would be: the template text alone.
    const lnp = run(py, [
      '--model',
      orl,
      '--pairs',
      pairs,
      '--out',
      join(dir, 'lnp.jsonl'),
      '--reward-token',
      'last-non-pad',
    ]);
    assert.equal(lnp.status, 0, lnp.stderr);
    assert.equal(lines(join(dir, 'lnp.jsonl'))[0].chosen, [...texts.a[0]].length);

    // A Gemma-style template: no system role (merged into the user turn), eager attention on the CPU.
    const gem = run(py, ['--model', 'stub-gemma', '--pairs', pairs, '--out', join(dir, 'gem.jsonl')]);
    assert.equal(gem.status, 0, gem.stderr);
    assert.deepEqual(
      [gem.summary.system_turn, gem.summary.attn_implementation],
      ['merged into the next user turn', 'eager'],
    );
    const gemText = chat([
      { role: 'user', content: 'Be brief.\n\nName a colour.\n\nOnly one.' },
      { role: 'assistant', content: 'Blue.' },
    ]);
    assert.equal(lines(join(dir, 'gem.jsonl'))[1].chosen, [...gemText].length);

    // Resuming into the file of another revision is refused.
    const r1 = join(dir, 'r.jsonl');
    assert.equal(run(py, ['--model', 'stub', '--revision', 'r1', '--pairs', pairs, '--out', r1]).status, 0);
    const other = run(py, ['--model', 'stub', '--revision', 'r2', '--pairs', pairs, '--out', r1]);
    assert.notEqual(other.status, 0);
    assert.match(other.stderr, /line 1: scored by model 'stub' \(revision 'r1'\), not 'stub' \(revision 'r2'\)/);

    // Too long: the start of the prompt goes, the end of the response stays.
    const log = join(dir, 'inputs.jsonl');
    const cutAt = 12;
    const cut = run(
      py,
      ['--model', 'stub', '--pairs', pairs, '--out', join(dir, 'cut.jsonl'), '--max-length', String(cutAt)],
      {
        STUB_INPUT_LOG: log,
      },
    );
    assert.equal(cut.status, 0, cut.stderr);
    assert.equal(cut.summary.sequences_cut_at_max_length, 4);
    const seen = lines(log);
    assert.deepEqual(seen[0], ids(texts.a[0]).slice(-cutAt));
  },
);

test('score_pairs.py: a NaN reward is not written, the run exits 1, a rerun tries the pair again', async (t) => {
  const py = pythonWith(['torch']);
  if (!py) return t.skip('torch is not importable here: score_pairs.py not run against the stub model');
  const { dir } = setup();
  const pairs = join(dir, 'nan.jsonl');
  const rows = [PAIRS[0], pair('n', [{ role: 'user', content: 'x' }], 'the stub gives \u2205 a NaN', 'fine')];
  writeFileSync(pairs, rows.map((p) => `${JSON.stringify(p)}\n`).join(''));
  const out = join(dir, 'scores.jsonl');
  const first = run(py, ['--model', 'stub', '--pairs', pairs, '--out', out]);
  assert.equal(first.status, 1);
  assert.equal(first.summary.nan_pairs, 1);
  assert.match(first.stderr, /1 pairs got a NaN reward and were not written \(first: 'n'\)/);
  assert.deepEqual(
    lines(out).map((l) => l.id),
    ['a'],
  );
  const again = run(py, ['--model', 'stub', '--pairs', pairs, '--out', out]);
  assert.deepEqual([again.status, again.summary.already_scored, again.summary.nan_pairs], [1, 1, 1]);
});
