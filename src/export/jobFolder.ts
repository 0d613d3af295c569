// The output folder of an export, by the output rule (util/output): new, empty, or an earlier export of the same
// engine, which is replaced whole (files the new job no longer has go with it); a folder holding anything else (a
// person's file, another engine's job, a mix) is refused before any work, and so is the mix the job is made from.
// The job is built in a staging folder beside --out and published in one swap, so a cluster copying the folder
// finds the old complete job or the new one. Every file's sha256 is recorded for the manifest (job.json).
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { fromRoot } from '../util/paths.js';
import { sha256Hex } from '../util/hash.js';
import type { CommandInput } from '../util/output/inputs.js';
import { openFolderOutput, type FolderOutput } from '../util/output/folderOutput.js';
import type { OutputKind } from '../util/output/marker.js';

export const MANIFEST = 'job.json';
export const WRITTEN_BY = 'rmw export';

/** The kind of output an export of each engine is (its marker names it). */
export function exportOutputKind(engine: string): OutputKind {
  return { kind: `export-${engine}`, writer: `${WRITTEN_BY} ${engine}`, noun: `job folder (${engine})` };
}

export interface WrittenFile {
  path: string;
  sha256: string;
  bytes: number;
}

export class OutputFolder {
  private readonly written: WrittenFile[] = [];
  private readonly output: FolderOutput;
  /** Opens --out (lock, ownership, inputs) before any work; `inputs` are what the export reads. */
  constructor(
    readonly dir: string,
    readonly kind: string,
    inputs: readonly CommandInput[] = [],
  ) {
    this.output = openFolderOutput(dir, { kind: exportOutputKind(kind), replace: true, foreign: 'refuse', inputs });
  }

  write(path: string, data: string | Uint8Array, options: { executable?: boolean } = {}): void {
    const full = join(this.output.dir, path);
    writeFileAtomic(full, data);
    if (options.executable) chmodSync(full, 0o755);
    this.written.push({
      path,
      sha256: sha256Hex(data),
      bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.length,
    });
  }

  /** Copies one of the product's Python programs (src/export/python) into the folder. */
  copyPython(name: string, as = name): void {
    this.write(as, readFileSync(fromRoot('src', 'export', 'python', name), 'utf8'), { executable: true });
  }

  files(): WrittenFile[] {
    return [...this.written];
  }

  /** Writes the manifest (job.json) last: what was written, by what, with `body` (the job's facts); publishes. */
  finish(body: Record<string, unknown>): WrittenFile[] {
    const manifest = { writtenBy: WRITTEN_BY, kind: this.kind, ...body, files: this.files() };
    writeFileAtomic(join(this.output.dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    this.output.commit();
    return this.files();
  }

  /** Ends without publishing (an error during the export): the old job, if any, stays as it was. */
  abandon(): void {
    this.output.abandon();
  }
}
