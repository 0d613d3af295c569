// What a notebook shows, in one place: a table becomes a Markdown output, a figure becomes ONE display bundle that
// holds both a static PNG (GitHub, classic Notebook and any viewer without a Plotly renderer show it) and the
// Plotly JSON (JupyterLab and VS Code draw it interactively). The PNG is drawn at twice the figure's size and
// carries its display width, so its text keeps the pixel size the figure asks for instead of shrinking to fit.
// Inside a tslab kernel the bundle goes to tslab's own display channel; elsewhere `setDisplaySink` takes it.
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, relative, sep } from 'node:path';
import { fromRoot } from '../util/paths.js';
import { findChromium, PlotlyExporter } from '../report/plotlyExport.js';
import { renderMarkdown, type ReportTable } from '../report/tableRender.js';
import type { PlotlyFigure } from '../report/theme.js';
import { figureForReaders, tableForReaders } from './readerText.js';

/** Width in CSS pixels of a notebook's output area (GitHub, classic Notebook and JupyterLab all give at least this). */
export const PAGE_WIDTH = 860;
export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

/** One Jupyter display_data message body: several representations of the same thing, and their metadata. */
export interface DisplayBundle {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}
export type DisplaySink = (bundle: DisplayBundle) => void;

let sink: DisplaySink | undefined;
let exporter: Promise<PlotlyExporter> | undefined;

/** Sends displays somewhere else than the tslab kernel (tests, other kernels); `undefined` restores the default. */
export function setDisplaySink(next: DisplaySink | undefined): void {
  sink = next;
}

type TslabWrite = (content: DisplayBundle & { transient: Record<string, unknown> }, update: boolean) => void;

// tslab keeps the writer of the cell being executed in its jupyter module (tslab 1.0.x). The module is the kernel
// process's own instance: resolve it from the kernel's entry script, not from this file, so a tslab installed
// elsewhere than this checkout's node_modules still receives the output.
function tslabWriter(): TslabWrite {
  const entry = process.argv[1];
  const from = entry ? realpathSync(entry) : join(process.cwd(), 'index.js');
  let jupyter: { lastWriteDisplayData: TslabWrite | null };
  try {
    jupyter = createRequire(from)('tslab/dist/jupyter.js') as typeof jupyter;
  } catch {
    throw new Error('display: not inside a tslab kernel (tslab not found from the running script); use setDisplaySink');
  }
  if (!jupyter.lastWriteDisplayData) throw new Error('display: the tslab kernel is not executing a cell');
  return jupyter.lastWriteDisplayData;
}

/** Displays one bundle (several MIME types of one output) below the running cell. */
export function displayBundle(bundle: DisplayBundle): void {
  if (sink) sink(bundle);
  else tslabWriter()({ ...bundle, transient: {} }, false);
}

/** Displays Markdown text. */
export function showMarkdown(markdown: string): void {
  displayBundle({ data: { 'text/markdown': markdown, 'text/plain': markdown }, metadata: {} });
}

/** Displays a report table as Markdown (title, header, rows, notes), its provenance in reader's words. */
export function show(table: ReportTable): void {
  showMarkdown(tableMarkdown(table));
}

/**
 * A table as a notebook shows it: title, header and rows, then its first note; the other notes (provenance: runs,
 * seeds, configs, data hashes) folded into one <details> line that Jupyter, GitHub and the book open on a click.
 */
export function tableMarkdown(table: ReportTable): string {
  const t = tableForReaders(table);
  if (t.notes.length <= 2) return renderMarkdown(t);
  const [first, ...rest] = t.notes;
  return [
    renderMarkdown({ ...t, notes: [first] }),
    '',
    `<details><summary>Provenance and notes (${rest.length} more)</summary>`,
    '',
    ...rest.map((n) => `- ${n}`),
    '',
    '</details>',
  ].join('\n');
}

