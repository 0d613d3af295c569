// Single-file outputs and the sweep of temporaries: a file is rewritten only by the kind that wrote it, never
// written onto an input (same path, symbolic link or hard link), and temporaries of dead writers are removed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  openFileOutput,
  OutputRefusedError,
  sidecarPath,
  sweepTemporaries,
  type OutputKind,
} from '../../../src/util/output/index.js';
import { captureStderr } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'rmw-file-'));
const EVAL: OutputKind = { kind: 'eval', writer: 'rmw eval', noun: 'evaluation result' };
const write = (path: string, text: string, inputs: { path: string; what: string }[] = []) =>
  openFileOutput(path, { kind: EVAL, inputs }).write(text);

test('a new file is written with its sidecar; the same kind may rewrite it; nothing else is left', () => {
  const f = join(dir, 'lite.json');
  write(f, '1');
  write(f, '2');
  assert.equal(readFileSync(f, 'utf8'), '2');
  assert.deepEqual(JSON.parse(readFileSync(sidecarPath(f), 'utf8')).files, ['lite.json']);
  assert.deepEqual(readdirSync(dir).sort(), ['.lite.json.rmw-output.json', 'lite.json']);
});

test('a file another command or a person made is never overwritten', () => {
  const mine = join(dir, 'mine.json');
  writeFileSync(mine, 'by hand');
  assert.throws(
    () => write(mine, 'x'),
    (e: Error) => e instanceof OutputRefusedError && /exists and was not written by rmw eval/.test(e.message),
  );
  assert.equal(readFileSync(mine, 'utf8'), 'by hand');
  const other = join(dir, 'pairs.jsonl');
  openFileOutput(other, { kind: { kind: 'import', writer: 'rmw import', noun: 'pairs file' } }).write('p');
  assert.throws(() => write(other, 'x'), /was written by rmw import \(kind "import"\), not a evaluation result/);
  mkdirSync(join(dir, 'folder'));
  assert.throws(() => write(join(dir, 'folder'), 'x'), /is a folder/);
});

test('an input is never written onto: the same path, a symbolic link to it, a hard link to it', () => {
  const input = join(dir, 'weights.bin');
  writeFileSync(input, 'weights');
  symlinkSync(input, join(dir, 'sym.bin'));
  linkSync(input, join(dir, 'hard.bin'));
  for (const out of [input, join(dir, 'sym.bin'), join(dir, 'hard.bin'), join(dir, 'x', '..', 'weights.bin')]) {
    assert.throws(
      () => write(out, 'scores', [{ path: input, what: "the run's weights (--run)" }]),
      /is an input of this command \(the run's weights \(--run\): /,
      out,
    );
  }
  assert.equal(readFileSync(input, 'utf8'), 'weights');
});

test('temporaries of writers that are gone are swept; those of running ones are kept', () => {
  const sub = join(dir, 'sweep');
  mkdirSync(sub);
  const gone = spawnSync(process.execPath, ['-e', '0']).pid as number;
  const dead = `.a.json.tmp-${gone}-0badc0de`;
  const live = `.b.json.tmp-${process.pid}-0badc0de`;
  for (const n of [dead, live, 'keep.json']) writeFileSync(join(sub, n), '');
  const err = captureStderr(() => assert.deepEqual(sweepTemporaries(sub), [dead]));
  assert.match(err, /removed 1 temporary file/);
  assert.ok(!existsSync(join(sub, dead)) && existsSync(join(sub, live)) && existsSync(join(sub, 'keep.json')));
});
