// The names an output's bookkeeping goes by, all beside the output or inside it, all starting with a dot so a
// listing of the folder shows the outputs first: the lock, the staging folder a folder output is built in, the
// backup and journal of a swap in progress, the ownership marker of a folder and the sidecar of a single file.
import { basename, dirname, join } from 'node:path';

/** Inside a folder output: which command wrote it and which files are its own. */
export const MARKER_FILE = '.rmw-output.json';
export const MARKER_FORMAT = 'rmw-output/1';

/** Beside a single-file output: the same facts for that one file. */
export function sidecarPath(file: string): string {
  return join(dirname(file), `.${basename(file)}.rmw-output.json`);
}

/** Beside an output: the lock its one writer holds. */
export function lockPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.lock`);
}

/** Beside a folder output: the folder the next complete set is built in (a run's in-progress state for training). */
export function stagingPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.partial`);
}

/** Beside a folder output, during a swap: the old set, moved aside until the new one is in place. */
export function backupPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.replaced`);
}

/** Beside a folder output, during a swap: what the swap does, so an interrupted one can be finished or undone. */
export function journalPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.swap.json`);
}

/** Temporary files of util/atomicWrite.ts (`.<name>.tmp-<pid>-<8 hex>`) and of the lock (`...lock.<how>-<pid>-...`). */
export const TEMPORARY = /^\..+\.(?:tmp|lock\.new|lock\.stale)-(\d+)-[0-9a-f]{8}$/;

/** Bookkeeping names that a folder's listing of "files it holds" leaves out. */
export function isBookkeeping(name: string): boolean {
  return name === MARKER_FILE || name.endsWith('.rmw-output.json') || TEMPORARY.test(name);
}
