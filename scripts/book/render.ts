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
    return `<div class="figure" id="figure-${n}"></div><script type="application/json" data-figure="${n}">${json}</script>`;
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

export function renderNotebook(nb: Notebook): RenderedNotebook {
  let figures = 0;
  let solutions = 0;
  const parts: string[] = [];
  for (const cell of nb.cells) {
    const source = text(cell.source);
    if (cell.cell_type === 'markdown') {
      parts.push(`<section class="markdown">${markdownToHtml(source)}</section>`);
      continue;
    }
    if (cell.cell_type !== 'code') continue;
    const outputs = mergeStreams(cell.outputs ?? [])
      .map((o) => renderOutput(o, () => figures++))
      .join('\n');
    const body = `<pre class="code"><code>${escapeHtml(source)}</code></pre>${outputs ? `<div class="outputs">${outputs}</div>` : ''}`;
    if (cell.metadata?.tags?.includes('solution')) {
      solutions++;
      parts.push(`<details class="solution"><summary>Worked solution</summary>${body}</details>`);
    } else parts.push(`<div class="cell">${body}</div>`);
  }
  const first = text(nb.cells.find((c) => c.cell_type === 'markdown')?.source);
  const title = (first.match(/^#\s+(.+)$/m)?.[1] ?? 'Notebook').trim();
  const paragraph = first.split(/\n\s*\n/).find((p) => !p.startsWith('#')) ?? '';
  const summary = paragraph.replace(/\s+/g, ' ').replace(/[*`$]/g, '').trim();
  return { title, summary, html: parts.join('\n'), figures, solutions };
}
