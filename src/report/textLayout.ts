// Whether a drawn figure's text fits: every text (title, legend, annotations and captions, axis titles, tick labels,
// bar and cell labels) inside the figure, and no two texts on top of each other. The measuring runs in the page that
// drew the figure (MEASURE_SCRIPT, plain browser JavaScript); the judging is plain TypeScript on the boxes, so it is
// tested without a browser.

/** One drawn text: its words and its box in CSS pixels, relative to the figure's top-left corner. */
export interface TextBox {
  text: string;
  /** What Plotly drew it as: the class of its group ("xtick", "annotation-text", "legendtext", "gtitle", ...). */
  kind: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LayoutProblem {
  kind: 'outside' | 'overlap';
  message: string;
}

/** Boxes may touch: a text counts as outside, or two as overlapping, only beyond this many pixels. */
export const TOLERANCE_PX = 1.5;

const short = (b: TextBox) => `${b.kind} "${b.text.length > 40 ? `${b.text.slice(0, 37)}...` : b.text}"`;

/** Texts that leave a figure of the given size, and pairs of texts that overlap. */
export function layoutProblems(boxes: readonly TextBox[], width: number, height: number): LayoutProblem[] {
  const out: LayoutProblem[] = [];
  const t = TOLERANCE_PX;
  for (const b of boxes) {
    if (b.x < -t || b.y < -t || b.x + b.width > width + t || b.y + b.height > height + t)
      out.push({
        kind: 'outside',
        message:
          `${short(b)} at ` +
          `[${b.x.toFixed(0)}, ${b.y.toFixed(0)}, ${(b.x + b.width).toFixed(0)}, ` +
          `${(b.y + b.height).toFixed(0)}] leaves the ${width}x${height} figure`,
      });
  }
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i],
        b = boxes[j];
      const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (w > t && h > t) out.push({ kind: 'overlap', message: `${short(a)} overlaps ${short(b)}` });
    }
  return out;
}

/**
 * Defines `window.rmwTextBoxes(el)` in a page: the boxes of every visible, non-empty <text> that Plotly drew inside
 * `el` (hover labels excluded), relative to the figure's first SVG layer. Multi-line texts are one box.
 */
export const MEASURE_SCRIPT = `
window.rmwTextBoxes = function (el) {
  var svg = el.querySelector('svg.main-svg');
  if (!svg) return [];
  var origin = svg.getBoundingClientRect();
  var zoom = origin.width / (svg.width.baseVal.value || origin.width);
  var out = [];
  el.querySelectorAll('svg.main-svg text').forEach(function (t) {
    if (t.closest('.hoverlayer')) return;
    var words = (t.textContent || '').trim();
    if (!words) return;
    var style = getComputedStyle(t);
    if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) return;
    var r = t.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return;
    var group = t.closest('[class]:not(text)');
    var kind = t.getAttribute('class') || (group && group.getAttribute('class')) || 'text';
    var tick = t.closest('.xtick, .ytick, g[class^="xtick"], g[class^="ytick"]');
    if (tick) kind = tick.getAttribute('class');
    out.push({
      text: words,
      kind: kind.split(' ')[0],
      x: (r.left - origin.left) / zoom,
      y: (r.top - origin.top) / zoom,
      width: r.width / zoom,
      height: r.height / zoom,
    });
  });
  return out;
};
`;
