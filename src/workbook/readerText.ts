// Provenance in words a reader can follow. The paper data and the report cite their sources with short tags ([T]
// paper tables, [A] authors, [S] secondary summaries, [R] RewardBench results, [C] computed) and with sections of
// the project's paper fact sheet, which is not part of the checkout. In a notebook (and the book made from it) the
// tags become words and the fact-sheet references go; the figure's metadata keeps the provenance as written.
import type { ReportTable } from '../report/tableRender.js';
import type { PlotlyFigure } from '../report/theme.js';

const TAG_WORDS: Record<string, string> = {
  T: 'paper table',
  A: 'authors',
  S: 'secondary summary',
  R: 'RewardBench results',
  C: 'computed',
};

const SECTION = String.raw`§\d+(?:\.\d+)*`;
const SECTIONS = String.raw`paper-facts ${SECTION}(?:\s*(?:,|and|-|–)\s*${SECTION})*`;

/** The text with source tags spelled out and references to the paper fact sheet removed. */
export function forReaders(text: string): string {
  return text
    .replace(new RegExp(String.raw`\s*\(${SECTIONS}\)`, 'g'), '')
    .replace(new RegExp(String.raw`\s*${SECTIONS}\.?`, 'g'), '')
    .replace(/\[([TASRC])(?: ([a-z][^\]]*))?\](?!\w)/g, (_, tag: string, rest?: string) =>
      rest ? `[${TAG_WORDS[tag]}: ${rest}]` : `[${TAG_WORDS[tag]}]`,
    );
}

/** A table with its title, column labels, cells and notes in reader's words. */
export function tableForReaders(table: ReportTable): ReportTable {
  return {
    ...table,
    title: forReaders(table.title),
    columns: table.columns.map((c) => ({ ...c, label: forReaders(c.label) })),
    rows: table.rows.map((row) => row.map(forReaders)),
    notes: table.notes.map(forReaders),
  };
}

function textOf(value: unknown): unknown {
  if (typeof value === 'string') return forReaders(value);
  const text = (value as { text?: unknown } | undefined)?.text;
  if (typeof text === 'string') return { ...(value as Record<string, unknown>), text: forReaders(text) };
  return value;
}

/** A figure whose visible text (title, annotations, trace names) is in reader's words; `layout.meta` is kept. */
export function figureForReaders(figure: PlotlyFigure): PlotlyFigure {
  const layout: Record<string, unknown> = { ...figure.layout, title: textOf(figure.layout.title) };
  if (Array.isArray(figure.layout.annotations))
    layout.annotations = (figure.layout.annotations as unknown[]).map(textOf);
  const data = figure.data.map((trace) =>
    typeof trace.name === 'string' ? { ...trace, name: forReaders(trace.name) } : trace,
  );
  return { ...figure, layout, data };
}
