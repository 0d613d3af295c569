// Long loops that never wait on I/O keep Node's event loop busy, so a SIGINT or SIGTERM handler (util/output/
// onExit.ts removes the staging folders, then the process stops) runs only when the loop ends: Ctrl-C did nothing
// until the work was done. A loop awaits the function this returns once per pass; it gives the event loop a turn
// at most every `everyMs` milliseconds, so a signal is handled within about that long and the loop costs nothing.

/** An `await`-able that yields to the event loop when `everyMs` has passed since it last did. */
export function yieldEvery(everyMs = 100): () => Promise<void> {
  let last = performance.now();
  return async () => {
    const now = performance.now();
    if (now - last < everyMs) return;
    last = now;
    await new Promise((resolve) => setImmediate(resolve));
  };
}

/**
 * One turn of the event loop, now: awaited right before work is published (a folder swapped in, a file renamed into
 * place), so a signal that arrived during the synchronous work before it is handled first (its staging removed, the
 * process stopped) and the unfinished work is never published.
 */
export function yieldNow(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
