// Entry of an experiment worker child (forked by pool.ts with tsx): executes one job per message, replies with
// the result or the error. Not exported from the library: importing it starts listening.
import { guardStdio } from '../util/stdio.js';
import { executeJob, type Job } from './jobs.js';

guardStdio('rmw experiment worker');

/** A reply to the parent; when the parent is gone (interrupted) the worker stops quietly instead of crashing. */
function reply(msg: object): void {
  process.send?.(msg, undefined, {}, (err) => {
    if (err) process.exit(1);
  });
}

process.on('message', (msg: { id: number; job: Job } | { stop: true }) => {
  if ('stop' in msg) process.exit(0); // the pool is done with this worker: a normal end, not a signal
  executeJob(msg.job).then(
    (result) => reply({ id: msg.id, ok: true, result }),
    (err: unknown) =>
      reply({
        id: msg.id,
        ok: false,
        error: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err),
      }),
  );
});
// The parent is gone (killed, or its output pipe closed): stop instead of training on for nobody.
process.on('disconnect', () => process.exit(1));
reply({ ready: true });
