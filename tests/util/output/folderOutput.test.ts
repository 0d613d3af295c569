// Folder outputs: built aside, published whole; only the same kind's outputs are replaced (runs and mixes only
// with replace = --force); what the old folder holds beyond its own files is carried over, or removed with force;
// inputs are never destroyed; the staging folder and the lock are gone whatever the ending.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  lockPath,
  MARKER_FILE,
  openFolderOutput,
  OutputRefusedError,
  readFolderMarker,
  stagingPath,
  type OutputKind,
} from '../../../src/util/output/index.js';
import { captureStderr } from './helpers.js';

const root = mkdtempSync(join(tmpdir(), 'rmw-folder-'));
const FIG: OutputKind = { kind: 'figures', writer: 'rmw figures', noun: 'figures folder' };
const MIX: OutputKind = { kind: 'mix', writer: 'rmw curate', noun: 'mix' };

/** Writes `files` (name -> text) as a new set at `target` and publishes it. */
function publish(
  target: string,
  files: Record<string, string>,
  o: { kind?: OutputKind; replace?: boolean; force?: boolean } = {},
) {
  const out = openFolderOutput(target, { kind: o.kind ?? FIG, replace: o.replace ?? true, force: o.force });
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(out.dir, name), text);
    return out.commit();
  } finally {
    out.abandon();
  }
}

const list = (dir: string) => readdirSync(dir).sort();

test('a new folder is published whole with a marker naming its files; nothing is left beside it', () => {
  const target = join(root, 'new');
  const r = publish(target, { 'a.md': 'A', 'b.csv': 'B' });
  assert.deepEqual(r.files, ['a.md', 'b.csv']);
  assert.deepEqual(list(target), [MARKER_FILE, 'a.md', 'b.csv']);
  assert.deepEqual(readFolderMarker(target), {
    format: 'rmw-output/1',
    kind: 'figures',
    writer: 'rmw figures',
    files: ['a.md', 'b.csv'],
  });
  assert.deepEqual(
    list(root).filter((n) => n.includes('new')),
    ['new'],
  );
});

test('replacing keeps what it did not write (carried), drops its own stale files, and refuses a name clash', () => {
  const target = join(root, 'figs');
  publish(target, { 'a.md': 'A1', 'old.md': 'stale' });
  mkdirSync(join(target, 'results'));
  writeFileSync(join(target, 'results', 'x.json'), 'theirs');
  writeFileSync(join(target, 'notes.txt'), 'a person wrote this');
  const r = publish(target, { 'a.md': 'A2', 'c.md': 'C' });
  assert.deepEqual(r.carried.sort(), ['notes.txt', 'results']);
  assert.deepEqual(r.removed, ['old.md']);
  assert.deepEqual(list(target), [MARKER_FILE, 'a.md', 'c.md', 'notes.txt', 'results']);
  assert.equal(readFileSync(join(target, 'a.md'), 'utf8'), 'A2');
  assert.equal(readFileSync(join(target, 'results', 'x.json'), 'utf8'), 'theirs');
  assert.throws(() => publish(target, { 'notes.txt': 'mine now?' }), /notes\.txt was not written by rmw figures/);
  assert.equal(readFileSync(join(target, 'notes.txt'), 'utf8'), 'a person wrote this');
  assert.ok(!existsSync(stagingPath(target)) && !existsSync(lockPath(target)));
});

test('force replaces the folder whole and names what it removed that was not its own', () => {
  const target = join(root, 'forced');
  publish(target, { 'a.md': 'A' });
  writeFileSync(join(target, 'lite.json'), '{}');
  let r: ReturnType<typeof publish> | undefined;
  const err = captureStderr(() => (r = publish(target, { 'a.md': 'A2' }, { force: true })));
  assert.deepEqual(r!.removed, ['lite.json']);
  assert.match(err, /removed with the old figures folder in .*forced: lite\.json/);
  assert.deepEqual(list(target), [MARKER_FILE, 'a.md']);
});

