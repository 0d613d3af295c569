// The experiments' worker pool ends its workers by asking them to stop: each exits 0, so a finished
// `rmw experiment --workers N` does not print "stopped by SIGTERM" as if it had been interrupted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkerPool } from '../../src/experiments/pool.js';

test('closing the pool stops each worker with exit code 0, not a signal', async () => {
  const pool = new WorkerPool(2);
  assert.deepEqual(await pool.close(), [0, 0]);
});
