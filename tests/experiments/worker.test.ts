import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { fromRoot } from '../../src/util/paths.js';

test('an experiment worker exits once its parent disconnects (no orphaned training)', async () => {
  const child = fork(fromRoot('src', 'experiments', 'workerMain.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  await new Promise<void>((resolve) => child.once('message', () => resolve())); // { ready: true }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.disconnect();
  const code = await Promise.race([
    exited,
    new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 10_000)),
  ]);
  if (code === 'still running') child.kill();
  assert.equal(code, 1);
});
