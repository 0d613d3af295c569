// Synchronous work (a curation pass, reading a large file, a bootstrap with many resamples) keeps the thread that
// runs it busy, so a SIGINT or SIGTERM would be handled only when that work ends. Such work runs here in a worker
// thread instead: the main thread only waits, so its signal handler (util/output/onExit.ts) runs at once. The
// handler stops the worker first (registered last, undone first), then removes what the command staged, prints
// one line and ends the process with the signal. The worker runs the same code on the same arguments, so the
// results are the same bytes as on the main thread.
// The worker loads the TypeScript sources through tsx, as bin/rmw.js does, and calls one exported function of a
// module in src/cli with structured-cloneable arguments; its result comes back by structured clone.
import { Worker } from 'node:worker_threads';
import { InputError, type InputLocation } from '../util/errors.js';
import { OutputRefusedError } from '../util/output/errors.js';
import { untilDone } from '../util/output/onExit.js';
import { ResultError, UsageError } from './errors.js';

/** An error as it crosses the thread boundary: its class by name, its message, and the fields the CLI reads. */
interface SentError {
  name: string;
  message: string;
  stack?: string;
  result?: unknown;
  location?: InputLocation;
}

type Reply = { ok: true; value: unknown } | { ok: false; error: SentError };

/** The worker's program: load tsx, import the module, call the function, send back its value or its error. */
const WORKER =
  `
const { parentPort, workerData } = require('node:worker_threads');
// progress lines (util/progress.ts) read whether stderr is a terminal: the worker's stderr is the main thread's
if (workerData.tty) Object.defineProperty(process.stderr, 'isTTY', { value: true });
const send = (err) => ({ name: err?.name ?? 'Error', message: err?.message ?? String(err), stack: err?.stack,
  ...(err && 'result' in err ? { result: err.result } : {}), ...(err?.location ? { location: err.location } : {}) });
import(workerData.tsx)
  .then((tsx) => { tsx.register(); return import(workerData.module); })
  .then((mod) => mod[workerData.fn](...workerData.args))
  .then((value) => parentPort.postMessage({ ok: true, value }), ` +
  `(err) => parentPort.postMessage({ ok: false, error: send(err) }));
`;

/** The error the CLI would have met on the main thread: the classes it tells apart keep their class. */
function rebuild(e: SentError): Error {
  const err =
    e.name === 'ResultError'
      ? new ResultError(e.message, e.result)
      : e.name === 'UsageError'
        ? new UsageError(e.message)
        : e.name === 'OutputRefusedError'
          ? new OutputRefusedError(e.message)
          : e.name === 'InputError' && e.location
            ? Object.assign(new InputError(e.location, ''), { message: e.message })
            : Object.assign(new Error(e.message), { name: e.name });
  if (e.stack) err.stack = e.stack;
  return err;
}

/**
 * Calls `fn` of `module` (a URL, e.g. `new URL('./curate.ts', import.meta.url)`) with `args` in a worker thread.
 * A signal while it runs stops the worker before the command's other clean-ups run; `stopped` is what the signal's
 * line then says of the command's output (a staged folder's own clean-up says it already).
 */
export function offThread<T>(module: URL, fn: string, args: unknown[], stopped?: string): Promise<T> {
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      tsx: import.meta.resolve('tsx/esm/api'),
      module: module.href,
      fn,
      args,
      tty: Boolean(process.stderr.isTTY),
    },
    stdout: false,
    stderr: false,
  });
  const forget = untilDone(() => {
    void worker.terminate();
    return stopped;
  });
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const done = (f: () => void) => {
      if (settled) return;
      settled = true;
      forget();
      worker.unref(); // it ends by itself once its function has returned; it never holds the process open
      f();
    };
    worker.once('message', (reply: Reply) =>
      done(() => (reply.ok ? resolve(reply.value as T) : reject(rebuild(reply.error)))),
    );
    worker.once('error', (err) => done(() => reject(err)));
    worker.once('exit', (code) => done(() => reject(new Error(`the worker thread of ${fn} ended (code ${code})`))));
  });
}
