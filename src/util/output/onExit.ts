// Clean-up on every exit path. Work that leaves something behind until it finishes (a lock, a staging folder)
// registers how to undo it; the undo runs when the work ends normally (the caller unregisters it after doing it),
// when the process exits, and when it is stopped by SIGINT, SIGTERM or SIGHUP (after which the signal is raised
// again, so the exit status still says which one). Only kill -9 skips it: the next writer of the same output finds
// the dead process's lock and temporaries and removes them (lock.ts, sweep.ts).

const actions = new Map<number, () => void>();
let nextId = 1;
let exitHooked = false;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function runAll(): void {
  for (const [id, undo] of [...actions].reverse()) {
    actions.delete(id);
    try {
      undo();
    } catch {
      // an exit path must not throw; what could not be undone is found and removed by the next writer
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  runAll();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  process.kill(process.pid, signal);
}

/** Runs `undo` if the process ends before the returned function is called (which forgets it without running it). */
export function untilDone(undo: () => void): () => void {
  const id = nextId++;
  actions.set(id, undo);
  if (!exitHooked) {
    process.on('exit', runAll);
    exitHooked = true;
  }
  if (actions.size === 1) for (const s of SIGNALS) process.on(s, onSignal);
  return () => {
    actions.delete(id);
    if (actions.size === 0) for (const s of SIGNALS) process.removeListener(s, onSignal);
  };
}
