// What `rmw env` and notebook 00 report: versions of the toolchain, and whether the offline data mirror holds
// every source file with the pinned sha256.
import * as tf from '@tensorflow/tfjs-core';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { dataMirrorDir, fromRoot, repoRoot } from '../util/paths.js';
import { listSources, locateSource } from '../data/sources.js';

export interface ToolVersions {
  node: string;
  workbench: string;
  tfjs: string;
  typescript: string | null;
  tslab: string | null;
  [pkg: string]: string | null;
}

/** Installed version of a package, read from its package.json; null when it is not installed. */
export function installedVersion(pkg: string): string | null {
  const candidates: string[] = [];
  try {
    const req = createRequire(join(repoRoot(), 'package.json'));
    candidates.push(req.resolve(`${pkg}/package.json`));
  } catch {
    // Packages whose "exports" hide package.json, or that are absent: fall back to the folder.
  }
  candidates.push(fromRoot('node_modules', ...pkg.split('/'), 'package.json'));
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (parsed.name === pkg && parsed.version) return parsed.version;
  }
  return null;
}

export function toolVersions(): ToolVersions {
  const pkg = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version: string };
  return {
    node: process.versions.node,
    workbench: pkg.version,
    tfjs: tf.version_core,
    typescript: installedVersion('typescript'),
    tslab: installedVersion('tslab'),
    'tfjs-backend-wasm': installedVersion('@tensorflow/tfjs-backend-wasm'),
    'tfjs-backend-webgpu': installedVersion('@tensorflow/tfjs-backend-webgpu'),
    webgpu: installedVersion('webgpu'),
  };
}

export interface MirrorStatus {
  dir: string;
  total: number;
  /** Files found (mirror or cache) with the pinned sha256. */
  verified: number;
  /** Source ids neither the mirror nor the cache holds (they would be downloaded on first use). */
  missing: string[];
  /** Source ids whose local file has the wrong sha256, with the error. */
  corrupt: { id: string; error: string }[];
}

/** Checks every manifest file in the mirror/cache by sha256 (about a second for the 82 MB mirror). */
export function dataMirrorStatus(): MirrorStatus {
  const status: MirrorStatus = { dir: dataMirrorDir(), total: 0, verified: 0, missing: [], corrupt: [] };
  for (const source of listSources()) {
    status.total++;
    try {
      if (locateSource(source.id)) status.verified++;
      else status.missing.push(source.id);
    } catch (err) {
      status.corrupt.push({ id: source.id, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return status;
}
