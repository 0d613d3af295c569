// Never write onto an input. A command names the files and folders it reads (a run's weights, the pairs it
// imports, the results folder it draws); before anything is written, each is compared with the output by real path
// (symbolic links and "..", resolved) and, for files that exist, by device and inode (a hard link is the same
// file). An output that is an input, or a folder output that would replace an input inside it, is refused.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { OutputRefusedError } from './errors.js';

export interface CommandInput {
  path: string;
  /** What it is, for the message: e.g. "the run's weights (--run)". */
  what: string;
}

/** The real path of `path`, also when it does not exist yet (its deepest existing folder resolved, the rest kept). */
export function realPath(path: string): string {
  const abs = resolve(path);
  if (existsSync(abs)) return realpathSync(abs);
  const parent = dirname(abs);
  return parent === abs ? abs : join(realPath(parent), basename(abs));
}

function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    const [sa, sb] = [statSync(a), statSync(b)];
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/** `inner` lies inside folder `outer` (both real paths): the first path component below it, else undefined. */
export function childOf(outer: string, inner: string): string | undefined {
  const rel = relative(outer, inner);
  if (rel === '' || rel.startsWith('..') || resolve(outer, rel) !== inner) return undefined;
  return rel.split(sep)[0];
}

/**
 * Refuses an output that is one of the command's inputs. For a folder output, `replaced(child)` says whether the
 * top-level entry `child` of the folder would be replaced or removed: an input there is refused too.
 */
export function guardInputs(
  target: string,
  inputs: readonly CommandInput[],
  replaced?: (child: string) => boolean,
): void {
  const out = realPath(target);
  for (const input of inputs) {
    const real = realPath(input.path);
    if (sameFile(out, real)) {
      throw new OutputRefusedError(
        `${target} is an input of this command (${input.what}: ${input.path}); writing there would destroy it. ` +
          'Choose another output',
      );
    }
    const child = replaced ? childOf(out, real) : undefined;
    if (child !== undefined && replaced!(child)) {
      throw new OutputRefusedError(
        `${target} holds an input of this command (${input.what}: ${input.path}), which replacing the folder ` +
          'would destroy. Choose another output',
      );
    }
  }
}
