// A pool of worker child processes (one per core by default) that execute jobs (jobs.ts) sent over IPC. Each child
// keeps its caches (offline inputs, evaluation suite, BPE token cache) across jobs. size 0 runs jobs in-process.
import { fork, type ChildProcess } from 'node:child_process';
import { fromRoot } from '../util/paths.js';
import { executeJob, type Job, type JobResult } from './jobs.js';

interface Pending {
  id: number;
  job: Job;
  priority: number;
  resolve: (r: JobResult) => void;
  reject: (e: Error) => void;
}
interface Slot {
  child: ChildProcess;
  ready: Promise<void>;
  busy?: Pending;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(readonly size: number) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn(i));
  }

  private spawn(index: number): Slot {
    const child = fork(fromRoot('src', 'experiments', 'workerMain.ts'), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, RMW_PROGRESS: '0' },
    });
    let onReady!: () => void;
    const slot: Slot = {
      child,
      ready: new Promise<void>((r) => {
        onReady = r;
      }),
    };
    child.on('message', (msg: { ready?: boolean; id?: number; ok?: boolean; result?: JobResult; error?: string }) => {
      if (msg.ready) {
        onReady();
        return;
      }
      const p = slot.busy;
      if (!p || p.id !== msg.id) return;
      slot.busy = undefined;
      if (msg.ok) p.resolve(msg.result as JobResult);
      else p.reject(new Error(msg.error));
      this.pump();
    });
    child.on('exit', (code, signal) => {
      const p = slot.busy;
      slot.busy = undefined;
      if (p) p.reject(new Error(`experiment worker ${index} exited (${code ?? signal}) during a ${p.job.kind} job`));
      if (!this.closed) {
        // replace the dead child so the remaining jobs still run
        const i = this.slots.indexOf(slot);
        if (i >= 0) this.slots[i] = this.spawn(index);
        this.pump();
      }
    });
    return slot;
  }

  /**
   * Queues a job. Higher `priority` runs first (ties in arrival order): the runner gives jobs that others wait on
   * (mixes, the safety scorer) the highest, and long runs more than short ones, so the pool's tail stays short.
   */
  run(job: Job, priority = 0): Promise<JobResult> {
    if (this.size === 0) return executeJob(job);
    return new Promise((resolve, reject) => {
      const p = { id: this.nextId++, job, priority, resolve, reject };
      let at = this.queue.length;
      while (at > 0 && this.queue[at - 1].priority < priority) at--;
      this.queue.splice(at, 0, p);
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy || this.queue.length === 0) continue;
      const p = this.queue.shift()!;
      slot.busy = p;
      slot.ready.then(
        () => slot.child.send({ id: p.id, job: p.job }),
        (e: Error) => p.reject(e),
      );
    }
  }

  /** Stops every worker; resolves with their exit codes (0 for a worker that stopped when asked). */
  async close(): Promise<(number | null)[]> {
    this.closed = true;
    return Promise.all(
      this.slots.map(
        (s) =>
          new Promise<number | null>((resolve) => {
            if (s.child.exitCode !== null || s.child.signalCode !== null) {
              resolve(s.child.exitCode);
              return;
            }
            // Asked to stop, the worker exits 0; killing it would print "stopped by SIGTERM" as if interrupted.
            const timer = setTimeout(() => s.child.kill(), 10_000);
            s.child.once('exit', (code) => {
              clearTimeout(timer);
              resolve(code);
            });
            if (s.child.connected) s.child.send({ stop: true });
            else s.child.kill();
          }),
      ),
    );
  }
}
