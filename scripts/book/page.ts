// The HTML page around one chapter of the book: navigation, a reading-width layout, KaTeX's stylesheet, and the
// script that draws every figure with the bundled plotly.js and then records how many it drew in
// <body data-figures-drawn>, which the browser test waits for.
import { escapeHtml } from './render.js';

const STYLE = `
body { font: 16px/1.55 system-ui, 'DejaVu Sans', sans-serif; color: #222; margin: 0; }
nav { background: #f4f4f4; border-bottom: 1px solid #ddd; padding: 8px 16px; font-size: 14px; }
nav a { margin-right: 14px; color: #2171b5; text-decoration: none; }
nav a.current { font-weight: 600; color: #222; }
main { max-width: 900px; margin: 0 auto; padding: 8px 20px 60px; }
pre { background: #f7f7f7; padding: 8px 10px; overflow-x: auto; font-size: 13px; line-height: 1.4; }
pre.code { border-left: 3px solid #6baed6; }
pre.stream { background: #fff; border-left: 3px solid #ddd; }
pre.error { background: #fee; }
table { border-collapse: collapse; font-size: 14px; margin: 8px 0; display: block; overflow-x: auto; }
th, td { border: 1px solid #ddd; padding: 3px 8px; }
details.solution { border: 1px solid #cde; border-radius: 4px; padding: 4px 10px; margin: 8px 0; }
details.solution summary { cursor: pointer; color: #2171b5; }
.figure { width: 100%; overflow-x: auto; margin: 8px 0; }
.output-image { max-width: 100%; }
ol.chapters li { margin-bottom: 12px; }
ol.chapters p { margin: 2px 0; }
p.meta { color: #666; font-size: 13px; }
section.lab-panel { border: 1px solid #cde; border-radius: 4px; padding: 2px 14px 10px; margin: 18px 0;
  background: #fbfdff; }
section.lab-panel h3 { margin: 10px 0 4px; }
.lab-controls label { font-size: 14px; }
p.lab-status, p.lab-backend, p.lab-error { font-size: 14px; color: #444; }
p.lab-error { color: #a00; }
table.lab-runs td { font-size: 13px; }
`;

const DRAW = `
window.addEventListener('DOMContentLoaded', async () => {
  let drawn = 0;
  for (const script of document.querySelectorAll('script[data-figure]')) {
    const fig = JSON.parse(script.textContent);
    const el = document.getElementById('figure-' + script.dataset.figure);
    await Plotly.newPlot(el, fig.data, fig.layout, { displaylogo: false });
    drawn++;
  }
  document.body.dataset.figuresDrawn = String(drawn);
});
`;

export interface PageOptions {
  title: string;
  body: string;
  nav: { file: string; title: string }[];
  current: string;
}

export function pageHtml(o: PageOptions): string {
  const links = o.nav
    .map((n) => `<a href="${n.file}"${n.file === o.current ? ' class="current"' : ''}>${escapeHtml(n.title)}</a>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(o.title)}</title>
<link rel="stylesheet" href="assets/katex/katex.min.css">
<style>${STYLE}</style>
<script src="assets/plotly.min.js"></script>
<script>${DRAW}</script>
</head>
<body>
<nav>${links}</nav>
<main>
${o.body}
</main>
</body>
</html>
`;
}
