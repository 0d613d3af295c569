// Shared pieces of the reliability suite: `rmw` in this process (exit code, stdout, stderr) and as a child process
// (to kill it, or to hold a lock while this process tries to write), tiny real-shaped inputs, and folder states to
// compare (file names and bytes, bookkeeping included).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli.js';
import { fromRoot } from '../../src/util/paths.js';
import { sha256Hex } from '../../src/util/hash.js';
import { createRng } from '../../src/util/rng.js';
import { listFiles } from '../../src/util/output/marker.js';

export interface RmwRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one `rmw` command line in this process, collecting what it prints. */
export async function rmw(argv: string[]): Promise<RmwRun> {
  const write = process.stderr.write.bind(process.stderr);
  let stderr = '';
  let stdout = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await main(argv, (text) => {
      stdout += text;
    });
    return { code, stdout, stderr };
  } finally {
    process.stderr.write = write;
  }
}

export interface Child {
  process: ChildProcess;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `rmw <argv>` as a child process (stdout dropped, stderr kept). */
export function spawnRmw(argv: string[]): Child {
  const child = spawn(process.execPath, [fromRoot('bin', 'rmw.js'), ...argv], {
    // stdout is a pipe read and dropped: 'ignore' would hand rmw a /dev/null opened for reading and writing, which
    // it takes for a closed stdout (src/util/stdio.ts) and refuses
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RMW_PROGRESS: '0' },
  });
  child.stdout!.resume();
  let err = '';
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { process: child, stderr: () => err, exited };
}

/** Waits until `ready()` holds (polling every 5 ms), or fails after `ms`. */
export async function waitFor(ready: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A folder's files (bookkeeping included) -> sha256; undefined when the folder does not exist. */
export function folderState(dir: string): Record<string, string> | undefined {
  if (!existsSync(dir)) return undefined;
  return Object.fromEntries(listFiles(dir, '', true).map((f) => [f, sha256Hex(readFileSync(join(dir, f)))]));
}

/** Entries beside an output that belong to its bookkeeping (lock, staging, backup, journal, temporaries). */
export function leftovers(parent: string, name: string): string[] {
  return readdirSync(parent).filter((n) => n.startsWith(`.${name}.`));
}

/** The paper recipe's --hf-file flag over the committed Hugging Face fixtures (one Magpie file for all four). */
export function hfFixtureFlag(): string {
  const f = (name: string) => fromRoot('tests', 'fixtures', 'hf', name);
  const magpie = f('magpie-dpo-train.parquet');
  return [
    `helpsteer2=${f('helpsteer2-train.jsonl.gz')}`,
    `offsetbias=${f('offsetbias-train.jsonl')}`,
    `wildguardmix=${f('wildguard-train.parquet')}`,
    ...['magpie-ultra-v0.1', 'magpie-pro-llama3.1', 'magpie-pro-llama3', 'magpie-air'].map((s) => `${s}=${magpie}`),
  ].join(',');
}

/** Seeded kill delays (ms, uniform in [0, max)): random points, the same on every run of the suite. */
export function killDelays(seed: number, n: number, max: number): number[] {
  const rng = createRng(seed).fork('kill-delays');
  return Array.from({ length: n }, () => Math.floor(rng.next() * max));
}
