// Putting a complete folder in place of the old one. The new set is built in a staging folder beside the target;
// publishing first writes a journal (what goes where), then renames the old folder aside, the staging folder into
// place, carries over the entries of the old folder that belong to others (another command's output nested in it,
// a person's file), and removes the old folder and the journal. Each step is one rename, flushed to disk, so a
// reader finds the old complete set, the new complete set, or (between two renames) no folder; never a mix. A
// process killed half-way leaves the journal, and the next writer of that output finishes the same steps
// (finishSwap is both the second half of publishing and the recovery), so the new set ends up in place.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { syncPath, writeFileAtomic } from '../atomicWrite.js';
import { backupPath, journalPath } from './names.js';
import { note } from './owner.js';
import { readJsonFile } from '../jsonFile.js';

interface Journal {
  format: 'rmw-swap/1';
  /** Names in the target's parent folder. */
  target: string;
  staging: string;
  backup: string;
  /** Top-level entries of the old folder to move into the new one. */
  carry: string[];
}

/** Flushes every file and folder under `dir`, then `dir` itself. */
export function syncTree(dir: string): void {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) syncTree(p);
    else syncPath(p);
  }
  syncPath(dir);
}

/** Publishes the complete folder `staging` at `target`, carrying `carry` (entries of the old target) over. */
export function publishFolder(staging: string, target: string, carry: readonly string[]): void {
  syncTree(staging);
  const journal: Journal = {
    format: 'rmw-swap/1',
    target: basename(target),
    staging: basename(staging),
    backup: basename(backupPath(target)),
    carry: [...carry],
  };
  writeFileAtomic(journalPath(target), `${JSON.stringify(journal, null, 1)}\n`);
  finishSwap(target);
}

/**
 * Finishes (or, when the new set is gone, undoes) a publication of `target` that a journal says was begun; nothing
 * to do without a journal. Returns whether there was one.
 */
export function finishSwap(target: string): boolean {
  const jPath = journalPath(target);
  if (!existsSync(jPath)) return false;
  const j = readJsonFile<Journal>(jPath);
  const parent = dirname(target);
  const [staging, backup] = [join(parent, j.staging), join(parent, j.backup)];
  if (existsSync(staging)) {
    if (existsSync(target)) {
      if (existsSync(backup)) throw new Error(`${target}: both ${backup} and ${staging} exist; sort them out by hand`);
      renameSync(target, backup);
      syncPath(parent);
    }
    renameSync(staging, target);
    syncPath(parent);
  } else if (!existsSync(target) && existsSync(backup)) {
    // the new set is gone (removed by hand): the old one goes back
    renameSync(backup, target);
    syncPath(parent);
  }
  if (existsSync(backup)) {
    for (const name of j.carry) {
      if (existsSync(join(backup, name)) && !existsSync(join(target, name)))
        renameSync(join(backup, name), join(target, name));
    }
    syncPath(target);
    rmSync(backup, { recursive: true, force: true });
  }
  rmSync(jPath, { force: true });
  syncPath(parent);
  return true;
}

/** finishSwap for a writer about to start: says so when it finished an interrupted publication. */
export function recoverInterrupted(target: string): void {
  if (finishSwap(target)) note(`finished putting ${target} in place (a writer was stopped half-way through)`);
}
