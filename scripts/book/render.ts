// Renders one executed notebook (as committed, outputs included) to the body of an HTML page: Markdown through
// `marked`, math through KaTeX at build time (the page needs only KaTeX's CSS and fonts), code cells with their
// outputs, worked solutions folded into <details>, and every Plotly output as a placeholder whose JSON the page's
// script draws with the bundled plotly.js. Nothing here executes a notebook.
import katex from 'katex';
import { Marked } from 'marked';

export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

type Source = string | string[];
interface Output {
  output_type: string;
  text?: Source;
  name?: string;
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}
export interface Cell {
  cell_type: string;
  source: Source;
  metadata?: { tags?: string[] };
  outputs?: Output[];
}
export interface Notebook {
  cells: Cell[];
}

export interface RenderedNotebook {
  title: string;
  /** The first paragraph after the title, as plain text (for the index). */
  summary: string;
  html: string;
  figures: number;
  solutions: number;
}

const text = (s: Source | undefined) => (Array.isArray(s) ? s.join('') : (s ?? ''));

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const marked = new Marked({ gfm: true });

/**
 * Markdown with TeX math ($...$, $$...$$) to HTML. Math is cut out before Markdown sees it (so `_` and `\` inside
 * survive), rendered by KaTeX and put back; code spans are left alone.
 */
export function markdownToHtml(markdown: string): string {
  const math: string[] = [];
  const keep = (html: string) => `\u0000${math.push(html) - 1}\u0000`;
  const protectedText = markdown
    .split(/(`[^`\n]*`)/)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      return part
        .replace(/\$\$([\s\S]+?)\$\$/g, (_, tex: string) =>
          keep(katex.renderToString(tex.trim(), { displayMode: true, throwOnError: false })),
        )
        .replace(
          /(^|[^\\$])\$([^$\n]+?)\$/g,
          (_, pre: string, tex: string) => `${pre}${keep(katex.renderToString(tex, { throwOnError: false }))}`,
        );
    })
    .join('');
  const html = marked.parse(protectedText, { async: false });
  return html.replace(/\u0000(\d+)\u0000/g, (_, i: string) => math[Number(i)]);
}

function renderOutput(o: Output, figure: () => number): string {
  if (o.output_type === 'stream') return `<pre class="stream ${o.name ?? ''}">${escapeHtml(text(o.text))}</pre>`;
  if (o.output_type === 'error') return `<pre class="error">${escapeHtml(`${o.ename}: ${o.evalue}`)}</pre>`;
  const data = o.data ?? {};
  if (data[PLOTLY_MIME]) {
    const n = figure();
    const json = JSON.stringify(data[PLOTLY_MIME]).replace(/</g, '\\u003c');
    return (
      `<div class="figure" id="figure-${n}"></div><script type="application/json" ` +
      `data-figure="${n}">${json}</script>`
    );
  }
  if (typeof data['text/markdown'] === 'string' || Array.isArray(data['text/markdown']))
    return `<div class="markdown-output">${markdownToHtml(text(data['text/markdown'] as Source))}</div>`;
  if (data['image/png'])
    return `<img class="output-image" alt="" src="data:image/png;base64,${text(data['image/png'] as Source)}">`;
  if (data['text/html']) return `<div class="html-output">${text(data['text/html'] as Source)}</div>`;
  if (data['text/plain']) return `<pre class="stream">${escapeHtml(text(data['text/plain'] as Source))}</pre>`;
  return '';
}

/** Consecutive stream outputs of one cell, merged into one block (tslab writes one message per console.log). */
function mergeStreams(outputs: Output[]): Output[] {
  const out: Output[] = [];
  for (const o of outputs) {
    const last = out[out.length - 1];
    if (o.output_type === 'stream' && last?.output_type === 'stream' && last.name === o.name)
      last.text = text(last.text) + text(o.text);
    else out.push({ ...o, text: o.text === undefined ? undefined : text(o.text) });
  }
  return out;
}

/** HTML the book adds to a chapter where the section with this heading (its text, without the #s) ends. */
export interface Insert {
  afterSection: string;
  html: string;
}

const headings = (cell: Cell) =>
  cell.cell_type === 'markdown'
    ? [...text(cell.source).matchAll(/^(#{1,6})\s+(.+?)\s*$/gm)].map((m) => ({ level: m[1].length, text: m[2] }))
    : [];

/**
 * The cell index before which an insert goes: the first cell after its section's heading that opens a section of
 * the same or a higher level (the notebook's end when none). A heading that is not there, or a section that ends
 * inside a cell, is an error: the insert would land somewhere else.
 */
export function insertPosition(nb: Notebook, afterSection: string): number {
  const start = nb.cells.findIndex((c) => headings(c).some((h) => h.text === afterSection));
  if (start < 0) throw new Error(`no section headed "${afterSection}"`);
  const own = headings(nb.cells[start]);
  const at = own.findIndex((h) => h.text === afterSection);
  const level = own[at].level;
  if (own.slice(at + 1).some((h) => h.level <= level))
    throw new Error(`the section "${afterSection}" ends inside cell ${start + 1}`);
  const end = nb.cells.findIndex((c, i) => i > start && headings(c).some((h) => h.level <= level));
  return end < 0 ? nb.cells.length : end;
}

export function renderNotebook(nb: Notebook, inserts: readonly Insert[] = []): RenderedNotebook {
  let figures = 0;
  let solutions = 0;
  const parts: string[] = [];
  const before = new Map<number, string[]>();
  for (const ins of inserts) {
    const at = insertPosition(nb, ins.afterSection);
    before.set(at, [...(before.get(at) ?? []), ins.html]);
  }
  for (const [i, cell] of nb.cells.entries()) {
    parts.push(...(before.get(i) ?? []));
    const source = text(cell.source);
    if (cell.cell_type === 'markdown') {
      parts.push(`<section class="markdown">${markdownToHtml(source)}</section>`);
      continue;
    }
    if (cell.cell_type !== 'code') continue;
    const outputs = mergeStreams(cell.outputs ?? [])
      .map((o) => renderOutput(o, () => figures++))
      .join('\n');
    const body =
      `<pre class="code"><code>${escapeHtml(source)}</code></pre>` +
      `${outputs ? `<div class="outputs">${outputs}</div>` : ''}`;
    if (cell.metadata?.tags?.includes('solution')) {
      solutions++;
      parts.push(`<details class="solution"><summary>Worked solution</summary>${body}</details>`);
    } else parts.push(`<div class="cell">${body}</div>`);
  }
  parts.push(...(before.get(nb.cells.length) ?? []));
  const first = text(nb.cells.find((c) => c.cell_type === 'markdown')?.source);
  const title = (first.match(/^#\s+(.+)$/m)?.[1] ?? 'Notebook').trim();
  const paragraph = first.split(/\n\s*\n/).find((p) => !p.startsWith('#')) ?? '';
  const summary = paragraph.replace(/\s+/g, ' ').replace(/[*`$]/g, '').trim();
  return { title, summary, html: parts.join('\n'), figures, solutions };
}
