// `npm run book`: the executed notebooks, in reading order, as a static HTML site that works offline: one page per
// notebook (interactive Plotly figures drawn by plotly.js copied from node_modules, math typeset by KaTeX at build
// time, worked solutions folded, a live lab panel where a chapter teaches what the Lab trains: scripts/book/
// labPanels.ts), an index, and the teacher's page (notebooks/TEACHING.md). It reads the committed
// outputs and executes nothing. The output folder is created by this script and marked as its own; a folder it did
// not create is refused rather than overwritten.
//
// usage: node --import tsx scripts/build-book.ts [--out DIR] [--notebooks DIR] [--lab-pack FILE | --lab-mix DIR]
//   --out        where the site goes (default: book/ in the checkout)
//   --notebooks  the executed notebooks to read (default: notebooks/; e.g. .cache/notebooks after a quick run)
//   --lab-pack   the Lab chapter's data (rmw export lab-pack); --lab-mix: a mix to export it from (scripts/book/lab.ts)
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { escapeHtml, markdownToHtml, renderNotebook, type Notebook } from './book/render.js';
import { pageHtml } from './book/page.js';
import { LAB_PAGE, buildLabChapter } from './book/lab.js';
import { CHAPTER_LAB_PANELS, labPanelInserts } from './book/labPanels.js';
import { headlineAnswer } from '../src/experiments/headline.js';
import type { ResultsBundle } from '../src/experiments/results.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MARK = '.rmw-book';
const require = createRequire(join(ROOT, 'package.json'));

export interface BookPage {
  file: string;
  title: string;
  figures: number;
  solutions: number;
  /** Lab panels embedded in the page (scripts/book/labPanels.ts). */
  labPanels?: number;
}
export interface Book {
  outDir: string;
  pages: BookPage[];
  seconds: number;
  nav: { file: string; title: string }[];
}

function prepareOutDir(outDir: string): void {
  if (existsSync(outDir) && readdirSync(outDir).length && !existsSync(join(outDir, MARK)))
    throw new Error(`${outDir} exists and was not written by the book builder (no ${MARK}): choose another --out`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'assets'), { recursive: true });
  writeFileSync(join(outDir, MARK), 'written by scripts/build-book.ts; safe to delete\n');
  cpSync(require.resolve('plotly.js-dist-min/plotly.min.js'), join(outDir, 'assets', 'plotly.min.js'));
  const katexDist = dirname(require.resolve('katex/dist/katex.min.css'));
  cpSync(join(katexDist, 'katex.min.css'), join(outDir, 'assets', 'katex', 'katex.min.css'));
  cpSync(join(katexDist, 'fonts'), join(outDir, 'assets', 'katex', 'fonts'), { recursive: true });
}

/** "1 figure", "3 figures". */
export const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * A chapter's teaser for the index: the first paragraph of its opening cell, cut after its last whole sentence
 * within about 320 characters, math typeset (KaTeX) and Markdown rendered, without paragraph tags.
 */
