// Ctrl-C or SIGTERM during the synchronous work of curate, import and eval (run in a worker thread, cli/offThread.ts)
// stops the command within about a second: exit by the signal, one line saying what was kept, nothing published
// and no staging left. A normal run gives the same bytes as the same work run on the main thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { DEFAULT_SEED, EVAL_DEFAULTS } from '../../src/config/defaults.js';
import { buildMixInto } from '../../src/cli/curate.js';
import { evaluate } from '../../src/cli/eval.js';
import { stagingPath } from '../../src/util/output/names.js';
import { dataMirrorDir } from '../../src/util/paths.js';
import { folderState, hfFixtureFlag, leftovers, rmw, spawnRmw, waitFor } from './helpers.js';
import { importPairs } from '../../src/data/import/importPairs.js';
import { writePairsParquet } from '../../src/data/io/hfParquet.js';
import { sha256Hex } from '../../src/util/hash.js';
import { parseHfFileFlag } from '../../src/curate/recipes/skyworkInputs.js';

const dir = mkdtempSync(join(tmpdir(), 'rmw-stop-'));
const ULTRAFEEDBACK = 'github/kkminions888-ops/ultrafeedback-dpo-noise-study/data/processed/train_clean.jsonl';

/** Starts `rmw <argv>`, waits until `started()` and then `afterMs`, sends `signal`; the exit and its latency. */
async function stopDuring(argv: string[], started: () => boolean, afterMs: number, signal: NodeJS.Signals) {
  const child = spawnRmw(argv);
  let exited = false;
  void child.exited.then(() => (exited = true));
  await waitFor(() => exited || started(), 120_000, `${argv[0]} to start its work`);
  await new Promise((r) => setTimeout(r, afterMs));
  assert.equal(exited, false, `${argv[0]} ended before the signal: ${child.stderr()}`);
  const t0 = Date.now();
  child.process.kill(signal);
  const end = await child.exited;
  return { ...end, ms: Date.now() - t0, stderr: child.stderr() };
}

/** A command stopped by `signal` within 1.5 s, with nothing at `out`, no leftovers and the one-line message. */
function assertStoppedWritingNothing(
  end: { signal: NodeJS.Signals | null; ms: number; stderr: string },
  signal: NodeJS.Signals,
  out: string,
): void {
  assert.equal(end.signal, signal);
  assert.ok(end.ms < 1500, `stopped after ${end.ms} ms`);
  assert.equal(existsSync(out), false, 'nothing written');
  assert.deepEqual(leftovers(dir, basename(out)), []);
  assert.equal(end.stderr.trim(), `rmw: stopped by ${signal}: nothing written to ${out}`);
}

test('SIGINT stops rmw curate workbench within about a second; nothing published, no staging left', async () => {
  const out = join(dir, 'mix');
  const end = await stopDuring(
    ['curate', 'workbench', '--seed', '3', '--out', out],
    () => existsSync(stagingPath(out)),
    2000,
    'SIGINT',
  );
  assert.equal(end.signal, 'SIGINT');
  assert.ok(end.ms < 1500, `stopped after ${end.ms} ms`);
  assert.equal(existsSync(out), false, 'nothing published');
  assert.deepEqual(leftovers(dir, 'mix'), []);
  assert.equal(end.stderr.trim(), `rmw: stopped by SIGINT: nothing published to ${out}, the unfinished mix removed`);
});

test('SIGTERM stops rmw import of a large real file within about a second; nothing written', async () => {
  // the real UltraFeedback file, twenty times over (about 65 MB): several seconds of synchronous reading
  const big = join(dir, 'big.jsonl');
  writeFileSync(big, readFileSync(join(dataMirrorDir(), ULTRAFEEDBACK), 'utf8').repeat(20));
  const out = join(dir, 'imported.jsonl');
  const end = await stopDuring(
    ['import', big, ...['--prompt', 'prompt', '--chosen', 'chosen', '--rejected', 'rejected', '--out', out]],
    () => leftovers(dir, basename(out)).length > 0,
    1000,
    'SIGTERM',
  );
  assertStoppedWritingNothing(end, 'SIGTERM', out);
});

test('SIGTERM stops rmw eval with --resamples 100000 within about a second; nothing written', async () => {
  const out = join(dir, 'eval.json');
  const end = await stopDuring(
    ['eval', '--baseline', 'random', '--bench', 'judgebench', '--resamples', '100000', '--out', out],
    () => leftovers(dirname(out), basename(out)).length > 0,
    1500,
    'SIGTERM',
  );
  assertStoppedWritingNothing(end, 'SIGTERM', out);
});

test(
  'curate, import and eval through the worker thread give the same bytes as the work run on the main ' + 'thread',
  async () => {
    const flag = hfFixtureFlag();
    const out = join(dir, 'seeded');
    const r = await rmw([
      'curate',
      'skywork-80k-v0.1',
      '--hf-file',
      flag,
      '--seed',
      '5',
      '--held-out',
      '0.3',
      '--out',
      out,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const here = join(dir, 'seeded-here');
    const built = await buildMixInto(here, 'skywork-80k-v0.1', {
      seed: 5,
      tricks: { decontaminate: true, offsets: true, topk: true, filter: true, dedup: true },
      heldOutFraction: 0.3,
      hfFiles: parseHfFileFlag(flag),
    });
    const [viaWorker, onMain] = [folderState(out)!, folderState(here)!];
    assert.ok(['train.parquet', 'heldout.parquet', 'datacard.json', 'datacard.md'].every((f) => f in onMain));
    assert.deepEqual(Object.fromEntries(Object.keys(onMain).map((f) => [f, viaWorker[f]])), onMain);
    assert.ok(Object.keys(built.files).every((f) => f in onMain));
    assert.match(r.stdout, new RegExp(`train.parquet sha256 ${built.sha256}`));

    const ev = await rmw(['eval', '--baseline', 'random', '--bench', 'judgebench', '--resamples', '300', '--json']);
    assert.equal(ev.code, 0, ev.stderr);
    const direct = await evaluate(
      { bench: 'judgebench', baseline: 'random', seed: DEFAULT_SEED, resamples: 300, weights: EVAL_DEFAULTS.weights },
      false,
    );
    assert.deepEqual(JSON.parse(ev.stdout), JSON.parse(JSON.stringify(direct)));

    const real = join(dataMirrorDir(), ULTRAFEEDBACK);
    const imported = join(dir, 'real.parquet');
    const columns = { prompt: 'prompt', chosen: 'chosen', rejected: 'rejected' };
    const im = await rmw([
      'import',
      real,
      ...Object.entries(columns).flatMap(([k, v]) => [`--${k}`, v]),
      '--out',
      imported,
    ]);
    assert.equal(im.code, 0, im.stderr);
    const mainThread = join(dir, 'real-here.parquet');
    writePairsParquet(mainThread, (await importPairs(real, columns)).items);
    assert.equal(sha256Hex(readFileSync(imported)), sha256Hex(readFileSync(mainThread)));
    assert.deepEqual(leftovers(dir, 'real.parquet'), ['.real.parquet.rmw-output.json']);
  },
);

test.after(() => rmSync(dir, { recursive: true, force: true }));
