// Temporary files outlive their writer only when it is killed with -9 (every other exit path removes them, see
// onExit.ts). Their names carry the writer's pid; the next writer of an output removes those of processes that are
// gone from the output's folder.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPORARY } from './names.js';
import { note, pidIsGone } from './owner.js';

/** Removes the temporary files in `dir` whose writing process is gone; returns their names. */
export function sweepTemporaries(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMPORARY.exec(name);
    if (!m || !pidIsGone(Number(m[1]))) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  if (removed.length) note(`removed ${removed.length} temporary file(s) left by stopped writers in ${dir}`);
  return removed;
}