function titleText(figure: PlotlyFigure): string {
  const title = figure.layout.title as { text?: string } | string | undefined;
  const text = typeof title === 'string' ? title : (title?.text ?? figure.id);
  return text.split('<br>')[0].replace(/<[^>]+>/g, '');
}

/** Average glyph width as a share of the font size (DejaVu Sans; a little generous, so wrapped lines fit). */
const GLYPH = 0.6;
const LINE = 1.3;

/** Plain text of a label, without Plotly's tags, for measuring. */
const plain = (t: string) => t.replace(/<\/?[a-zA-Z][^>]*>/g, '');

/** Wraps `text` (Plotly's <br> lines) to lines of at most `chars` characters; words are never split. */
function rewrap(text: string, chars: number): string {
  if (/<(?!br>|\/?b>)\/?[a-zA-Z][^>]*>/.test(text)) return text; // styled spans are kept as written
  const words = text.split(/<br>|\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && plain(line).length + 1 + plain(w).length > chars) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.join('<br>');
}

/**
 * The figure narrowed to the page when it is wider. Plotly re-lays the plot out at the new width while text keeps
 * its pixel size, so text that was wrapped for the wider figure (captions and notes under or over the plot, the
 * title) is wrapped again to the width it now has, and the margin it sits in grows by the lines it gained: no text
 * leaves the figure and the plot keeps its height.
 */
export function fitToPage(figure: PlotlyFigure, width = PAGE_WIDTH): PlotlyFigure {
  if (figure.width <= width) return figure;
  const layout: Record<string, unknown> = { ...figure.layout };
  const margin = { l: 80, r: 80, t: 100, b: 80, ...(layout.margin as Record<string, number> | undefined) };
  const plotWidth = width - margin.l - margin.r;
  const font = (a: { font?: { size?: number } }, fallback: number) => a.font?.size ?? fallback;
  let grow = { t: 0, b: 0 };
  if (Array.isArray(layout.annotations))
    layout.annotations = (layout.annotations as Record<string, unknown>[]).map((a) => {
      if (a.xref !== 'paper' || typeof a.text !== 'string' || a.showarrow === true) return a;
      const y = Number(a.y ?? 0);
      if (y >= 0 && y <= 1) return a; // inside the plot area: placed against the data, left as drawn
      const size = font(a as { font?: { size?: number } }, 12);
      // Axis labels pushed into the margin (automargin) may move the plot area right by up to a quarter of the
      // page, and the text starts where the plot area does: wrap for the narrowest line it may get.
      const left = margin.l + width / 4 + Number(a.x ?? 0) * plotWidth;
      const chars = Math.max(20, Math.floor((width - Math.max(0, left) - 8) / (size * GLYPH)));
      const text = rewrap(a.text, chars);
      const gained = (text.split('<br>').length - a.text.split('<br>').length) * size * LINE;
      if (gained > 0) grow = y < 0 ? { ...grow, b: grow.b + gained } : { ...grow, t: grow.t + gained };
      return { ...a, text };
    });
  const title = layout.title as { text?: string; font?: { size?: number } } | undefined;
  if (title?.text) {
    const [main, ...rest] = title.text.split('<br>');
    const size = font(title, 17);
    const wrapped = rewrap(main, Math.floor((width - 20) / (size * GLYPH)));
    const sub = rest.join('<br>');
    const subPlain = plain(sub);
    const subWrapped =
      subPlain.length * 12 * GLYPH > width - 20 ? rewrap(subPlain, Math.floor((width - 20) / (12 * GLYPH))) : sub;
    const styled = subWrapped === sub ? sub : `<span style="font-size:12px;color:#555">${subWrapped}</span>`;
    const lines = (t: string) => t.split('<br>').length;
    grow.t += (lines(wrapped) - 1) * size * LINE + (lines(subWrapped) - lines(sub)) * 12 * LINE;
    layout.title = { ...title, text: sub ? `${wrapped}<br>${styled}` : wrapped };
  }
  // An x axis title longer than its axis is wrapped too; what sits under the plot moves down by the lines it gained.
  let axisGain = 0;
  for (const [key, ax] of Object.entries(layout).filter(([k]) => /^xaxis\d*$/.test(k))) {
    const a = ax as { title?: { text?: string; font?: { size?: number } }; domain?: [number, number] };
    const text = a.title?.text;
    if (!text) continue;
    const size = a.title?.font?.size ?? 14;
    const span = ((a.domain?.[1] ?? 1) - (a.domain?.[0] ?? 0)) * (width - margin.l - margin.r - width / 4);
    if (plain(text).length * size * GLYPH <= span) continue;
    const wrapped = rewrap(text, Math.max(20, Math.floor(span / (size * GLYPH))));
    axisGain = Math.max(axisGain, (wrapped.split('<br>').length - text.split('<br>').length) * size * LINE);
    layout[key] = { ...a, title: { ...a.title, text: wrapped } };
  }
  if (axisGain > 0) {
    const plotHeight = figure.height - margin.t - margin.b;
    if (Array.isArray(layout.annotations))
      layout.annotations = (layout.annotations as Record<string, unknown>[]).map((a) =>
        a.yref === 'paper' && Number(a.y) < 0 ? { ...a, y: Number(a.y) - axisGain / plotHeight } : a,
      );
    grow.b += axisGain;
  }
  const t = Math.ceil(grow.t),
    b = Math.ceil(grow.b);
  if (!t && !b) return { ...figure, layout, width };
  layout.margin = { ...margin, t: margin.t + t, b: margin.b + b };
  // Legends, notes and titles placed in paper coordinates above the plot keep their distance from it; a title
  // pinned by its own y (a share of the figure's height) is pinned again at the same distance from the top.
  const height = figure.height + t + b;
  const ty = (title as { y?: number } | undefined)?.y;
  if (typeof ty === 'number' && layout.title)
    layout.title = { ...(layout.title as object), y: 1 - ((1 - ty) * figure.height) / height };
  return { ...figure, layout, width, height };
}

