// Executes the tslab notebooks headless, in reading order, with Debian's python3 + nbclient, and fails on any
// error, including a TypeScript type error in a cell (tslab reports it as an execution error; errors are never
// allowed). A full run writes each notebook back in place with its outputs, stripped of volatile metadata; a quick
// run (RMW_QUICK=1 in the kernel, for tests and CI) writes to .cache/notebooks/ and leaves the committed files alone.
//
// usage: node --import tsx scripts/run-notebooks.ts [--quick] [--no-build] [--out DIR] [--timeout SECONDS] [names...]
// Notebooks import the library by package name (`reward-workbench` -> dist/index.cjs), so this builds dist first.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stripNotebookFile } from './strip-notebook.js';
import { setting } from '../src/config/env.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PYTHON = setting('python');
const JUPYTER_PATH = join(ROOT, '.jupyter', 'share', 'jupyter');

// Runs one notebook with nbclient: argv = input, output, kernel cwd, per-cell timeout (s). Writes only on success.
const EXECUTE_PY = `
import sys, nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError
src, dst, cwd, timeout = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
nb = nbformat.read(src, as_version=4)
client = NotebookClient(nb, kernel_name='tslab', timeout=timeout, startup_timeout=120, allow_errors=False,
                        resources={'metadata': {'path': cwd}})
try:
    client.execute()
except (CellExecutionError, CellTimeoutError) as e:
    # tslab puts compile errors (line:col - message) on the failing cell's stderr stream, not in the error reply;
    # the failing cell is the last one nbclient started.
    started = [i for i, c in enumerate(nb.cells) if c.get('cell_type') == 'code' and c.get('execution_count')]
    if started:
        print('%s: cell %d failed:' % (src, started[-1] + 1), file=sys.stderr)
        for o in nb.cells[started[-1]].get('outputs', []):
            if o.get('output_type') == 'stream':
                print(o.get('text', ''), file=sys.stderr, end='')
    print(str(e), file=sys.stderr)
    sys.exit(1)
nbformat.write(nb, dst)
`;

export interface NotebookRun {
  notebook: string;
  ok: boolean;
  seconds: number;
  output: string;
  /** The kernel's error text when it failed. */
  error?: string;
}

/** Whether python3 with nbclient and jupyter_client is here; the reason when not. */
export function notebookToolsMissing(): string | undefined {
  const r = spawnSync(PYTHON, ['-c', 'import nbclient, nbformat, jupyter_client'], { encoding: 'utf8' });
  if (r.error) return `${PYTHON} not found (${r.error.message})`;
  if (r.status !== 0)
    return (
      `${PYTHON} lacks nbclient/nbformat/jupyter_client: apt-get install jupyter-nbconvert python3-nbclient ` +
      `jupyter-client`
    );
  return undefined;
}

export function listNotebooks(names: string[] = []): string[] {
  const all = readdirSync(join(ROOT, 'notebooks'))
    .filter((f) => f.endsWith('.ipynb'))
    .sort();
  if (names.length === 0) return all.map((f) => join(ROOT, 'notebooks', f));
  return names.map((n) => {
    const hit = all.find((f) => f === n || f === `${n}.ipynb` || f.startsWith(n));
    if (!hit) throw new Error(`no notebook matches "${n}" in notebooks/ (have: ${all.join(', ')})`);
    return join(ROOT, 'notebooks', hit);
  });
}

function step(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/** Builds dist, links the package into node_modules and registers this checkout's kernel for headless runs. */
export function prepareNotebookRuntime(build = true): void {
  if (build) step(process.execPath, ['scripts/build.mjs']);
  step(process.execPath, ['scripts/link-self.mjs']);
  // A private registration of this checkout's kernel, so headless runs never depend on the user's Jupyter setup.
  step('bash', ['scripts/install-kernel.sh', '--prefix', join(ROOT, '.jupyter')]);
}

export interface RunOptions {
  quick?: boolean;
  /** Where executed notebooks go; default: in place (full) or .cache/notebooks (quick). */
  outDir?: string;
  timeoutSeconds?: number;
  /** The kernel's working directory; default the notebook's folder (as Jupyter does). */
  cwd?: string;
}

export function runNotebook(path: string, options: RunOptions = {}): NotebookRun {
  const outDir = options.outDir ?? (options.quick ? join(ROOT, '.cache', 'notebooks') : dirname(path));
  mkdirSync(outDir, { recursive: true });
  const output = join(outDir, basename(path));
  const start = Date.now();
  const timeout = options.timeoutSeconds ?? (options.quick ? 300 : 1800);
  const env: NodeJS.ProcessEnv = { ...process.env, JUPYTER_PATH, RMW_PROGRESS: '0' };
  if (options.quick) env.RMW_QUICK = '1';
  else delete env.RMW_QUICK;
  const cwd = options.cwd ?? dirname(path);
  const r = spawnSync(PYTHON, ['-c', EXECUTE_PY, path, output, cwd, String(timeout)], {
    cwd,
    env,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const seconds = (Date.now() - start) / 1000;
  const ok = r.status === 0;
  if (ok) stripNotebookFile(output);
  return {
    notebook: basename(path),
    ok,
    seconds,
    output,
    error: ok ? undefined : `${r.stderr}${r.error?.message ?? ''}`,
  };
}

async function main(argv: string[]): Promise<number> {
  const names: string[] = [];
  const options: RunOptions = {};
  let build = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') options.quick = true;
    else if (a === '--no-build') build = false;
    else if (a === '--out') options.outDir = resolve(argv[++i]);
    else if (a === '--timeout') options.timeoutSeconds = Number(argv[++i]);
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else names.push(a);
  }
  const missing = notebookToolsMissing();
  if (missing) {
    console.error(`run-notebooks: ${missing}`);
    return 1;
  }
  prepareNotebookRuntime(build);
  let failed = 0;
  for (const nb of listNotebooks(names)) {
    console.error(`run-notebooks: ${basename(nb)}${options.quick ? ' (quick)' : ''} ...`);
    const run = runNotebook(nb, options);
    if (run.ok) console.error(`run-notebooks: ${run.notebook} ok in ${run.seconds.toFixed(1)} s -> ${run.output}`);
    else {
      failed++;
      console.error(`run-notebooks: ${run.notebook} FAILED after ${run.seconds.toFixed(1)} s\n${run.error}`);
    }
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(`run-notebooks: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    },
  );
}
