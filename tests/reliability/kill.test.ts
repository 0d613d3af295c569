// kill -9 at seeded random points. A curate replacing a mix (--force) and a train replacing a run (--force) are
// killed while they work; the output folder must then hold the old complete set (byte for byte) or the new complete
// set, never a mix of the two. The next writer removes what the killed one left (its stale lock, its staging folder,
// temporaries), and reaches exactly the set an uninterrupted command writes (a killed run continues with --resume to
// the same weights). The kill points are drawn from a fixed seed, so every run of the suite uses the same ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePairsJsonl } from '../../src/data/io/jsonl.js';
import { journalPath, stagingPath } from '../../src/util/output/names.js';
import { hhPairs } from '../train/hhFixture.js';
import { folderState, hfFixtureFlag, killDelays, leftovers, rmw, spawnRmw, waitFor } from './helpers.js';

const KILLS = 3;

/** Starts `argv`, waits until it has begun writing (its staging folder exists), then kill -9 after `delay` ms. */
async function killWhileWriting(argv: string[], target: string, delay: number): Promise<string> {
  const child = spawnRmw(argv);
  let exited = false;
  void child.exited.then(() => (exited = true));
  await waitFor(() => exited || existsSync(stagingPath(target)), 60_000, `${argv[0]} to start writing`);
  await new Promise((r) => setTimeout(r, delay));
  child.process.kill('SIGKILL');
  const end = await child.exited;
  return end.signal === 'SIGKILL' ? `killed after ${delay} ms` : `finished first (exit ${end.code})`;
}

/** The folder is the old set or the new one; absent only half-way through a swap (its journal says so). */
function oldOrNew(
  target: string,
  old: Record<string, string>,
  isNew: (state: Record<string, string>) => boolean,
  when: string,
): 'old' | 'new' | 'between' {
  const state = folderState(target);
  if (state === undefined) {
    assert.ok(existsSync(journalPath(target)), `${when}: the folder is gone without a swap journal`);
    return 'between';
  }
  if (JSON.stringify(state) === JSON.stringify(old)) return 'old';
  assert.ok(isNew(state), `${when}: neither the old set nor the new one: ${JSON.stringify(state, null, 1)}`);
  return 'new';
}

test('kill -9 of rmw curate --force at seeded points: the mix is the old complete set or the new one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rmw-kill-curate-'));
  const curate = (out: string, heldOut: string, ...more: string[]) => [
    'curate',
    'skywork-80k-v0.1',
    ...['--hf-file', hfFixtureFlag(), '--held-out', heldOut, '--out', out, ...more],
  ];
  const [mix, ref, saved] = [join(dir, 'mix'), join(dir, 'reference'), join(dir, 'saved-old')];
  assert.equal((await rmw(curate(mix, '0'))).code, 0);
  assert.equal((await rmw(curate(ref, '0.4'))).code, 0);
  cpSync(mix, saved, { recursive: true });
  const [old, fresh] = [folderState(mix)!, folderState(ref)!];
  assert.notDeepEqual(old, fresh, 'the new mix differs from the old one');
  const seen: string[] = [];
  for (const delay of killDelays(14, KILLS, 600)) {
    const how = await killWhileWriting(curate(mix, '0.4', '--force'), mix, delay);
    seen.push(`${how}: ${oldOrNew(mix, old, (s) => JSON.stringify(s) === JSON.stringify(fresh), how)}`);
    // the next writer cleans up after the killed one and writes the whole new set
    const again = await rmw(curate(mix, '0.4', '--force'));
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(folderState(mix), fresh, how);
    assert.deepEqual(leftovers(dir, 'mix'), [], `${how}: nothing of the killed writer is left`);
    rmSync(mix, { recursive: true });
    cpSync(saved, mix, { recursive: true });
  }
  process.stderr.write(`curate kills: ${seen.join('; ')}\n`);
});

