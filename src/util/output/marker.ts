// Ownership of outputs, by name. A folder output holds a marker (.rmw-output.json: which kind of output, which
// command wrote it, the files it wrote); a single-file output has a sidecar beside it (.<name>.rmw-output.json:
// the same for that one file). The next run of the same kind may replace what the marker names; anything else is
// someone else's and is never overwritten. Ownership is by name, not content: a file the command wrote and a person
// then edited is still the command's to rewrite.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../hash.js';
import { writeFileAtomic } from '../atomicWrite.js';
import { OutputRefusedError } from './errors.js';
import { isBookkeeping, MARKER_FILE, MARKER_FORMAT, sidecarPath } from './names.js';

/** What kind of output a command writes, and its name in messages. */
export interface OutputKind {
  /** Stable id kept in markers, e.g. "run", "mix", "figures", "eval". */
  kind: string;
  /** The command that writes it, e.g. "rmw train". */
  writer: string;
  /** What one such output is called in messages, e.g. "run", "mix", "evaluation result". */
  noun: string;
}

export interface OutputMarker {
  format: typeof MARKER_FORMAT;
  kind: string;
  writer: string;
  /** Folder outputs: its files, relative paths with "/", sorted. Single files: the file's name. */
  files: string[];
}

function readJsonMarker(path: string): OutputMarker | undefined {
  if (!existsSync(path)) return undefined;
  let m: OutputMarker;
  try {
    m = JSON.parse(readFileSync(path, 'utf8')) as OutputMarker;
  } catch (err) {
    throw new OutputRefusedError(`${path}: the ownership marker is not JSON (${(err as Error).message})`);
  }
  if (m?.format !== MARKER_FORMAT || typeof m.kind !== 'string' || !Array.isArray(m.files))
    throw new OutputRefusedError(`${path}: not an ownership marker (expected format "${MARKER_FORMAT}")`);
  return m;
}

/** The marker of a folder output, or undefined when the folder has none. */
export function readFolderMarker(dir: string): OutputMarker | undefined {
  return readJsonMarker(join(dir, MARKER_FILE));
}

/** The sidecar of a single-file output, or undefined when it has none. */
export function readFileMarker(file: string): OutputMarker | undefined {
  return readJsonMarker(sidecarPath(file));
}

/** The files under `dir` (relative paths with "/", sorted), bookkeeping files left out unless `all`. */
export function listFiles(dir: string, prefix = '', all = false): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(join(dir, name)).isDirectory()) out.push(...listFiles(join(dir, name), rel, all));
    else if (all || !isBookkeeping(name)) out.push(rel);
  }
  return out;
}

function markerText(kind: OutputKind, files: string[]): string {
  const m: OutputMarker = { format: MARKER_FORMAT, kind: kind.kind, writer: kind.writer, files };
  return `${canonicalJson(m, 1)}\n`;
}

/** Writes the marker of a folder output naming every file it holds now; returns those files. */
export function writeFolderMarker(dir: string, kind: OutputKind): string[] {
  const files = listFiles(dir);
  writeFileAtomic(join(dir, MARKER_FILE), markerText(kind, files));
  return files;
}

/** Writes the sidecar that marks `file` as written by `kind`. */
export function writeFileMarker(file: string, name: string, kind: OutputKind): void {
  writeFileAtomic(sidecarPath(file), markerText(kind, [name]));
}

/** "written by rmw curate (a mix)" for messages. */
export function describeMarker(m: OutputMarker): string {
  return `written by ${m.writer || 'an unknown command'} (kind "${m.kind}")`;
}