export function teaser(markdown: string, max = 320): string {
  const paragraph = markdown.split(/\n\s*\n/).find((p) => p.trim() && !p.trim().startsWith('#')) ?? '';
  const flat = paragraph.replace(/\s+/g, ' ').trim();
  // Sentence ends outside math: a full stop, question or exclamation mark followed by a space and a capital.
  const ends = [...flat.matchAll(/[.!?](?=\s+[A-Z(*]|$)/g)].map((m) => (m.index ?? 0) + 1);
  const cut = ends.filter((i) => i <= max).pop() ?? ends[0] ?? flat.length;
  return markdownToHtml(flat.slice(0, cut))
    .replace(/<\/?p>/g, '')
    .trim();
}

/** The results in a few lines (src/experiments/headline.ts), from the committed experiments.json. */
function resultsAnswer(): string {
  const file = join(ROOT, 'figures', 'results', 'experiments.json');
  if (!existsSync(file)) return '';
  const lines = headlineAnswer(JSON.parse(readFileSync(file, 'utf8')) as ResultsBundle);
  return (
    `<section class="answer"><h2>The answer, in ` +
    `brief</h2>${markdownToHtml(lines.map((l) => `- ${l}`).join('\n'))}<p class="meta">Written from ` +
    `figures/results/experiments.json; the reasoning is in chapter 06.</p></section>`
  );
}

export function buildBook(outDir = join(ROOT, 'book'), notebooksDir = join(ROOT, 'notebooks')): Book {
  const start = Date.now();
  prepareOutDir(outDir);
  const names = readdirSync(notebooksDir)
    .filter((f) => f.endsWith('.ipynb'))
    .sort();
  if (!names.length) throw new Error(`no notebooks in ${notebooksDir}`);
  for (const p of CHAPTER_LAB_PANELS)
    if (!names.includes(`${p.notebook}.ipynb`))
      throw new Error(`the lab panel "${p.preset.id}" goes in ${p.notebook}.ipynb, which is not in ${notebooksDir}`);
  const chapters = names.map((name) => {
    const nb = JSON.parse(readFileSync(join(notebooksDir, name), 'utf8')) as Notebook;
    const first = nb.cells.find((c) => c.cell_type === 'markdown')?.source ?? '';
    const firstMarkdown = Array.isArray(first) ? first.join('') : first;
    const inserts = labPanelInserts(basename(name, '.ipynb'));
    let rendered;
    try {
      rendered = renderNotebook(nb, inserts);
    } catch (err) {
      throw new Error(`${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
    return {
      file: `${basename(name, '.ipynb')}.html`,
      source: name,
      firstMarkdown,
      labPanels: inserts.length,
      ...rendered,
    };
  });
  const teaching = join(ROOT, 'notebooks', 'TEACHING.md');
  const nav = [
    { file: 'index.html', title: 'Contents' },
    ...chapters.map((c) => ({ file: c.file, title: c.title })),
    ...(existsSync(teaching) ? [{ file: 'teaching.html', title: "Teacher's page" }] : []),
    { file: LAB_PAGE.file, title: 'Lab' }, // written by buildLabChapter (npm run book)
  ];
  const pages: BookPage[] = [];
  const write = (file: string, title: string, body: string, figures = 0, solutions = 0, labPanels = 0) => {
    writeFileSync(join(outDir, file), pageHtml({ title, body, nav, current: file }));
    pages.push({ file, title, figures, solutions, ...(labPanels ? { labPanels } : {}) });
  };
  const list = chapters
    .map(
      (c) =>
        `<li><a href="${c.file}">${escapeHtml(c.title)}</a><p>${teaser(c.firstMarkdown)}</p>` +
        `<p class="meta">${count(c.figures, 'figure')} · ${count(c.solutions, 'exercise')} with worked solutions · ` +
        `from notebooks/${escapeHtml(c.source)}</p></li>`,
    )
    .join('\n');
  const answer = resultsAnswer();
  write(
    'index.html',
    'Reward modeling, replayed: the workbench notebooks',
    `<h1>Reward modeling, replayed</h1>
${answer}
<p>The workbench's notebooks in reading order, with the outputs they produced when they were last executed
(<code>node --import tsx scripts/run-notebooks.ts</code>). Figures are interactive (hover, zoom); every exercise has
a self-check and a worked solution.` +
      `${existsSync(teaching) ? ' Teachers: see the <a href="teaching.html">teacher\'s page</a>.' : ''}</p>
<ol class="chapters">${list}</ol>`,
  );
  for (const c of chapters) write(c.file, c.title, c.html, c.figures, c.solutions, c.labPanels);
  if (existsSync(teaching)) write('teaching.html', "Teacher's page", markdownToHtml(readFileSync(teaching, 'utf8')));
  return { outDir, pages, seconds: (Date.now() - start) / 1000, nav };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const args = process.argv.slice(2);
    const value = (flag: string) => (args.includes(flag) ? resolve(args[args.indexOf(flag) + 1]) : undefined);
    for (let i = 0; i < args.length; i += 2)
      if (!['--out', '--notebooks', '--lab-pack', '--lab-mix'].includes(args[i]) || args[i + 1] === undefined)
        throw new Error(
          `unknown or incomplete option ${args[i]} ` +
            '(usage: build-book.ts [--out DIR] [--notebooks DIR] [--lab-pack FILE | --lab-mix DIR])',
        );
    const book = buildBook(value('--out'), value('--notebooks'));
    const lab = await buildLabChapter(book.outDir, book.nav, {
      root: ROOT,
      pack: value('--lab-pack'),
      mix: value('--lab-mix'),
    });
    book.pages.push({ file: lab.file, title: lab.title, figures: 2, solutions: 0 });
    for (const p of book.pages)
      console.error(
        `book: ${p.file}  ${p.figures} figures, ${p.solutions} solutions` +
          (p.labPanels ? `, ${count(p.labPanels, 'lab panel')}` : ''),
      );
    console.error(`book: ${book.pages.length} pages in ${book.outDir} (${book.seconds.toFixed(1)} s)`);
  } catch (err) {
    console.error(`build-book: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}