test('a finished output of a kind that needs --force is refused without it, and left as it was', () => {
  const target = join(root, 'mix');
  publish(target, { 'train.parquet': 'v1' }, { kind: MIX, replace: false });
  assert.throws(
    () => publish(target, { 'train.parquet': 'v2' }, { kind: MIX, replace: false }),
    (e: Error) =>
      e instanceof OutputRefusedError && /holds a finished mix \(written by rmw curate.*pass --force/.test(e.message),
  );
  assert.equal(readFileSync(join(target, 'train.parquet'), 'utf8'), 'v1');
  publish(target, { 'train.parquet': 'v2' }, { kind: MIX, replace: true, force: true });
  assert.equal(readFileSync(join(target, 'train.parquet'), 'utf8'), 'v2');
});

test("a folder without a marker, or another kind's, is refused; an empty folder is fine", () => {
  const mine = join(root, 'mine');
  mkdirSync(mine);
  writeFileSync(join(mine, 'train.jsonl'), 'my data');
  assert.throws(() => publish(mine, { x: '1' }, { force: true }), /exists and was not written by rmw figures/);
  assert.equal(readFileSync(join(mine, 'train.jsonl'), 'utf8'), 'my data');
  const mixDir = join(root, 'a-mix');
  publish(mixDir, { 'train.parquet': 'p' }, { kind: MIX });
  assert.throws(
    () => publish(mixDir, { x: '1' }, { force: true }),
    /was written by rmw curate \(kind "mix"\), not a figures folder/,
  );
  const empty = join(root, 'empty');
  mkdirSync(empty);
  publish(empty, { 'a.md': 'A' });
  assert.deepEqual(list(empty), [MARKER_FILE, 'a.md']);
  const file = join(root, 'a-file');
  writeFileSync(file, 'x');
  assert.throws(() => publish(file, {}), /exists and is a file, not a folder/);
});

test('an input inside the folder is refused when replacing would remove it, allowed when it is carried', () => {
  const target = join(root, 'with-input');
  publish(target, { 'own.md': 'O' });
  mkdirSync(join(target, 'results'));
  writeFileSync(join(target, 'results', 'in.json'), 'input');
  const open = (force: boolean, input: string) =>
    openFolderOutput(target, { kind: FIG, replace: true, force, inputs: [{ path: input, what: '--results' }] });
  open(false, join(target, 'results')).abandon(); // carried over: safe
  assert.throws(() => open(true, join(target, 'results')), /holds an input of this command \(--results: /);
  assert.throws(() => open(false, join(target, 'own.md')), /holds an input of this command/);
  assert.throws(() => open(false, target), /is an input of this command/);
});

test(
  'abandoning removes the staging folder and the lock; a stopped ' + "writer's staging folder is removed next time",
  () => {
    const target = join(root, 'abandoned');
    const out = openFolderOutput(target, { kind: FIG });
    writeFileSync(join(out.dir, 'half.md'), 'half');
    out.abandon();
    assert.ok(!existsSync(out.dir) && !existsSync(lockPath(target)) && !existsSync(target));
    mkdirSync(stagingPath(target));
    writeFileSync(join(stagingPath(target), 'left.md'), 'from a killed writer');
    const err = captureStderr(() => publish(target, { 'a.md': 'A' }));
    assert.match(err, /removed .*\.abandoned\.partial, an unfinished figures folder left by a writer that was stopped/);
    assert.deepEqual(list(target), [MARKER_FILE, 'a.md']);
  },
);

test('a resumable staging folder is kept when abandoned (unless empty) and reported as unfinished', () => {
  const target = join(root, 'resumable');
  const kind: OutputKind = { kind: 'run', writer: 'rmw train', noun: 'run' };
  const a = openFolderOutput(target, { kind, resumable: true });
  assert.equal(a.unfinished, false);
  a.abandon();
  assert.ok(!existsSync(stagingPath(target)), 'an empty staging folder is not kept');
  const b = openFolderOutput(target, { kind, resumable: true });
  writeFileSync(join(b.dir, 'checkpoint.bin'), 'ck');
  b.abandon();
  const c = openFolderOutput(target, { kind, resumable: true });
  assert.equal(c.unfinished, true);
  assert.equal(readFileSync(join(c.dir, 'checkpoint.bin'), 'utf8'), 'ck');
  c.startOver();
  assert.deepEqual(readdirSync(c.dir), []);
  c.abandon();
});

test("a resumable staging folder holding only a dead writer's temporary is no unfinished work", () => {
  const target = join(root, 'killed-at-first-write');
  const kind: OutputKind = { kind: 'run', writer: 'rmw train', noun: 'run' };
  mkdirSync(stagingPath(target), { recursive: true });
  writeFileSync(join(stagingPath(target), '.run.json.tmp-999999-0badc0de'), '{"sta');
  let out: ReturnType<typeof openFolderOutput> | undefined;
  const said = captureStderr(() => (out = openFolderOutput(target, { kind, resumable: true })));
  assert.equal(out!.unfinished, false);
  assert.deepEqual(readdirSync(out!.dir), []);
  assert.match(said, /removed 1 temporary file\(s\) left by stopped writers in .*\.killed-at-first-write\.partial/);
  out!.abandon();
});
