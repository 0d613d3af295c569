// `npm run student-copy -- --out DIR`: the notebooks as a class gets them, and the answer key kept apart. Writes
// DIR/notebooks/*.ipynb without the worked solutions (every cell tagged `solution` removed; the self-check cells stay,
// so students still get ✓ or ✗ with a hint) and DIR/answer-key.md: per exercise, its statement, the worked
// solution's code and what it printed when the notebooks were last executed. DIR is created by this command and
// marked as its own; a folder it did not create is refused rather than overwritten.
//
// usage: node --import tsx scripts/student-copy.ts --out DIR [--notebooks DIR]
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MARK = '.rmw-student-copy';

type Source = string | string[];
interface Cell {
  cell_type: string;
  source: Source;
  metadata?: { tags?: string[] };
  outputs?: { output_type: string; text?: Source; data?: Record<string, Source> }[];
}
interface Notebook {
  cells: Cell[];
  [key: string]: unknown;
}

const text = (s: Source | undefined) => (Array.isArray(s) ? s.join('') : (s ?? ''));
const isSolution = (c: Cell) => Boolean(c.metadata?.tags?.includes('solution'));

/** The notebook without its worked solutions. */
export function studentNotebook(nb: Notebook): Notebook {
  return { ...nb, cells: nb.cells.filter((c) => !isSolution(c)) };
}

/** The answer key of one notebook: each exercise heading with its statement, solution code and printed output. */
export function answerKey(name: string, nb: Notebook): string {
  const parts: string[] = [];
  let statement = '';
  for (const c of nb.cells) {
    const src = text(c.source);
    if (c.cell_type === 'markdown' && /^###\s+Exercise/m.test(src)) statement = src.replace(/^###/m, '###');
    if (!isSolution(c)) continue;
    const printed = (c.outputs ?? [])
      .map((o) => text(o.text) || text(o.data?.['text/plain']))
      .join('')
      .trim();
    parts.push(
      statement,
      '',
      '```ts',
      src.trim(),
      '```',
      ...(printed ? ['', 'Printed:', '', '```', printed, '```'] : []),
      '',
    );
    statement = '';
  }
  return parts.length ? [`## ${name}`, '', ...parts].join('\n') : '';
}

export interface StudentCopy {
  outDir: string;
  notebooks: string[];
  solutions: number;
}

export function studentCopy(outDir: string, notebooksDir = join(ROOT, 'notebooks')): StudentCopy {
  if (existsSync(outDir) && readdirSync(outDir).length && !existsSync(join(outDir, MARK)))
    throw new Error(`${outDir} exists and was not written by student-copy (no ${MARK}): choose another --out`);
  const names = readdirSync(notebooksDir)
    .filter((f) => f.endsWith('.ipynb'))
    .sort();
  if (!names.length) throw new Error(`no notebooks in ${notebooksDir}`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'notebooks'), { recursive: true });
  writeFileSync(join(outDir, MARK), 'written by scripts/student-copy.ts; safe to delete\n');
  const keys: string[] = [];
  let solutions = 0;
  for (const name of names) {
    const nb = JSON.parse(readFileSync(join(notebooksDir, name), 'utf8')) as Notebook;
    solutions += nb.cells.filter(isSolution).length;
    writeFileSync(join(outDir, 'notebooks', name), `${JSON.stringify(studentNotebook(nb), null, 1)}\n`);
    const key = answerKey(name.replace(/\.ipynb$/, ''), nb);
    if (key) keys.push(key);
  }
  writeFileSync(
    join(outDir, 'answer-key.md'),
    [
      '# Answer key: the worked solutions of the notebook exercises',
      '',
      'For the teacher; the notebooks in notebooks/ beside this file hold no solutions. Each solution is the cell the',
      'notebooks run (and check) themselves, with what it printed at their last execution.',
      '',
      ...keys,
    ].join('\n'),
  );
  return { outDir, notebooks: names, solutions };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const args = process.argv.slice(2);
    const value = (flag: string) => (args.includes(flag) ? resolve(args[args.indexOf(flag) + 1]) : undefined);
    for (let i = 0; i < args.length; i += 2)
      if (!['--out', '--notebooks'].includes(args[i]) || args[i + 1] === undefined)
        throw new Error(`unknown or incomplete option ${args[i]} (usage: student-copy.ts --out DIR [--notebooks DIR])`);
    const out = value('--out');
    if (!out) throw new Error('--out DIR is required (where the student notebooks and the answer key go)');
    const r = studentCopy(out, value('--notebooks'));
    console.error(
      `student-copy: ${r.notebooks.length} notebooks without their ${r.solutions} worked solutions in ` +
        `${join(r.outDir, 'notebooks')}; the answer key in ${join(r.outDir, 'answer-key.md')}`,
    );
  } catch (err) {
    console.error(`student-copy: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}
