// --out pointed at what the command reads, at a run's own files, or at someone else's files: refused before any
// work (exit 2), naming what would be destroyed, and nothing changes on disk. A finished run is replaced only with
// --force, which takes the files added to the old run folder with it and says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePairsJsonl } from '../../src/data/io/jsonl.js';
import { hhPairs } from '../train/hhFixture.js';
import { folderState, hfFixtureFlag, rmw, type RmwRun } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'rmw-onto-'));
const data = join(dir, 'pairs.jsonl');
const run = join(dir, 'run');
const train = (out: string, ...more: string[]) => [
  'train',
  ...['--data', data, '--preset', 'quick', '--steps', '6', '--hash-bits', '10', '--hidden', '8', '--out', out, ...more],
];
const ready = (async () => {
  writePairsJsonl(data, await hhPairs('hh-harmless-base', 20));
  assert.equal((await rmw(train(run))).code, 0);
})();

/** Runs `argv`, which must be refused with exit 2 and `message`, leaving every folder in `keep` as it was. */
async function refused(argv: string[], message: string | RegExp, keep: string[] = [dir]): Promise<RmwRun> {
  const before = keep.map((d) => folderState(d));
  const r = await rmw(argv);
  assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
  if (typeof message === 'string') assert.ok(r.stderr.includes(message), `${argv.join(' ')}: ${r.stderr}`);
  else assert.match(r.stderr, message);
  assert.deepEqual(
    keep.map((d) => folderState(d)),
    before,
    'nothing changed',
  );
  return r;
}

test(
  "eval and score-pairs --out onto the run's own files or " + 'their inputs are refused; a new file beside them is not',
  async () => {
    await ready;
    const evalRun = (out: string) => ['eval', '--run', run, '--bench', 'judgebench', '--resamples', '10', '--out', out];
    await refused(evalRun(join(run, 'weights.bin')), `is an input of this command (the run's weights (--run): ${run}`);
    await refused(evalRun(join(run, 'run.json')), `is an input of this command (the run's record (--run): ${run}`);
    await refused(evalRun(run), `is an input of this command (the run folder (--run): ${run}`);
    await refused(evalRun(data), `${data} exists and was not written by rmw eval`);
    const scores = join(dir, 'scores.jsonl');
    const scorePairs = (input: string, out: string) => ['score-pairs', '--run', run, '--in', input, '--out', out];
    await refused(scorePairs(data, data), `is an input of this command`);
    await refused(scorePairs(data, join(run, 'weights.bin')), `is an input of this command (the run's weights (--run)`);
    // the run's own training pairs: scored only with --allow-overlap
    assert.equal((await rmw([...scorePairs(data, scores), '--allow-overlap'])).code, 0);
    const evalScores = ['eval', '--scores', scores, '--name', 'm', '--bench', 'judgebench', '--out', scores];
    await refused(evalScores, 'is an input of this command (the supplied rewards (--scores)');
    // an evaluation written into the run folder is a new file of rmw eval's, which it may rewrite
    const lite = join(run, 'lite.json');
    assert.equal((await rmw(evalRun(lite))).code, 0);
    assert.equal((await rmw(evalRun(lite))).code, 0);
  },
);

test('import --out onto its input, through a symbolic link or a hard link, is refused', async () => {
  await ready;
  const imp = (input: string, out: string) => [
    'import',
    input,
    ...['--prompt', 'prompt', '--chosen', 'chosen', '--rejected', 'rejected', '--out', out],
  ];
  const sub = join(dir, 'links');
  mkdirSync(sub);
  symlinkSync(data, join(sub, 'symlink.jsonl'));
  linkSync(data, join(sub, 'hardlink.jsonl'));
  const keep = readFileSync(data);
  await refused(imp(data, data), `${data} is an input of this command`);
  await refused(imp(data, join(sub, 'symlink.jsonl')), 'is an input of this command');
  await refused(imp(data, join(sub, 'hardlink.jsonl')), 'is an input of this command');
  await refused(imp(join(sub, 'symlink.jsonl'), join(dir, '.', 'pairs.jsonl')), 'is an input of this command');
  assert.deepEqual(readFileSync(data), keep);
});

test(
  'train, curate and export --out onto a folder holding ' + 'their input, or a folder they did not write, are refused',
  async () => {
    await ready;
    // a user's folder with a train.jsonl in it: neither curate nor train writes there
    const mine = join(dir, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'train.jsonl'), '{"mine": true}\n');
    const curate = (out: string, ...more: string[]) => [
      'curate',
      'skywork-80k-v0.1',
      ...['--hf-file', hfFixtureFlag(), '--out', out, ...more],
    ];
    await refused(curate(mine), `${mine} exists and was not written by rmw curate`);
    await refused(curate(mine, '--force'), `${mine} exists and was not written by rmw curate`);
    await refused(train(mine), `${mine} exists and was not written by rmw train`);
    // curate onto the run it scores with; train onto a run folder that holds its data
    await refused(curate(run, '--scorer', run), `${run} was written by rmw train (kind "run"), not a mix`);
    const inside = join(dir, 'run-with-data');
    assert.equal((await rmw(train(inside))).code, 0);
    writeFileSync(join(inside, 'pairs.jsonl'), readFileSync(data));
    await refused(
      ['train', '--data', join(inside, 'pairs.jsonl'), '--preset', 'quick', '--steps', '2', '--out', inside, '--force'],
      `${inside} holds an input of this command (training pairs (--data)`,
    );
    // export onto the mix it reads
    const mix = join(dir, 'mix');
    assert.equal((await rmw(curate(mix))).code, 0);
    await refused(['export', 'trl', '--mix', mix, '--out', mix], `${mix} was written by rmw curate (kind "mix")`);
    await refused(['export', 'trl', '--mix', mix, '--out', join(mix, 'train.parquet')], 'is a file, not a folder');
  },
);

test('a finished run is replaced only with --force, which removes the files added to it and names them', async () => {
  await ready;
  const r = join(dir, 'replaced');
  assert.equal((await rmw(train(r))).code, 0);
  assert.equal(
    (await rmw(['eval', '--run', r, '--bench', 'judgebench', '--resamples', '10', '--out', join(r, 'lite.json')])).code,
    0,
  );
  writeFileSync(join(r, 'notes.txt'), 'about the seed-1 model');
  await refused(train(r, '--seed', '2'), `${r} holds a finished run (written by rmw train (kind "run")); pass --force`);
  await refused(train(r, '--seed', '2', '--resume'), 'holds a finished run of other settings');
  const forced = await rmw(train(r, '--seed', '2', '--force'));
  assert.equal(forced.code, 0, forced.stderr);
  assert.ok(forced.stderr.includes(`removed with the old run in ${r}: lite.json, notes.txt`), forced.stderr);
  assert.deepEqual(Object.keys(folderState(r)!).sort(), ['.rmw-output.json', 'run.json', 'weights.bin']);
  assert.equal(JSON.parse(readFileSync(join(r, 'run.json'), 'utf8')).seed, 2);
});
