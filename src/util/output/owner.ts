// Who is writing: this process described for a lock (pid, the moment the kernel started it, host, command line),
// and whether the process a lock names is still the one that took it. A pid alone is not enough: after a crash the
// number may be reused by an unrelated process, so on Linux the lock also records the process's start time
// (/proc/<pid>/stat, field 22) and a pid whose start time differs counts as gone.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename } from 'node:path';

export interface ProcessIdentity {
  pid: number;
  /** Kernel start time of the process in clock ticks since boot (Linux), or null where unknown. */
  startTicks: string | null;
  host: string;
  /** The command line, as a person would type it. */
  command: string;
}

/** Clock ticks since boot at which `pid` started, from /proc (null off Linux or when the process is gone). */
export function processStartTicks(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

/** This process's command line: `rmw train --out runs/a` for the CLI, the script and its arguments otherwise. */
export function currentCommand(): string {
  const [, script = '', ...rest] = process.argv;
  const name = /(^|\/)(rmw(\.js)?|cli\.ts)$/.test(script) ? 'rmw' : basename(script);
  return [name, ...rest].join(' ').trim();
}

export function currentProcess(command = currentCommand()): ProcessIdentity {
  return { pid: process.pid, startTicks: processStartTicks(process.pid), host: hostname(), command };
}

/**
 * Whether the process a lock names still runs: same host, the pid exists (a pid owned by another user counts as
 * existing), and, where both are known, it started at the recorded time. A lock from another host cannot be
 * checked and counts as running.
 */
export function isRunning(owner: Pick<ProcessIdentity, 'pid' | 'startTicks' | 'host'>): boolean {
  if (owner.host !== hostname()) return true;
  if (!Number.isInteger(owner.pid) || owner.pid <= 0) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const now = processStartTicks(owner.pid);
  return owner.startTicks === null || now === null || now === owner.startTicks;
}

/** Whether a pid recorded in a temporary file's name belongs to a process that is gone (this host only). */
export function pidIsGone(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'EPERM';
  }
}

/** A note to the person running the command (stderr, always shown: it reports something that was changed). */
export function note(text: string): void {
  process.stderr.write(`rmw: ${text}\n`);
}
