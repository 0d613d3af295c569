// Where the workbench finds itself, the offline data mirror, the download cache and run folders.
// Works both from the TypeScript sources (tsx) and from the CommonJS bundle that notebooks load.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { setting } from '../config/env.js';

const PACKAGE_NAME = 'reward-workbench';

function isWorkbenchRoot(dir: string): boolean {
  const pkg = join(dir, 'package.json');
  if (!existsSync(pkg)) return false;
  try {
    return JSON.parse(readFileSync(pkg, 'utf8')).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

function walkUp(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (isWorkbenchRoot(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function moduleDir(): string | undefined {
  if (typeof __dirname !== 'undefined') return __dirname;
  try {
    const url = (import.meta as { url?: string }).url;
    return url ? dirname(fileURLToPath(url)) : undefined;
  } catch {
    return undefined;
  }
}

let cachedRoot: string | undefined;

/** The workbench checkout: $RMW_ROOT, else found from this module's location, else from the working directory. */
export function repoRoot(): string {
  if (cachedRoot) return cachedRoot;
  const fromEnv = setting('root');
  const here = moduleDir();
  const found = (fromEnv && resolve(fromEnv)) || (here && walkUp(here)) || walkUp(process.cwd());
  if (!found) throw new Error(`cannot find the ${PACKAGE_NAME} checkout: set RMW_ROOT to its folder`);
  cachedRoot = found;
  return found;
}

/** The read-only mirror of the public source files: $RMW_DATA_DIR, default ../shared/data beside the checkout. */
export function dataMirrorDir(): string {
  return resolve(setting('dataDir') ?? join(repoRoot(), '..', 'shared', 'data'));
}

/** Where downloaded source files are kept: $RMW_CACHE_DIR, default ~/.cache/reward-workbench. */
export function cacheDir(): string {
  return resolve(setting('cacheDir') ?? join(homedir(), '.cache', PACKAGE_NAME));
}

export function fromRoot(...parts: string[]): string {
  return join(repoRoot(), ...parts);
}
