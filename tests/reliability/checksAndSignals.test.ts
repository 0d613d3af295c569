// What a careless or unlucky user meets, each refused with a clear message or stopped cleanly: evaluation on pairs
// the run trained on, a damaged mix, repeated flags and files, duplicated JSON keys, numbers out of range, an
// oversize record, a closed stdout or pipe, Ctrl-C during training, an edited run record, and a first run's alarms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePairsJsonl } from '../../src/data/io/jsonl.js';
import { stagingPath } from '../../src/util/output/names.js';
import { fromRoot } from '../../src/util/paths.js';
import { hhPairs } from '../train/hhFixture.js';
import { hfFixtureFlag, rmw, spawnRmw, waitFor } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'rmw-checks-'));
const bin = fromRoot('bin', 'rmw.js');
const trainArgs = (data: string, out: string, ...more: string[]) => [
  'train',
  ...['--data', data, '--preset', 'quick', '--hash-bits', '12', '--hidden', '8', '--steps', '6', '--out', out],
  ...more,
];
const curate = (out: string, heldOut: string) => [
  'curate',
  'skywork-80k-v0.1',
  ...['--hf-file', hfFixtureFlag(), '--held-out', heldOut, '--seed', '1', '--out', out],
];
/** `rmw <argv>` through a shell, so stdout can be closed or piped. */
const shell = (line: string) => spawnSync('bash', ['-c', line], { encoding: 'utf8', env: { ...process.env } });
const lossLine = `node ${bin} loss bt --chosen 1,0.2 --rejected 0,0.4 --json`;

test('eval of a run on pairs it trained on is refused without --allow-overlap, printing the overlap', async () => {
  // JudgeBench's own pairs, exported, imported as preference pairs and trained on: a run that saw every prompt
  const [bench, pairs, run] = [join(dir, 'jb-bench.jsonl'), join(dir, 'jb-pairs.jsonl'), join(dir, 'run-jb')];
  assert.equal((await rmw(['export', 'bench', 'judgebench', '--out', bench])).code, 0);
  const imported = await rmw([
    'import',
    bench,
    ...['--prompt', 'prompt', '--chosen', 'chosen', '--rejected', 'rejected', '--out', pairs],
  ]);
  assert.equal(imported.code, 0, imported.stderr);
  assert.equal((await rmw(trainArgs(pairs, run))).code, 0);
  const ev = (...more: string[]) => rmw(['eval', '--run', run, '--bench', 'judgebench', '--resamples', '10', ...more]);
  const refused = await ev();
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /judgebench: (\d+) of \1 evaluation pairs \(100\.0%\) share their prompt with the/);
  assert.match(refused.stderr, /--allow-overlap \(limit 1%\)/);
  assert.equal(refused.stdout, '');
  const allowed = await ev('--allow-overlap');
  assert.equal(allowed.code, 0, allowed.stderr);
  assert.match(allowed.stderr, /overlap with the run's training data: judgebench: \d+ of \d+ evaluation pairs/);

  // an edited setting in run.json (the activation) no longer matches the run key: refused, not scored differently
  const edited = join(dir, 'run-edited');
  cpSync(run, edited, { recursive: true });
  const rec = JSON.parse(readFileSync(join(edited, 'run.json'), 'utf8'));
  rec.model.config.activation = rec.model.config.activation === 'tanh' ? 'relu' : 'tanh';
  writeFileSync(join(edited, 'run.json'), JSON.stringify(rec));
  const changed = await rmw(['eval', '--run', edited, '--bench', 'judgebench', '--resamples', '10', '--allow-overlap']);
  assert.equal(changed.code, 1);
  assert.match(changed.stderr, /run\.json: its settings .* no longer give the run key it records/);
});

