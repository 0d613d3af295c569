// A folder output (a run, a mix, the figures, a results folder): built whole in a staging folder beside the target
// and published in one swap (swap.ts), under the output's lock (lock.ts). Opening it checks, before any work:
// - the folder is not an input of the command and replacing it destroys none (inputs.ts);
// - an existing folder was written by the same kind of output (its marker, marker.ts); an empty one is fine;
//   anything else is refused;
// - replacing a finished output of this kind is allowed (`replace`: --force for runs and mixes, always for
//   regenerated folders such as the figures);
// - without `force`, what the old folder holds beyond its own files (another command's output nested in it, a
//   person's file) is carried into the new one; with `force` the folder is replaced whole and those entries are
//   removed, named in a note (e.g. an evaluation written into a run folder that is retrained). An output that
//   must hold nothing but its own files (`foreign: 'refuse'`, e.g. an export job, whose folder is copied to a
//   cluster as it is) refuses such a folder instead.
// The staging folder of a stopped writer is removed, unless the output is resumable (training keeps it, so
// --resume can continue from its checkpoint; see train/runOutput.ts). Abandoning (an error, a signal) removes the
// staging folder of a non-resumable output (a resumable one only when empty) and releases the lock; a kill -9
// leaves both, and the next writer removes them.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { OutputRefusedError } from './errors.js';
import { guardInputs, realPath, type CommandInput } from './inputs.js';
import { lockOutput, type OutputLock } from './lock.js';
import { describeMarker, readFolderMarker, writeFolderMarker, type OutputKind, type OutputMarker } from './marker.js';
import { isBookkeeping, MARKER_FILE, stagingPath } from './names.js';
import { untilDone } from './onExit.js';
import { note } from './owner.js';
import { publishFolder, recoverInterrupted } from './swap.js';
import { sweepTemporaries } from './sweep.js';

export interface FolderOutputOptions {
  kind: OutputKind;
  /** May an existing output of this kind be replaced (default false: refused, naming --force). */
  replace?: boolean;
  /** Replace whole: remove what the old folder holds beyond its own files instead of carrying it over. */
  force?: boolean;
  /** The staging folder is work in progress that a later run may continue (kept when abandoned). */
  resumable?: boolean;
  /** What the command reads: never written onto. */
  inputs?: readonly CommandInput[];
  /** The command line for the lock (default: this process's). */
  command?: string;
  /** What to do with entries of the old folder that are not its own: carry them over (default) or refuse. */
  foreign?: 'carry' | 'refuse';
}

export interface PublishedFolder {
  target: string;
  /** The files of the new set (relative paths). */
  files: string[];
  /** Entries of the old folder that were not its own, carried into the new one. */
  carried: string[];
  /** Entries of the old folder that the new set no longer has (removed). */
  removed: string[];
}

export interface FolderOutput {
  /** The output folder (real path). */
  readonly target: string;
  /** Where to write the new set: the staging folder. */
  readonly dir: string;
  /** The marker of the output in place, when there is one. */
  readonly existing: OutputMarker | undefined;
  /** A resumable output's staging folder was found from an earlier, unfinished run. */
  readonly unfinished: boolean;
  /** Empties the staging folder (an unfinished run is discarded). */
  startOver(): void;
  /** Publishes the staging folder as the output and releases the lock. */
  commit(): PublishedFolder;
  /** Ends without publishing; safe after commit and more than once. */
  abandon(): void;
}

function topLevel(files: readonly string[]): Set<string> {
  return new Set(files.map((f) => f.split('/')[0]));
}

/** The existing output at `target`: its marker, or undefined when absent or empty; refused when not this kind's. */
function inspect(target: string, o: FolderOutputOptions): OutputMarker | undefined {
  if (!existsSync(target)) return undefined;
  const { kind } = o;
  if (!statSync(target).isDirectory())
    throw new OutputRefusedError(`${target} exists and is a file, not a folder; choose another output folder`);
  const marker = readFolderMarker(target);
  if (!marker) {
    if (readdirSync(target).length === 0) return undefined;
    throw new OutputRefusedError(
      `${target} exists and was not written by ${kind.writer} (it has no ${MARKER_FILE}); nothing there is ` +
        'overwritten. Choose a new folder, or move its contents away',
    );
  }
  if (marker.kind !== kind.kind)
    throw new OutputRefusedError(
      `${target} was ${describeMarker(marker)}, not a ${kind.noun}: it holds ${marker.files[0] ?? MARKER_FILE}, ` +
        `which an earlier \`${kind.writer}\` did not write; choose another folder`,
    );
  if (!o.replace)
    throw new OutputRefusedError(
      `${target} holds a finished ${kind.noun} (${describeMarker(marker)}); pass --force to replace it ` +
        '(everything in the folder is replaced)',
    );
  return marker;
}

