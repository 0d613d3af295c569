// The output lock: one writer at a time, a second refused naming the first; a lock left by a process that is gone
// (or whose pid now belongs to another process) is removed with a note and taken over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockHolder, lockOutput, OutputLockedError } from '../../../src/util/output/index.js';
import { lockPath } from '../../../src/util/output/names.js';
import { captureStderr } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'rmw-lock-'));

test('a second writer is refused with a message naming the first (pid, command, start time)', () => {
  const target = join(dir, 'run-a');
  const first = lockOutput(target, 'rmw train --out run-a');
  assert.equal(lockHolder(target)?.pid, process.pid);
  assert.throws(
    () => lockOutput(target, 'rmw train --out run-a --seed 2'),
    (err: Error) =>
      err instanceof OutputLockedError &&
      err.message.includes(`is being written by pid ${process.pid} on ${hostname()} (rmw train --out run-a), since `) &&
      err.message.includes(lockPath(target)),
  );
  first.release();
  assert.ok(!existsSync(lockPath(target)));
  lockOutput(target).release(); // free again
});

test('release is idempotent and never removes a lock that is no longer this one', () => {
  const target = join(dir, 'run-b');
  const a = lockOutput(target);
  a.release();
  const b = lockOutput(target);
  a.release(); // a's lock is gone; b's stays
  assert.equal(lockHolder(target)?.token, b.holder.token);
  b.release();
});

test('a lock whose process is gone is stale: removed with a note naming it, then taken', () => {
  const target = join(dir, 'run-c');
  const gone = spawnSync(process.execPath, ['-e', '0']).pid as number; // exited: its pid names no process now
  const stale = { pid: gone, startTicks: null, host: hostname(), command: 'rmw curate x', target, since: 'then' };
  writeFileSync(lockPath(target), JSON.stringify({ ...stale, token: 'old' }));
  const err = captureStderr(() => lockOutput(target).release());
  assert.match(
    err,
    new RegExp(`removed a stale lock on .*run-c: pid ${gone} .*\\(rmw curate x\\).* is no longer running`),
  );
});

test('a lock naming this pid with another start time belongs to an earlier process (pid reused): stale', () => {
  const target = join(dir, 'run-d');
  const reused = {
    pid: process.pid,
    startTicks: '1',
    host: hostname(),
    command: 'old',
    target,
    since: 'x',
    token: 't',
  };
  writeFileSync(lockPath(target), JSON.stringify(reused));
  const err = captureStderr(() => lockOutput(target).release());
  assert.match(err, /removed a stale lock/);
});

test('an unreadable lock file is removed with a note; a lock of another host is respected', () => {
  const target = join(dir, 'run-e');
  writeFileSync(lockPath(target), '{ not json');
  assert.match(
    captureStderr(() => lockOutput(target).release()),
    /removed an unreadable lock/,
  );
  const other = { pid: 1, startTicks: null, host: 'elsewhere', command: 'rmw eval', target, since: 's', token: 't' };
  writeFileSync(lockPath(target), JSON.stringify(other));
  assert.throws(() => lockOutput(target), /being written by pid 1 on elsewhere \(rmw eval\)/);
  assert.equal(JSON.parse(readFileSync(lockPath(target), 'utf8')).host, 'elsewhere');
});