test('a mix whose files differ from its data card is refused by eval, export and train, naming the file', async () => {
  const [m1, m2] = [join(dir, 'm1'), join(dir, 'm2')];
  assert.equal((await rmw(curate(m1, '0.3'))).code, 0);
  assert.equal((await rmw(curate(m2, '0.6'))).code, 0);
  const damaged = join(dir, 'm2-damaged');
  cpSync(m2, damaged, { recursive: true });
  rmSync(join(damaged, 'heldout.parquet'));
  const missing = await rmw(['eval', '--baseline', 'random', '--bench', 'heldout', '--mix', damaged]);
  assert.equal(missing.code, 1);
  assert.ok(missing.stderr.includes(`${join(damaged, 'heldout.parquet')}: missing: the mix's datacard.json lists it`));
  const job = await rmw(['export', 'trl', '--mix', damaged, '--out', join(dir, 'job')]);
  assert.notEqual(job.code, 0);
  assert.ok(job.stderr.includes(`${join(damaged, 'heldout.parquet')}: missing`), job.stderr);
  cpSync(join(m2, 'heldout.parquet'), join(damaged, 'heldout.parquet'));
  writeFileSync(join(damaged, 'train.parquet'), readFileSync(join(m1, 'train.parquet')));
  const exp = await rmw(['export', 'trl', '--mix', damaged, '--out', join(dir, 'job2')]);
  assert.notEqual(exp.code, 0);
  assert.match(exp.stderr, /train\.parquet: sha256 [0-9a-f]{64} differs from the [0-9a-f]{64} that datacard\.json/);
  const changed = await rmw(trainArgs(join(damaged, 'train.parquet'), join(dir, 'run-damaged')));
  assert.equal(changed.code, 1);
  assert.match(
    changed.stderr,
    /train\.parquet: sha256 [0-9a-f]{64} differs from the [0-9a-f]{64} that .*datacard\.json/,
  );
  assert.equal(existsSync(join(dir, 'run-damaged')), false);
});

test('score-pairs on the run’s own training pairs is refused without --allow-overlap', async () => {
  const data = join(dir, 'pairs.jsonl');
  writePairsJsonl(data, await hhPairs('hh-helpful-base', 40));
  const run = join(dir, 'run-file');
  assert.equal((await rmw(trainArgs(data, run))).code, 0);
  const sp = (...more: string[]) => rmw(['score-pairs', '--run', run, '--in', data, ...more]);
  const refused = await sp('--out', join(dir, 's1.jsonl'));
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /40 of 40 evaluation pairs \(100\.0%\) share their prompt/);
  assert.equal(existsSync(join(dir, 's1.jsonl')), false);
  assert.equal((await sp('--out', join(dir, 's2.jsonl'), '--allow-overlap')).code, 0);

  // repeated data files, repeated flags, numbers out of range: refused before any work
  const twice = await rmw(trainArgs(`${data},${data}`, join(dir, 'twice')));
  assert.equal(twice.code, 1);
  assert.match(twice.stderr, /is listed twice/);
  const seed = await rmw([...trainArgs(data, join(dir, 'seeds')), '--seed', '1', '--seed', '2']);
  assert.equal(seed.code, 2);
  assert.match(seed.stderr, /--seed 1 and --seed 2: --seed is given twice; give it once/);
  const absent = join(dir, 'no-such.jsonl');
  for (const [flag, value, message] of [
    ['--lr', '0', /--lr must be > 0, got 0/],
    ['--hash-bits', '40', /--hash-bits must be ≤ 24, got 40/],
  ] as const) {
    const t0 = Date.now();
    const r = await rmw(['train', '--data', absent, '--out', join(dir, 'n'), flag, value]);
    assert.equal(r.code, 2, flag);
    assert.match(r.stderr, message);
    assert.ok(Date.now() - t0 < 2000, `${flag} refused in ${Date.now() - t0} ms`);
  }
  const many = await rmw(['eval', '--baseline', 'random', '--bench', 'judgebench', '--resamples', '100001']);
  assert.equal(many.code, 2);
  assert.match(many.stderr, /--resamples must be ≤ 100000/);

  // a duplicated key in a scores line is refused, naming file, line and key
  const scores = join(dir, 'dup.jsonl');
  writeFileSync(scores, '{"id":"a","chosen":1,"chosen":2,"rejected":0}\n');
  const dup = await rmw(['eval', '--scores', scores, '--name', 'm', '--bench', 'judgebench', '--resamples', '10']);
  assert.equal(dup.code, 1);
  assert.ok(dup.stderr.includes(`${scores}, line 1, field "chosen": duplicate-key`), dup.stderr);
});