test(
  'kill -9 of rmw train --force at seeded points: the run is the old complete one or the new; --resume ends it ' +
    'exactly',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rmw-kill-train-'));
    const data = join(dir, 'pairs.jsonl');
    writePairsJsonl(data, await hhPairs('hh-harmless-base', 40));
    const train = (out: string, seed: string, ...more: string[]) => [
      'train',
      ...['--data', data, '--preset', 'quick', '--hash-bits', '12', '--hidden', '16', '--batch', '8'],
      ...['--epochs', '40', '--steps', '120', '--checkpoint-every', '10', '--seed', seed, '--out', out, ...more],
    ];
    const [run, ref, saved] = [join(dir, 'run'), join(dir, 'reference'), join(dir, 'saved-old')];
    assert.equal((await rmw(train(run, '1'))).code, 0);
    assert.equal((await rmw(train(ref, '2'))).code, 0);
    cpSync(run, saved, { recursive: true });
    const old = folderState(run)!;
    const newWeights = folderState(ref)!['weights.bin'];
    const isNew = (s: Record<string, string>) =>
      s['weights.bin'] === newWeights && Object.keys(s).sort().join() === '.rmw-output.json,run.json,weights.bin';
    const seen: string[] = [];
    for (const delay of killDelays(14, KILLS, 2500)) {
      const how = await killWhileWriting(train(run, '2', '--force'), run, delay);
      const state = (d: string) => oldOrNew(d, old, isNew, how);
      seen.push(
        `${how}: ${state(run)}${existsSync(join(stagingPath(run), 'run.json')) ? ', unfinished run kept' : ''}`,
      );
      // --resume continues the killed run from its record and last checkpoint, or returns it when it had finished;
      // killed before it wrote anything, there is nothing to continue, and the old run is only replaced with --force
      const started = existsSync(join(stagingPath(run), 'run.json'));
      const resumed = await rmw(train(run, '2', '--resume'));
      if (started || state(run) === 'new') assert.equal(resumed.code, 0, resumed.stderr);
      else {
        assert.equal(resumed.code, 2, resumed.stderr);
        assert.match(resumed.stderr, /holds a finished run of other settings \(its run key differs\); pass --force/);
        assert.equal((await rmw(train(run, '2', '--force'))).code, 0);
      }
      assert.ok(isNew(folderState(run)!), `${how}: resumed to the uninterrupted run's weights`);
      assert.deepEqual(leftovers(dir, 'run'), [], `${how}: nothing of the killed writer is left`);
      rmSync(run, { recursive: true });
      cpSync(saved, run, { recursive: true });
    }
    process.stderr.write(`train kills: ${seen.join('; ')}\n`);
  },
);

test(
  'after a kill -9 mid-training, a damaged checkpoint is refused by ' + '--resume, naming it; --force starts over',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rmw-kill-ckpt-'));
    const data = join(dir, 'pairs.jsonl');
    writePairsJsonl(data, await hhPairs('hh-harmless-base', 40));
    const train = (out: string, ...more: string[]) => [
      'train',
      ...['--data', data, '--preset', 'quick', '--hash-bits', '12', '--hidden', '16', '--batch', '8'],
      ...['--epochs', '40', '--steps', '120', '--checkpoint-every', '10', '--out', out, ...more],
    ];
    const run = join(dir, 'run');
    const staging = stagingPath(run);
    const ckpt = join(staging, 'checkpoint.bin');
    const child = spawnRmw(train(run));
    await waitFor(() => existsSync(ckpt), 60_000, 'the first checkpoint');
    child.process.kill('SIGKILL');
    await child.exited;
    assert.equal(existsSync(run), false, 'nothing published');
    const lock = readdirSync(dir).find((n) => n === '.run.lock');
    assert.ok(lock, 'the killed trainer left its lock');
    const bytes = readFileSync(ckpt);
    bytes[bytes.length >> 1] ^= 0xff;
    writeFileSync(ckpt, bytes);
    const refused = await rmw(train(run, '--resume'));
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /removed a stale lock on .*run: pid \d+ .*is no longer running/);
    assert.ok(refused.stderr.includes(`${ckpt}: sha256 `), refused.stderr);
    assert.match(refused.stderr, /is not a checkpoint that .*run\.json records; it was replaced or damaged/);
    const plain = await rmw(train(run));
    assert.equal(plain.code, 2, 'an unfinished run is not silently discarded');
    assert.match(plain.stderr, /--resume|--force/);
    const forced = await rmw(train(run, '--force'));
    assert.equal(forced.code, 0, forced.stderr);
    assert.deepEqual(leftovers(dir, 'run'), []);
  },
);
