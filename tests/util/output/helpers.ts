// Small helpers for the output-rule tests: what a function wrote to stderr, and a folder's files with their bytes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from '../../../src/util/output/marker.js';
import { sha256Hex } from '../../../src/util/hash.js';

/** Runs `fn`, returning what it wrote to stderr (not shown). */
export function captureStderr(fn: () => void): string {
  const write = process.stderr.write.bind(process.stderr);
  let text = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    fn();
  } finally {
    process.stderr.write = write;
  }
  return text;
}

/** Every file under `dir` (bookkeeping included) -> sha256 of its bytes. */
export function snapshotFolder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of listFiles(dir, '', true)) out[f] = sha256Hex(readFileSync(join(dir, f)));
  return out;
}
