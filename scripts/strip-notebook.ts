// Removes what changes on every run of a notebook but says nothing about its content: execution timestamps,
// kernel session ids, widget state, and run-dependent execution counts (renumbered 1..n in cell order). Keys are
// sorted and the file is written with nbformat's indent of 1, so re-running a notebook diffs only where an output
// really changed. Usage: node --import tsx scripts/strip-notebook.ts notebooks/*.ipynb
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { canonicalJson } from '../src/util/hash.js';

type Json = Record<string, unknown>;

/** Notebook-level metadata worth keeping; everything else (widgets, papermill, timings) is dropped. */
const KEEP_NOTEBOOK_METADATA = ['kernelspec', 'language_info'];
/** Cell metadata written by execution. */
const VOLATILE_CELL_METADATA = ['execution', 'ExecuteTime', 'papermill', 'collapsed', 'scrolled'];

export function stripNotebook(nb: Json): Json {
  const metadata = (nb.metadata ?? {}) as Json;
  const keptMeta: Json = {};
  for (const key of KEEP_NOTEBOOK_METADATA) if (key in metadata) keptMeta[key] = metadata[key];
  let count = 0;
  const cells = ((nb.cells ?? []) as Json[]).map((cell) => {
    const out: Json = { ...cell, metadata: { ...((cell.metadata ?? {}) as Json) } };
    for (const key of VOLATILE_CELL_METADATA) delete (out.metadata as Json)[key];
    if (cell.cell_type === 'code') {
      const outputs = (cell.outputs ?? []) as Json[];
      const ran = cell.execution_count !== null && cell.execution_count !== undefined;
      const n = ran ? ++count : null;
      out.execution_count = n;
      out.outputs = outputs.map((o) => {
        const copy: Json = { ...o };
        if ('execution_count' in copy) copy.execution_count = n;
        delete copy.transient;
        return copy;
      });
    }
    return out;
  });
  return { ...nb, metadata: keptMeta, cells };
}

/** The text nbformat would write (indent 1, sorted keys), with a final newline. */
export function notebookText(nb: Json): string {
  return `${canonicalJson(nb, 1)}\n`;
}

export function stripNotebookFile(path: string, outPath = path): void {
  const nb = JSON.parse(readFileSync(path, 'utf8')) as Json;
  writeFileSync(outPath, notebookText(stripNotebook(nb)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: strip-notebook.ts <notebook.ipynb>...');
    process.exit(2);
  }
  for (const f of files) stripNotebookFile(f);
}
