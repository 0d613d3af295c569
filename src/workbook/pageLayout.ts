// Figures laid out for the page they are read on: a notebook's output area (PAGE_WIDTH). Plotly places text in
// shares of the plot area and never wraps it, so a figure that must fit a fixed width is planned here in pixels:
// each block of text (the title, a caption, a note) is wrapped to the width it has, its height counted, and the
// margins sized to hold it; the blocks above and below the plot are then given in the plot's own shares.
import { baseLayout } from '../report/theme.js';

/** Average glyph width as a share of the font size (DejaVu Sans; a little generous, so wrapped lines fit). */
const GLYPH = 0.6;
/** Line height as a share of the font size, as Plotly sets multi-line text. */
const LINE = 1.3;

/**
 * `text` wrapped (at plain spaces and existing <br>) to lines of at most `width` pixels at `size` px; words are never
 * split, and a no-break space keeps two words together.
 */
export function wrapToWidth(text: string, width: number, size: number): string {
  const chars = Math.max(12, Math.floor(width / (size * GLYPH)));
  const plain = (t: string) => t.replace(/<\/?[a-zA-Z][^>]*>/g, '');
  const lines: string[] = [];
  for (const part of text.split('<br>')) {
    let line = '';
    for (const w of part.split(/[ \t\n]+/).filter(Boolean)) {
      if (line && plain(line).length + 1 + plain(w).length > chars) {
        lines.push(line);
        line = w;
      } else line = line ? `${line} ${w}` : w;
    }
    lines.push(line);
  }
  return lines.join('<br>');
}

/** Height in pixels of a (possibly multi-line) text at `size` px. */
export function textHeight(text: string, size: number): number {
  return text.split('<br>').length * size * LINE;
}

/**
 * The theme's layout with its title and subtitle wrapped to `width` and pinned `pad` px from the top; `height` is
 * the pixels the title block takes (pad included).
 */
export function pageTitle(
  title: string,
  subtitle: string | undefined,
  width: number,
  pad = 8,
): { layout: Record<string, unknown>; height: number } {
  const main = wrapToWidth(title, width - 24, 17);
  const sub = subtitle ? wrapToWidth(subtitle, width - 24, 12) : undefined;
  const layout = baseLayout(main, sub);
  layout.title = { ...(layout.title as object), yref: 'container', yanchor: 'top' };
  // Plotly spaces every line of a title at the title's font size, the smaller subtitle's lines included.
  const lines = main.split('<br>').length + (sub ? sub.split('<br>').length : 0);
  return { layout, height: pad + lines * 17 * LINE + 4 };
}

/** Pins the title (from pageTitle) `pad` px from the top of the figure. */
export function pinTitle(layout: Record<string, unknown>, pad = 8): void {
  layout.title = { ...(layout.title as object), y: 1, pad: { t: pad + 16 } };
}