/**
 * The display bundle of a figure: the Plotly JSON (with its size, as drawn), a plain-text title, and, when given,
 * the PNG drawn at 2x with its display size in the metadata (Jupyter and nbconvert honour `width`).
 */
export function figureBundle(figure: PlotlyFigure, png?: Buffer): DisplayBundle {
  const data: Record<string, unknown> = {
    [PLOTLY_MIME]: { data: figure.data, layout: { ...figure.layout, width: figure.width, height: figure.height } },
    'text/plain': `<Figure ${figure.id}: ${titleText(figure)}>`,
  };
  const metadata: Record<string, unknown> = {};
  if (png) {
    data['image/png'] = png.toString('base64');
    metadata['image/png'] = { width: figure.width, height: figure.height };
  }
  return { data, metadata };
}

/**
 * Draws a figure (fitted to the page, its visible provenance in reader's words) and displays it as one bundle:
 * static PNG + interactive Plotly JSON.
 */
export async function showFigure(figure: PlotlyFigure): Promise<void> {
  const fitted = fitToPage(figureForReaders(figure));
  let png: Buffer | undefined;
  if (findChromium()) {
    exporter ??= PlotlyExporter.open();
    png = (await (await exporter).render(fitted)).png;
  } else console.log('No Chromium (set RMW_CHROMIUM): the static image is left out; the Plotly JSON is shown.');
  displayBundle(figureBundle(fitted, png));
}

/** Closes the headless browser `showFigure` opened, if any (the end of a notebook). */
export async function closeFigures(): Promise<void> {
  const open = exporter;
  exporter = undefined;
  if (open) await (await open).close();
}

/**
 * A path as a notebook prints it: relative to the checkout when inside it ("figures/results"), else the name of the
 * setting that chose it ("the data mirror (RMW_DATA_DIR)"), so an executed notebook records no machine's layout.
 */
export function pathForReaders(path: string, outside: string): string {
  const rel = relative(fromRoot(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : rel === '' ? '.' : outside;
}
