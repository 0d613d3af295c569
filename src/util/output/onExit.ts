// Clean-up on every exit path. Work that leaves something behind until it finishes (a lock, a staging folder)
// registers how to undo it; the undo runs when the work ends normally (the caller unregisters it after doing it),
// when the process exits, and when it is stopped by SIGINT, SIGTERM or SIGHUP (after which the signal is raised
// again, so the exit status still says which one). Only kill -9 skips it: the next writer of the same output finds
// the dead process's lock and temporaries and removes them (lock.ts, sweep.ts).
// The signal handlers stay installed once work has registered: a signal that arrives during synchronous work is
// handled only when that work yields, and by then the work may have finished and unregistered; with the handlers
// gone the signal would be lost and the process would run on and exit 0, as if never stopped.

/** An undo; it may say what it kept or removed, for the one line a signal prints. */
type Undo = () => string | void;

const actions = new Map<number, Undo>();
let nextId = 1;
let exitHooked = false;
let signalsHooked = false;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function runAll(): string[] {
  const said: string[] = [];
  for (const [id, undo] of [...actions].reverse()) {
    actions.delete(id);
    try {
      const s = undo();
      if (s) said.push(s);
    } catch {
      // an exit path must not throw; what could not be undone is found and removed by the next writer
    }
  }
  return said;
}

function onSignal(signal: NodeJS.Signals): void {
  const said = runAll();
  try {
    process.stderr.write(`rmw: stopped by ${signal}${said.length ? `: ${said.join('; ')}` : ''}\n`);
  } catch {
    // stderr is gone: the exit status still names the signal
  }
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  signalsHooked = false;
  // raised again with no handler of ours: the default action ends the process, its status naming the signal
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

/** Runs `undo` if the process ends before the returned function is called (which forgets it without running it). */
export function untilDone(undo: Undo): () => void {
  const id = nextId++;
  actions.set(id, undo);
  if (!exitHooked) {
    process.on('exit', () => void runAll());
    exitHooked = true;
  }
  if (!signalsHooked) {
    for (const s of SIGNALS) process.on(s, onSignal);
    signalsHooked = true;
  }
  return () => {
    actions.delete(id);
  };
}
