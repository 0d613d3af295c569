// Formats the TypeScript in every notebook's code cells with Prettier at 100 columns (the project's settings
// otherwise), comment paragraphs refilled to the same width, so cells read without horizontal scrolling on GitHub
// and in the notebook page; outputs are untouched.
// Run by `npm run format`; `--check` only lists the cells that would change (exit 1), as `npm run format:check` does.
//
// usage: node --import tsx scripts/format-notebooks.ts [--check] [notebooks...]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { notebookText } from './strip-notebook.js';

export const CELL_WIDTH = 100;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Cell {
  cell_type: string;
  source: string | string[];
}

/** Words of `text` filled into lines of at most `width` characters (a longer word keeps a line of its own). */
function fill(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Comment paragraphs refilled to `width`: consecutive whole-line `//` comments at one indent are one paragraph (an
 * empty `//` line or a line opening with a list mark starts a new one), so a comment reads as prose, not as lines
 * broken wherever an earlier width cut them. A block with a line indented inside the comment (aligned maths, a
 * table) is kept as written. Prettier leaves comment text alone.
 */
export function reflowComments(source: string, width = CELL_WIDTH): string {
  const lines = source.split('\n');
  const comment = (line: string) => /^(\s*)\/\/ ?(.*)$/.exec(line);
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j < lines.length && comment(lines[j])) j++;
    if (j === i) {
      out.push(lines[i++]);
      continue;
    }
    const block = lines.slice(i, j);
    i = j;
    const texts = block.map((l) => comment(l)!);
    if (texts.some((m) => /^\s/.test(m[2]) || m[2].startsWith('/'))) {
      out.push(...block);
      continue;
    }
    let para: { indent: string; words: string[] } | undefined;
    const flush = () => {
      if (para)
        out.push(...fill(para.words.join(' '), width - para.indent.length - 3).map((l) => `${para!.indent}// ${l}`));
      para = undefined;
    };
    for (const [line, indent, text] of texts) {
      if (text.trim() === '') {
        flush();
        out.push(line);
        continue;
      }
      if (para && (para.indent !== indent || /^([-*]|\d+[.)])\s/.test(text))) flush();
      para ??= { indent, words: [] };
      para.words.push(text);
    }
    flush();
  }
  return out.join('\n');
}

/** One code cell's source, formatted; a trailing newline is dropped, as Jupyter stores sources without one. */
export async function formatCell(source: string): Promise<string> {
  const config = (await resolveConfig(join(ROOT, 'package.json'))) ?? {};
  const out = await format(reflowComments(source), { ...config, parser: 'typescript', printWidth: CELL_WIDTH });
  return out.replace(/\n$/, '');
}

/** Formats one notebook file; returns the indexes of the code cells that changed (written back unless `check`). */
export async function formatNotebook(path: string, check = false): Promise<number[]> {
  const text = readFileSync(path, 'utf8');
  const nb = JSON.parse(text) as { cells: Cell[] };
  const changed: number[] = [];
  for (const [i, cell] of nb.cells.entries()) {
    if (cell.cell_type !== 'code') continue;
    const source = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
    let formatted: string;
    try {
      formatted = await formatCell(source);
    } catch (err) {
      throw new Error(`${path}: cell ${i + 1} does not parse: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (formatted !== source) {
      changed.push(i);
      // nbformat stores a source as its lines, each with its newline but the last.
      cell.source = formatted.split(/(?<=\n)/);
    }
  }
  if (changed.length && !check) writeFileSync(path, notebookText(nb as never));
  return changed;
}

async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const names = argv.filter((a) => a !== '--check');
  const dir = join(ROOT, 'notebooks');
  const files = names.length
    ? names.map((n) => resolve(n))
    : readdirSync(dir)
        .filter((f) => f.endsWith('.ipynb'))
        .sort()
        .map((f) => join(dir, f));
  let dirty = 0;
  for (const f of files) {
    const changed = await formatNotebook(f, check);
    if (changed.length) {
      dirty++;
      console.error(`${check ? 'would format' : 'formatted'} ${f}: cells ${changed.map((i) => i + 1).join(', ')}`);
    }
  }
  return check && dirty ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      console.error(`format-notebooks: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    },
  );
}
