// One writer per output. The lock is a file beside the output (`.<name>.lock`) holding the writer's pid, start
// time, host, command line and the moment it began. It appears whole or not at all (written to a temporary file,
// then hard-linked to its name, which fails when a lock already exists), so a second writer always reads a
// complete one and is refused with a message naming the first. A lock whose process is gone (killed with -9, the
// machine restarted) is stale: the next writer says so and removes it. Released when the work ends, on every exit
// path (onExit.ts).
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { OutputLockedError } from './errors.js';
import { lockPath } from './names.js';
import { currentProcess, isRunning, note, type ProcessIdentity } from './owner.js';
import { untilDone } from './onExit.js';

export interface LockHolder extends ProcessIdentity {
  /** The output the lock guards, and when the holder took it (ISO time). */
  target: string;
  since: string;
  /** Random, so a lock can be told apart from a later lock of the same process. */
  token: string;
}

export interface OutputLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Removes the lock (only if it is still this one); safe to call more than once. */
  release(): void;
}

/** The lock file's text, or undefined when there is none. */
function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function parseHolder(text: string | undefined): LockHolder | undefined {
  try {
    return text === undefined ? undefined : (JSON.parse(text) as LockHolder);
  } catch {
    return undefined;
  }
}

function readHolder(path: string): LockHolder | undefined {
  return parseHolder(readText(path));
}

function describeHolder(h: LockHolder): string {
  return `pid ${h.pid}${h.host ? ` on ${h.host}` : ''} (${h.command || 'unknown command'}), since ${h.since}`;
}

/** Creates the lock file whole: a temporary file with the content, hard-linked to the lock's name. */
function tryCreate(path: string, holder: LockHolder): boolean {
  const tmp = `${path}.new-${process.pid}-${randomBytes(4).toString('hex')}`;
  const fd = openSync(tmp, 'wx');
  try {
    writeSync(fd, `${JSON.stringify(holder, null, 1)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/**
 * Removes a stale lock (`text` is what was read and judged stale), unless it changed meanwhile: it is first moved
 * to a name of its own (one rename, so of two processes breaking it only one gets it), then compared; a lock that
 * turns out to be a fresh one is put back.
 */
function breakStale(path: string, text: string): void {
  const stale = parseHolder(text);
  const claimed = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, claimed);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (readText(claimed) !== text) {
    try {
      linkSync(claimed, path);
    } catch {
      // a third writer took the name meanwhile; the one we moved keeps running without its file
    }
  } else {
    note(
      stale
        ? `removed a stale lock on ${stale.target}: ${describeHolder(stale)} is no longer running`
        : `removed an unreadable lock ${path}`,
    );
  }
  rmSync(claimed, { force: true });
}

/** Takes the lock of `target` for this process, or throws OutputLockedError naming the process that holds it. */
export function lockOutput(target: string, command?: string): OutputLock {
  const path = lockPath(target);
  mkdirSync(dirname(path), { recursive: true });
  const holder: LockHolder = {
    ...currentProcess(command),
    target,
    since: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path, holder)) {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        if (readHolder(path)?.token === holder.token) rmSync(path, { force: true });
      };
      const forget = untilDone(release);
      return {
        path,
        holder,
        release() {
          release();
          forget();
        },
      };
    }
    const text = readText(path);
    if (text === undefined) continue; // released meanwhile: try again
    const other = parseHolder(text);
    if (other && isRunning(other)) {
      throw new OutputLockedError(
        `${target} is being written by ${describeHolder(other)}; wait for it to finish or stop it ` +
          `(the lock is ${path})`,
      );
    }
    breakStale(path, text);
  }
  throw new OutputLockedError(`${target}: could not take the lock ${path} (other writers keep taking it)`);
}

/** The process holding the lock of `target`, when one does (for messages and tests). */
export function lockHolder(target: string): LockHolder | undefined {
  return readHolder(lockPath(target));
}
