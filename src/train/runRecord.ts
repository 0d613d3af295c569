// The run record (runs/<id>/run.json): what was trained, on what, how, with which software, and what came out.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fromRoot, repoRoot } from '../util/paths.js';

export const RUN_RECORD_FORMAT = 'rmw-run/1';
export { CHECKPOINT_FILE, RUN_FILE, WEIGHTS_FILE } from '../model/loadRun.js';

function packageVersion(...parts: string[]): string | null {
  try {
    const path = fromRoot(...parts, 'package.json');
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')).version as string) : null;
  } catch {
    return null;
  }
}

export function softwareVersions(): Record<string, string | null> {
  return {
    node: process.versions.node,
    workbench: packageVersion(),
    'gpt-tokenizer': packageVersion('node_modules', 'gpt-tokenizer'),
    '@tensorflow/tfjs-core': packageVersion('node_modules', '@tensorflow', 'tfjs-core'),
  };
}

/** The checkout's commit (with "+dirty" when tracked files changed), or null outside git. */
export function gitCommit(): string | null {
  try {
    const cwd = repoRoot();
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
    return dirty ? `${head}+dirty` : head;
  } catch {
    return null;
  }
}