export function openFolderOutput(path: string, o: FolderOutputOptions): FolderOutput {
  const target = realPath(path);
  if (!basename(target)) throw new OutputRefusedError(`${path} is not a folder that can be an output`);
  const staging = stagingPath(target);
  const lock: OutputLock = lockOutput(target, o.command);
  let forget = () => {};
  try {
    recoverInterrupted(target);
    sweepTemporaries(dirname(target));
    const existing = inspect(target, o);
    const own = topLevel(existing?.files ?? []);
    if (existing && o.foreign === 'refuse') {
      const stray = readdirSync(target).find((n) => n !== MARKER_FILE && !own.has(n));
      if (stray !== undefined)
        throw new OutputRefusedError(
          `refusing to write into ${target}: it holds ${stray}, which an earlier \`${o.kind.writer}\` did not write ` +
            '(choose a new or empty folder, or move it away)',
        );
    }
    guardInputs(target, o.inputs ?? [], (child) => Boolean(o.force) || own.has(child) || !existing);
    let unfinished = false;
    if (existsSync(staging)) {
      if (o.resumable) {
        // a writer killed while writing its first file leaves only a temporary: that is no work to continue
        sweepTemporaries(staging);
        unfinished = readdirSync(staging).length > 0;
      } else {
        rmSync(staging, { recursive: true, force: true });
        note(`removed ${staging}, an unfinished ${o.kind.noun} left by a writer that was stopped`);
      }
    }
    mkdirSync(staging, { recursive: true });
    /** A non-resumable staging folder goes; a resumable one stays unless nothing was written to it. */
    const clearStaging = (): string => {
      if (!o.resumable || (existsSync(staging) && readdirSync(staging).length === 0)) {
        rmSync(staging, { recursive: true, force: true });
        return `nothing published to ${target}, the unfinished ${o.kind.noun} removed`;
      }
      return (
        `nothing published to ${target}; kept the unfinished ${o.kind.noun} in ${staging}: --resume ` +
        `continues it from its last checkpoint`
      );
    };
    forget = untilDone(clearStaging);
    let done = false;
    const end = () => {
      done = true;
      forget();
      lock.release();
    };
    return {
      target,
      dir: staging,
      existing,
      unfinished,
      startOver() {
        rmSync(staging, { recursive: true, force: true });
        mkdirSync(staging, { recursive: true });
      },
      commit(): PublishedFolder {
        if (done) throw new Error(`${target}: this output was already committed or abandoned`);
        try {
          const files = writeFolderMarker(staging, o.kind);
          const fresh = topLevel(files);
          const old = existsSync(target) ? readdirSync(target).filter((n) => n !== MARKER_FILE) : [];
          const carried = o.force ? [] : old.filter((n) => !own.has(n));
          const clash = carried.filter((n) => fresh.has(n));
          if (clash.length)
            throw new OutputRefusedError(
              `${target}/${clash[0]} was not written by ${o.kind.writer}, and the new ${o.kind.noun} has an entry ` +
                'of that name; move it away, or pass --force to replace the folder whole',
            );
          const removed = old.filter((n) => !fresh.has(n) && !carried.includes(n));
          const foreign = removed.filter((n) => !own.has(n) && !isBookkeeping(n));
          publishFolder(staging, target, carried);
          if (foreign.length) note(`removed with the old ${o.kind.noun} in ${target}: ${foreign.join(', ')}`);
          return { target, files, carried, removed };
        } finally {
          clearStaging();
          end();
        }
      },
      abandon() {
        if (done) return;
        clearStaging();
        end();
      },
    };
  } catch (err) {
    forget();
    lock.release();
    throw err;
  }
}
