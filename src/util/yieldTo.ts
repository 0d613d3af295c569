// Long loops that never wait on I/O keep the event loop busy, so a SIGINT or SIGTERM handler (util/output/onExit.ts
// removes the staging folders, then the process stops) runs only when the loop ends, and a page never repaints.
// A loop awaits `yieldEvery`'s function once per pass (a turn at most every `everyMs` milliseconds: a signal is
// handled within about that long and the loop costs nothing) or `yieldNow` where one turn is needed right then.
// Platform-pure: setImmediate in Node, a message-channel turn in a browser (setTimeout(0) is clamped to 4 ms after
// a few nested calls).

/** One turn of the event loop, now (awaited right before work is published, so a pending signal stops it first). */
export function yieldNow(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** An `await`-able that yields to the event loop when `everyMs` has passed since it last did. */
export function yieldEvery(everyMs = 100): () => Promise<void> {
  let last = performance.now();
  return async () => {
    const now = performance.now();
    if (now - last < everyMs) return;
    last = now;
    await yieldNow();
  };
}
