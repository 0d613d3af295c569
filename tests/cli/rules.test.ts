// The command line's rules end to end, exit codes included: a wrong command line exits 2 before any work and says
// what was meant; an empty, invalid or overflowing result exits 1 and says why. Most cases run `main` in this
// process (stdout and stderr captured); the first runs `node bin/rmw.js` to show the exit code reaches the shell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { listSources, mirrorPath } from '../../src/data/sources.js';
import { writePairsJsonl } from '../../src/data/io/jsonl.js';
import { fromRoot } from '../../src/util/paths.js';
import { hhPairs } from '../train/hhFixture.js';
import { main } from '../../src/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'rmw-cli-rules-'));

function rmwProcess(args: string[]) {
  const r = spawnSync(process.execPath, [fromRoot('bin', 'rmw.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, RMW_PROGRESS: '0' },
  });
  return { rc: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `rmw args` through main() in this process, with the environment changes given, capturing what it prints. */
async function rmw(args: string[], env: Record<string, string> = {}) {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const out: string[] = [];
  const err: string[] = [];
  const writeErr = process.stderr.write;
  // stderr only: the test runner reports on stdout, so results come back through main's own writer instead.
  process.stderr.write = ((chunk: string) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    const rc = await main(args, (text) => out.push(text));
    return { rc, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stderr.write = writeErr;
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

test('an unknown flag exits 2 naming the flag it most likely meant, before any work', async () => {
  const out = join(dir, 'typo');
  const r = rmwProcess(['train', '--data', 'hh-harmless-base', '--sede', '5', '--preset', 'quick', '--out', out]);
  assert.equal(r.rc, 2);
  assert.match(r.stderr, /^rmw train: unknown option --sede; did you mean --seed\?\n/);
  assert.match(r.stderr, /rmw train --help lists the options/);
  assert.equal(existsSync(out), false);
  assert.match((await rmw(['train', '--data', 'x', '--lsos', 'hinge', '--out', out])).stderr, /did you mean --loss\?/);
});

test('a loss parameter the chosen loss does not read exits 2 in train, as in loss', async () => {
  const out = join(dir, 'gamma');
  const r = await rmw(['train', '--data', 'hh-harmless-base', '--loss', 'bt', '--gamma', '2', '--out', out]);
  assert.equal(r.rc, 2);
  assert.match(r.stderr, /--gamma is not a parameter of loss bt \(it reads no parameters; --center adds centring/);
  assert.equal(existsSync(out), false);
  const hinge = await rmw(['train', '--data', 'x', '--loss', 'hinge', '--temperature', '2', '--out', out]);
  assert.match(hinge.stderr, /--temperature is not a parameter of loss hinge \(it reads --m, per-pair margins;/);
  const loss = await rmw(['loss', 'bt', '--chosen', '1', '--rejected', '0', '--gamma', '2']);
  assert.equal(loss.rc, 2);
  assert.match(loss.stderr, /--gamma is not a parameter of loss bt/);
});

test("rmw experiment checks every planned run's loss parameters and takes no loss flags of its own", async () => {
  const list = await rmw(['experiment', '--list', '--preset', 'quick', '--json']);
  assert.equal(list.rc, 0, list.stderr);
  const plan = JSON.parse(list.stdout) as { runs: { id: string; lossParams: Record<string, number> }[] };
  assert.deepEqual(plan.runs.find((r) => r.id === 'bt-centred')?.lossParams, { center: 0.01 });
  const r = await rmw(['experiment', '--list', '--gamma', '2']);
  assert.equal(r.rc, 2);
  assert.match(r.stderr, /unknown option --gamma;/);
});

test('an empty or missing value exits 2', async () => {
  const empty = await rmw(['train', '--data', 'hh-harmless-base', '--out', '']);
  assert.equal(empty.rc, 2);
  assert.match(empty.stderr, /--out needs a value, got an empty string/);
  const missing = await rmw(['eval', '--baseline', 'longer', '--bench']);
  assert.equal(missing.rc, 2);
  assert.match(missing.stderr, /--bench needs a value: --bench rewardbench-lite\|rmbench\|judgebench/);
});

test('rmw import that keeps 0 rows exits 1 with the counts and writes nothing', async () => {
  const input = join(dir, 'ties.jsonl');
  writeFileSync(input, ['{"q":"A?","x":"a","y":"b","w":"tie"}', '{"q":"B?","x":"c","y":"d","w":"tie"}', ''].join('\n'));
  const out = join(dir, 'ties-out.jsonl');
  const r = await rmw([
    'import',
    input,
    '--prompt',
    'q',
    '--a',
    'x',
    '--b',
    'y',
    '--label',
    'w',
    '--out',
    out,
    '--json',
  ]);
  assert.equal(r.rc, 1);
  const printed = JSON.parse(r.stdout);
  assert.deepEqual(
    { read: printed.read, kept: printed.kept, quarantined: printed.quarantined },
    { read: 2, kept: 0, quarantined: { 'label-unrecognised': 2 } },
  );
  assert.match(printed.error, /^kept 0 of 2 records \(quarantined: 2 label-unrecognised\); nothing written to /);
  assert.match(r.stderr, /rmw import: kept 0 of 2 records/);
  assert.equal(existsSync(out), false);
});

test('rmw data list with a corrupted and a missing file exits 1 after listing every source', async () => {
  const sources = listSources();
  const [corrupt, missing] = [sources[0], sources[1]];
  const mirror = join(dir, 'mirror');
  for (const s of sources) {
    if (s === missing) continue;
    const target = join(mirror, s.local);
    mkdirSync(dirname(target), { recursive: true });
    if (s === corrupt) {
      copyFileSync(mirrorPath(s), target);
      const bytes = readFileSync(target);
      bytes[bytes.length >> 1] ^= 0xff;
      writeFileSync(target, bytes);
    } else symlinkSync(mirrorPath(s), target);
  }
  const cache = mkdtempSync(join(tmpdir(), 'rmw-cli-cache-'));
  const r = await rmw(['data', 'list', '--quick', '--json'], { RMW_DATA_DIR: mirror, RMW_CACHE_DIR: cache });
  assert.equal(r.rc, 1);
  const printed = JSON.parse(r.stdout) as { sources: { id: string; present: boolean; sha256Ok: boolean | null }[] };
  assert.equal(printed.sources.length, sources.length);
  assert.deepEqual(
    printed.sources.filter((s) => !(s.present && s.sha256Ok)).map((s) => [s.id, s.present, s.sha256Ok]),
    [
      [corrupt.id, true, false],
      [missing.id, false, null],
    ],
  );
  assert.match(r.stderr, new RegExp(`1 missing \\(${missing.id};.*1 with a wrong sha256 \\(${corrupt.id}\\)`));
  const text = await rmw(['data', 'list', '--quick'], { RMW_DATA_DIR: mirror, RMW_CACHE_DIR: cache });
  assert.equal(text.rc, 1);
  assert.match(text.stdout, new RegExp(`${corrupt.id} +\\S+ +BAD SHA`));
  assert.match(text.stdout, new RegExp(`${missing.id} +\\S+ +missing`));
  assert.equal(text.stdout.trim().split('\n').length, sources.length);
});

test('rmw loss at extreme rewards says the loss overflowed and exits 1 instead of printing NaN', async () => {
  const r = rmwProcess(['loss', 'bt', '--chosen', '1e308', '--rejected', '-1e308']);
  assert.equal(r.rc, 1);
  assert.equal(r.stdout, '');
  assert.match(
    r.stderr,
    /^rmw loss: loss bt overflowed at pair 1 \(r_chosen 1e\+308, r_rejected -1e\+308\): Δ = r_chosen − r_rejected is Infinity/,
  );
  const mse = await rmw(['loss', 'margin-mse', '--chosen', '0,1e200', '--rejected', '0,0', '--json']);
  assert.equal(mse.rc, 1);
  assert.match(JSON.parse(mse.stdout).error, /loss margin-mse overflowed at pair 2 .*the loss is Infinity/);
  const centred = await rmw(['loss', 'bt', '--chosen', '1e308', '--rejected', '1e308', '--center', '1']);
  assert.match(centred.stderr, /overflowed at pair 1 .*the loss is (NaN|Infinity)/);
  assert.equal((await rmw(['loss', 'bt', '--chosen', '1e300', '--rejected', '0'])).rc, 0, 'large but finite: fine');
});

test(
  '--eval equal to --data is refused past 1% overlap, and trains ' + 'with --allow-overlap, recording the overlap',
  async () => {
    const pairs = join(dir, 'pairs.jsonl');
    writePairsJsonl(pairs, await hhPairs('hh-helpful-base', 40));
    const out = join(dir, 'overlap-run');
    const argv = ['train', '--data', pairs, '--eval', pairs, '--preset', 'quick', '--steps', '2', '--out', out];
    const refused = await rmw(argv);
    assert.equal(refused.rc, 2);
    assert.match(
      refused.stderr,
      /--eval overlaps --data: 40 of 40 evaluation pairs \(100\.0%\) share their prompt with the 40 training pairs, 40 \(100\.0%\) are training pairs outright/,
    );
    assert.match(refused.stderr, /pass --allow-overlap/);
    assert.equal(existsSync(out), false);

    const allowed = await rmw([...argv, '--allow-overlap', '--json']);
    assert.equal(allowed.rc, 0, allowed.stderr);
    assert.match(allowed.stderr, /rmw train: note: 40 of 40 evaluation pairs \(100\.0%\) share their prompt/);
    const summary = JSON.parse(allowed.stdout).summary;
    assert.equal(summary.steps, 2);
    assert.deepEqual([summary.evalOverlap.samePrompt, summary.evalOverlap.samePair], [40, 40]);
    const record = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    assert.equal(record.evalOverlap.samePromptFraction, 1);
  },
);

test('rmw figures draws the committed results by default, and paper numbers only with --results none', async () => {
  const out = join(dir, 'figures-default');
  const drawn = await rmw(['figures', '--out', out, '--no-png', '--skip-figure2', '--json']);
  assert.equal(drawn.rc, 0, drawn.stderr);
  // The Table 2 it writes is the committed one, ours rows included.
  const table2 = readFileSync(join(out, 'table2-leaderboard.md'), 'utf8');
  assert.equal(table2, readFileSync(fromRoot('figures', 'table2-leaderboard.md'), 'utf8'));
  assert.match(table2, /\| ours \(measured\) \|/);

  const paperOnly = join(dir, 'figures-paper-only');
  const bare = await rmw(['figures', '--out', paperOnly, '--no-png', '--skip-figure2', '--results', 'none', '--json']);
  assert.equal(bare.rc, 0, bare.stderr);
  assert.ok(JSON.parse(bare.stdout).notes.some((n: string) => /paper-only/.test(n)));
  assert.doesNotMatch(readFileSync(join(paperOnly, 'table2-leaderboard.md'), 'utf8'), /\| ours \(measured\) \|/);
});
