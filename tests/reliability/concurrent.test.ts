// Two writers of one output at once: the second is refused before any work, with a message naming the first (its
// pid and command line), and the first finishes undisturbed. A writer stopped with SIGTERM removes its lock and its
// staging folder on the way out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePairsJsonl } from '../../src/data/io/jsonl.js';
import { lockPath } from '../../src/util/output/names.js';
import { lockHolder } from '../../src/util/output/lock.js';
import { readFolderMarker } from '../../src/util/output/marker.js';
import { hhPairs } from '../train/hhFixture.js';
import { folderState, hfFixtureFlag, leftovers, rmw, spawnRmw, waitFor } from './helpers.js';

test('two rmw train into one run folder: the second is refused naming the first, which finishes its run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rmw-two-train-'));
  const data = join(dir, 'pairs.jsonl');
  writePairsJsonl(data, await hhPairs('hh-harmless-base', 40));
  const run = join(dir, 'run');
  const train = (seed: string) => [
    'train',
    ...['--data', data, '--preset', 'quick', '--hash-bits', '12', '--hidden', '16', '--batch', '8'],
    ...['--epochs', '80', '--steps', '240', '--seed', seed, '--out', run],
  ];
  const first = spawnRmw(train('1'));
  await waitFor(() => existsSync(lockPath(run)), 60_000, 'the first trainer to take the lock');
  const holder = lockHolder(run)!;
  assert.equal(holder.pid, first.process.pid);
  const second = await rmw(train('2'));
  assert.equal(second.code, 1);
  assert.ok(
    second.stderr.includes(`${run} is being written by pid ${first.process.pid} on `),
    `names the first writer: ${second.stderr}`,
  );
  assert.ok(second.stderr.includes(`(rmw ${train('1').join(' ')})`), 'and its command line');
  assert.equal((await first.exited).code, 0, first.stderr());
  const rec = folderState(run)!;
  assert.deepEqual(Object.keys(rec).sort(), ['.rmw-output.json', 'run.json', 'weights.bin']);
  assert.deepEqual(leftovers(dir, 'run'), []);
});

test(
  'two rmw curate into one folder: the second is refused naming the first; SIGTERM leaves no lock or staging ' +
    'behind',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rmw-two-curate-'));
    const mix = join(dir, 'mix');
    const first = spawnRmw(['curate', 'workbench', '--out', mix]);
    await waitFor(() => existsSync(lockPath(mix)), 60_000, 'the first curate to take the lock');
    const second = await rmw(['curate', 'skywork-80k-v0.1', '--hf-file', hfFixtureFlag(), '--out', mix]);
    assert.equal(second.code, 1);
    assert.ok(
      second.stderr.includes(`${mix} is being written by pid ${first.process.pid} on `),
      `names the first writer: ${second.stderr}`,
    );
    assert.ok(second.stderr.includes(`(rmw curate workbench --out ${mix})`), second.stderr);
    first.process.kill('SIGTERM');
    const end = await first.exited;
    // a signal is handled when the work yields: before the mix is put in place (nothing published) or after (whole);
    // the exit status says it was stopped, unless the signal came as the finished process was leaving (exit 0, whole)
    const state = folderState(mix);
    assert.ok(end.signal === 'SIGTERM' || (end.code === 0 && state), `stopped: ${JSON.stringify(end)}`);
    if (state)
      assert.deepEqual(Object.keys(state).sort(), ['.rmw-output.json', ...readFolderMarker(mix)!.files].sort());
    assert.deepEqual(leftovers(dir, 'mix'), [], 'its lock and staging folder are removed');
    // with the first writer gone, the folder is free
    const next = [
      'curate',
      'skywork-80k-v0.1',
      '--hf-file',
      hfFixtureFlag(),
      '--out',
      mix,
      ...(state ? ['--force'] : []),
    ];
    assert.equal((await rmw(next)).code, 0);
  },
);
