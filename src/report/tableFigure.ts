// A table drawn as a Plotly table, for readers who look at the PNGs: paper rows on a light blue ground, ours on a
// light orange one (the theme's provenance colours).
import { OURS_LABEL, PAPER_LABEL, type ReportTable } from './tableRender.js';
import { OURS_COLORS, PAPER_COLORS, baseLayout, caption, wrapText, type PlotlyFigure } from './theme.js';

export function tableFigure(table: ReportTable, options: { width?: number } = {}): PlotlyFigure {
  const columns = table.columns.map((_, c) => table.rows.map((r) => r[c]));
  const fill = table.rows.map((r) => (r[0] === OURS_LABEL ? '#fff1e3' : r[0] === PAPER_LABEL ? '#eef4fb' : '#ffffff'));
  const lengths = table.columns.map((c, k) => Math.max(c.label.length, ...table.rows.map((r) => r[k].length)));
  const rowHeight = 26;
  const width =
    options.width ?? Math.min(1800, Math.max(800, 60 + lengths.reduce((a, b) => a + Math.min(b, 40) * 7.5 + 16, 0)));
  // Plotly wraps a cell wider than its column and the row grows: estimate each row's line count (about 7 px per
  // character at size 12) so the caption below never covers the last rows.
  const columnwidth = lengths.map((l) => Math.min(l, 40) + 2);
  const totalWidth = columnwidth.reduce((a, b) => a + b, 0);
  const charsPerLine = columnwidth.map((cw) => Math.max(4, Math.floor(((width - 30) * cw) / totalWidth / 7.2) - 1));
  const rowLines = table.rows.map((r) => Math.max(1, ...r.map((cell, k) => Math.ceil(cell.length / charsPerLine[k]))));
  const tableHeight = rowHeight * 2 + rowLines.reduce((a, n) => a + rowHeight + (n - 1) * 15, 0) + 20;
  const noteText = wrapText(table.notes.join(' '), Math.round(width / 6.6));
  const noteLines = noteText.split('<br>').length;
  const height = 90 + tableHeight + 16 * noteLines + 30;
  // Name a colour only for rows the table has (a paper-only table promises no orange rows).
  const kinds = [
    table.rows.some((r) => r[0] === PAPER_LABEL) ? `blue rows: ${PAPER_LABEL}` : '',
    table.rows.some((r) => r[0] === OURS_LABEL) ? `orange rows: ${OURS_LABEL}` : '',
  ].filter(Boolean);
  const layout = baseLayout(table.title, kinds.join('; ') || undefined);
  layout.margin = { l: 15, r: 15, t: 80, b: 16 * noteLines + 30 };
  layout.annotations = [caption(noteText, 0)];
  return {
    id: `${table.id}-table`,
    data: [
      {
        type: 'table',
        columnwidth,
        header: {
          values: table.columns.map((c) => `<b>${c.label}</b>`),
          align: table.columns.map((c) => c.align),
          fill: { color: PAPER_COLORS[0] },
          font: { color: '#ffffff', size: 12 },
          height: rowHeight + 4,
          line: { color: '#ffffff', width: 1 },
        },
        cells: {
          values: columns,
          align: table.columns.map((c) => c.align),
          fill: { color: [fill] },
          font: { size: 12, color: [table.rows.map((r) => (r[0] === OURS_LABEL ? OURS_COLORS[0] : '#1a1a1a'))] },
          height: rowHeight,
          line: { color: '#dddddd', width: 1 },
        },
        domain: { x: [0, 1], y: [0, 1] },
      },
    ],
    layout,
    width: Math.round(width),
    height: Math.round(height),
  };
}
