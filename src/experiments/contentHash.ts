// Content hashes that decide what can be reused: a mix, run or stage is rebuilt only when the hash of everything it
// was made from changes — its spec, the hashes of its inputs, and the source code of the areas that compute it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { listSources } from '../data/sources.js';
import { hashJson, sha256Hex } from '../util/hash.js';
import { repoRoot } from '../util/paths.js';

/** sha256 over the relative paths and bytes of every file under the given folders (sorted), e.g. ['src/curate']. */
export function treeHash(folders: readonly string[], root = repoRoot()): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.push(p);
    }
  };
  for (const f of folders) {
    const p = join(root, f);
    if (existsSync(p) && statSync(p).isFile()) files.push(p);
    else walk(p);
  }
  const parts = files.sort().map((p) => `${relative(root, p)}\n${sha256Hex(readFileSync(p))}`);
  return sha256Hex(parts.join('\n'));
}

/** The source code behind each kind of job (what a change there invalidates). */
// A mix filtered by a scorer and an evaluated run both read a run folder back (loadRun), hence the train files.
export const CODE_AREAS = {
  mix: [
    'src/config',
    'src/data',
    'src/curate',
    'src/model',
    'src/util',
    'src/train/loadRun.ts',
    'src/train/runFolder.ts',
    'src/experiments/mixes.ts',
    'src/experiments/plan.ts',
  ],
  run: ['src/config', 'src/data', 'src/losses', 'src/model', 'src/train', 'src/util'],
  eval: [
    'src/config',
    'src/data',
    'src/eval',
    'src/model',
    'src/util',
    'src/train/loadRun.ts',
    'src/train/runFolder.ts',
    'src/experiments/evalSuite.ts',
  ],
} as const;

export type CodeHashes = Record<keyof typeof CODE_AREAS, string>;

export function codeHashes(root = repoRoot()): CodeHashes {
  return {
    mix: treeHash(CODE_AREAS.mix, root),
    run: treeHash(CODE_AREAS.run, root),
    eval: treeHash(CODE_AREAS.eval, root),
  };
}

/** The manifest sha256 of every offline source (a changed data file changes this). */
export function sourcesHash(): string {
  return hashJson(listSources().map((s) => [s.id, s.sha256]));
}

export function jobKey(parts: Record<string, unknown>): string {
  return hashJson(parts);
}