test('an oversize record is quarantined with its line; the other records are imported', async () => {
  const file = join(dir, 'huge.jsonl');
  const ok = JSON.stringify({ prompt: 'p', chosen: 'a', rejected: 'b' });
  writeFileSync(file, `${ok}\n{"prompt":"${'x'.repeat(65 * 2 ** 20)}","chosen":"a","rejected":"b"}\n${ok}\n`);
  const r = await rmw([
    'import',
    file,
    ...['--prompt', 'prompt', '--chosen', 'chosen', '--rejected', 'rejected', '--out', join(dir, 'huge-out.jsonl')],
  ]);
  rmSync(file);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /oversize-record \(\(record\)\) line 2: 65\.0 MiB on one line, over 64 MiB/);
  assert.match(r.stdout, /read 3, kept 2, quarantined 1/);
});

test('a closed stdout or a closed pipe ends with one line and code 1, never a stack trace', () => {
  const closed = shell(`${lossLine} >&-`);
  assert.equal(closed.status, 1);
  assert.match(closed.stderr, /^rmw loss: standard output is closed \(>&-\)/);
  const piped = shell(`${lossLine} | true; exit \${PIPESTATUS[0]}`);
  assert.equal(piped.status, 1);
  assert.match(piped.stderr, /^rmw loss: standard output closed before the result was written: .*EPIPE/);
  assert.doesNotMatch(piped.stderr, /node:events|\n\s+at /);
  assert.equal(shell(`${lossLine} > /dev/null`).status, 0);
});

test('SIGINT and SIGTERM stop training within about a second; nothing is published, the checkpoint kept', async () => {
  const data = join(dir, 'long.jsonl');
  writePairsJsonl(data, await hhPairs('hh-helpful-base', 100));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const out = join(dir, `stopped-${signal}`);
    const child = spawnRmw([
      'train',
      ...['--data', data, '--preset', 'quick', '--hash-bits', '12', '--hidden', '8', '--batch', '8'],
      ...['--epochs', '4000', '--steps', '100000', '--checkpoint-every', '5', '--out', out],
    ]);
    let exited = false;
    void child.exited.then(() => (exited = true));
    await waitFor(() => exited || existsSync(join(stagingPath(out), 'checkpoint.bin')), 120_000, 'a checkpoint');
    assert.equal(exited, false, child.stderr());
    const t0 = Date.now();
    child.process.kill(signal);
    const end = await child.exited;
    const ms = Date.now() - t0;
    assert.equal(end.signal, signal);
    assert.ok(ms < 3000, `${signal}: stopped after ${ms} ms`);
    assert.equal(existsSync(out), false, 'nothing published');
    assert.ok(existsSync(join(stagingPath(out), 'checkpoint.bin')), 'the checkpoint is kept for --resume');
    assert.match(child.stderr(), new RegExp(`rmw: stopped by ${signal}: nothing published to .*--resume continues`));
  }
});

test('a first run without a GPU: no Dawn driver alarm, env says it once; env --toy lists its steps once', () => {
  const env: NodeJS.ProcessEnv = { ...process.env, RMW_PROGRESS: '0' };
  delete env.VK_ICD_FILENAMES;
  const r = spawnSync(process.execPath, [bin, 'env', '--backend', 'auto', '--toy', '--steps', '3'], {
    encoding: 'utf8',
    env,
  });
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stderr + r.stdout, /vkCreateInstance/);
  // where there is no GPU driver, said once, in the table
  if (/Vulkan loader found no driver/.test(r.stdout))
    assert.equal((`${r.stdout}${r.stderr}`.match(/Vulkan loader found no driver/g) ?? []).length, 1);
  assert.equal((r.stdout.match(/step +2 /g) ?? []).length, 1, r.stdout);
  assert.doesNotMatch(r.stderr, /toy step/);
  const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
  assert.match(help.stdout, /env +Versions, data mirror and backend selection \(--toy: also a toy/);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
