// A single-file output (an evaluation's JSON, imported pairs, a scores file): opened before the work, under its
// lock, and refused when the file is one of the command's inputs, is a folder, or exists without having been
// written by the same kind of output (its sidecar, marker.ts). Written atomically (util/atomicWrite.ts) after the
// sidecar, so a kill at any moment leaves the old file or the new one, and the name stays this kind's to rewrite.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { writeFileAtomic } from '../atomicWrite.js';
import { OutputRefusedError } from './errors.js';
import { guardInputs, realPath, type CommandInput } from './inputs.js';
import { lockOutput } from './lock.js';
import { describeMarker, readFileMarker, writeFileMarker, type OutputKind } from './marker.js';
import { sidecarPath } from './names.js';
import { sweepTemporaries } from './sweep.js';

export interface FileOutputOptions {
  kind: OutputKind;
  inputs?: readonly CommandInput[];
  command?: string;
}

export interface FileOutput {
  /** The output file (real path). */
  readonly target: string;
  /** Writes the whole file (atomically) and releases the lock. */
  write(data: string | Uint8Array): void;
  /** Lets a writer that takes a path (and writes atomically itself) write the file, then releases the lock. */
  writeWith(write: (path: string) => void): void;
  /** Ends without writing; safe after a write and more than once. */
  abandon(): void;
}

function checkExisting(target: string, kind: OutputKind): void {
  if (!existsSync(target)) return;
  if (statSync(target).isDirectory())
    throw new OutputRefusedError(`${target} is a folder; the output must be a file name`);
  const marker = readFileMarker(target);
  if (!marker)
    throw new OutputRefusedError(
      `${target} exists and was not written by ${kind.writer} (no ${basename(sidecarPath(target))} beside it); ` +
        'it is not overwritten. Choose another file name, or remove it first',
    );
  if (marker.kind !== kind.kind)
    throw new OutputRefusedError(`${target} was ${describeMarker(marker)}, not a ${kind.noun}; choose another name`);
}

export function openFileOutput(path: string, o: FileOutputOptions): FileOutput {
  const target = realPath(path);
  guardInputs(target, o.inputs ?? []);
  const lock = lockOutput(target, o.command);
  try {
    sweepTemporaries(dirname(target));
    checkExisting(target, o.kind);
  } catch (err) {
    lock.release();
    throw err;
  }
  const writeWith = (write: (p: string) => void) => {
    try {
      writeFileMarker(target, basename(target), o.kind);
      write(target);
    } finally {
      lock.release();
    }
  };
  return {
    target,
    write: (data) => writeWith((p) => writeFileAtomic(p, data)),
    writeWith,
    abandon: () => lock.release(),
  };
}
