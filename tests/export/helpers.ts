// Test helpers for the export area: a small real mix folder (HH-RLHF pairs from the offline mirror, written the way
// `rmw curate` writes a mix), and a Python interpreter that has the modules a check needs (or none: the test skips
// with a message saying what is missing).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePairsParquet } from '../../src/data/io/hfParquet.js';
import type { PreferencePair } from '../../src/data/schema.js';
import { sha256Hex } from '../../src/util/hash.js';
import { hhPairs } from '../train/hhFixture.js';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `rmw-${prefix}-`));
}

/** Writes a mix folder's pair files and the data card's file table, which every reader of a mix checks. */
export function writeMixFiles(dir: string, train: PreferencePair[], heldOut: PreferencePair[]): void {
  mkdirSync(dir, { recursive: true });
  writePairsParquet(join(dir, 'train.parquet'), train);
  writePairsParquet(join(dir, 'heldout.parquet'), heldOut);
  const files = Object.fromEntries(
    ['heldout.parquet', 'train.parquet'].map((f) => [f, sha256Hex(readFileSync(join(dir, f)))]),
  );
  writeFileSync(join(dir, 'datacard.json'), `${JSON.stringify({ files }, null, 2)}\n`);
}

/** A mix folder with `train` + `heldOut` real HH-RLHF pairs (the held-out ones follow the training ones). */
export async function realMixFolder(
  train: number,
  heldOut: number,
): Promise<{ dir: string; train: PreferencePair[]; heldOut: PreferencePair[] }> {
  const pairs = await hhPairs('hh-helpful-base', train + heldOut);
  const dir = join(tempDir('mix'), 'mix');
  const t = pairs.slice(0, train).map((p, i) => ({ ...p, margin: i % 3, chosenScore: 1, rejectedScore: 0 }));
  const h = pairs.slice(train);
  writeMixFiles(dir, t, h);
  return { dir, train: t, heldOut: h };
}

const CANDIDATES = ['python3', '/usr/bin/python3'];

/** The first Python that imports every module, or undefined. */
export function pythonWith(modules: readonly string[]): string | undefined {
  for (const py of CANDIDATES) {
    const r = spawnSync(py, ['-c', modules.map((m) => `import ${m}`).join('; ') || 'pass'], { encoding: 'utf8' });
    if (r.status === 0) return py;
  }
  return undefined;
}

/** Runs Python code with JSON on stdin, returns parsed JSON stdout; throws with stderr on failure. */
export function runPython(py: string, code: string, input: unknown = null): unknown {
  const r = spawnSync(py, ['-c', code], { input: JSON.stringify(input), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}
