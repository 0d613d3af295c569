// What a notebook shows, in one place: a table becomes a Markdown output, a figure becomes ONE display bundle that
// holds both a static PNG (GitHub, classic Notebook and any viewer without a Plotly renderer show it) and the
// Plotly JSON (JupyterLab and VS Code draw it interactively). The PNG is drawn at twice the figure's size and
// carries its display width, so its text keeps the pixel size the figure asks for instead of shrinking to fit.
// Inside a tslab kernel the bundle goes to tslab's own display channel; elsewhere `setDisplaySink` takes it.
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
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
  showMarkdown(renderMarkdown(tableForReaders(table)));
}

function titleText(figure: PlotlyFigure): string {
  const title = figure.layout.title as { text?: string } | string | undefined;
  const text = typeof title === 'string' ? title : (title?.text ?? figure.id);
  return text.split('<br>')[0].replace(/<[^>]+>/g, '');
}

/** The figure narrowed to the page when it is wider (Plotly re-lays it out; text keeps its size). */
export function fitToPage(figure: PlotlyFigure, width = PAGE_WIDTH): PlotlyFigure {
  return figure.width <= width ? figure : { ...figure, width };
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
