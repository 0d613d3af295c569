// The lab inside the chapters: where notebooks 03 and 04 teach what the Lab chapter trains, the book puts a panel
// that trains live in that page with the Lab chapter's own bundle and pack (lab/lab.js, lab/pack.json, written by
// buildLabChapter) and a preset suited to the section. Each panel is `window.rmwLabPanels[id]` once mounted (the
// same API as the Lab page's `window.rmwLab`), so tests and exercises can drive it. On file:// the panel says to
// serve the folder and loads nothing (browsers fetch no pack from file://).
import type { LabPanelPreset } from '../../src/lab/options.js';
import { escapeHtml } from './render.js';

export interface ChapterLabPanel {
  /** The notebook's file name without .ipynb. */
  notebook: string;
  /** The heading (without its #s) of the section the panel follows: it goes where that section ends. */
  afterSection: string;
  title: string;
  /** What the panel is for, as HTML. */
  intro: string;
  preset: LabPanelPreset & { id: string };
}

/** Where the files of buildLabChapter lie, relative to a chapter page. */
export const LAB_FILES = { bundle: 'lab/lab.js', pack: 'lab/pack.json', wasm: 'lab/lab-wasm/' } as const;

export const CHAPTER_LAB_PANELS: readonly ChapterLabPanel[] = [
  {
    notebook: '03_losses',
    afterSection: "4. Parameters change the story: focal's γ",
    title: 'Lab: Bradley-Terry and focal, trained in this page',
    intro: `<p>The curves above are computed from the formulas. Here the same two losses train the workbench's
transformer reward model on real pairs, in your browser: <em>Compare</em> trains BT, then focal, for a few steps
each with the same seed, data and model, and draws both training curves and their held-out accuracy; change focal's
γ and compare again (γ = 0 gives BT's losses). The two losses are on different scales (at Δ = 0 focal
with γ = 2 is a quarter of BT's ln 2), so compare the curves' shapes and the held-out accuracy, not their heights.
Every number in the panel is ours, labelled with its seed, model, backend and the data hash.</p>`,
    preset: { id: 'losses', losses: ['bt', 'focal'], loss: 'focal', steps: 12, seed: 1, compare: ['bt', 'focal'] },
  },
  {
    notebook: '04_training',
    afterSection: 'Held-out accuracy per source',
    title: 'Lab: BT vs BT-margin vs focal, side by side in this page',
    intro: `<p>The runs above were recorded when the notebook was executed. Here the same comparison trains live on
the workbench's transformer in your browser: <em>Compare</em> trains BT, BT with margin and focal in turn with the
same seed, steps, model and pairs, draws their training loss and held-out accuracy as the steps arrive, and then
their chosen and rejected reward histograms side by side. A few dozen steps on a small pack show how the losses
behave, not which is best: read the 95% interval in the table before a difference. Every number in the panel is
ours, labelled with its seed, model, backend and the data hash.</p>`,
    preset: { id: 'training', steps: 24, seed: 1, compare: ['bt', 'bt-margin', 'focal'] },
  },
];

// Mounts the panel just before this script: loads the bundle once per page, then the pack, with the panel's preset.
const LOADER = `(() => {
  const panel = document.currentScript.previousElementSibling;
  const mount = panel.querySelector('.lab-mount');
  const say = (text) => {
    const p = document.createElement('p');
    p.className = 'lab-error';
    p.textContent = text;
    mount.append(p);
  };
  if (location.protocol === 'file:') {
    say('This panel trains in the page when the book folder is served over http, e.g. ' +
      'python3 -m http.server 8000 --directory book (browsers load no data pack from file://).');
    return;
  }
  const bundle = window.RmwLab ? Promise.resolve() : (window.rmwLabBundle ??= new Promise((ok, fail) => {
    const s = document.createElement('script');
    s.src = panel.dataset.labBundle;
    s.onload = ok;
    s.onerror = () => fail(new Error(panel.dataset.labBundle + ' did not load'));
    document.head.append(s);
  }));
  bundle
    .then(() => RmwLab.mountLab(mount, {
      packUrl: panel.dataset.labPack,
      wasmBase: panel.dataset.labWasm,
      preset: JSON.parse(panel.querySelector('script.lab-preset').textContent),
    }))
    .catch((err) => say('The lab could not start: ' + (err && err.message ? err.message : err)));
})();`;

/** The panel's HTML: a titled box, its intro, the preset as JSON, and the script that mounts it. */
export function labPanelHtml(p: ChapterLabPanel): string {
  const preset = JSON.stringify(p.preset).replace(/</g, '\\u003c');
  return `<section class="lab-panel" id="lab-panel-${p.preset.id}" data-lab-panel="${p.preset.id}" \
data-lab-bundle="${LAB_FILES.bundle}" data-lab-pack="${LAB_FILES.pack}" data-lab-wasm="${LAB_FILES.wasm}">
<h3>${escapeHtml(p.title)}</h3>
${p.intro}
<p class="meta">The Lab chapter (<a href="lab.html">lab.html</a>) has every loss, model size and parameter.</p>
<div class="lab-mount"></div>
<script type="application/json" class="lab-preset">${preset}</script>
</section>
<script>${LOADER}</script>`;
}

/** The panels of one chapter, as insertions for renderNotebook. */
export function labPanelInserts(notebook: string): { afterSection: string; html: string }[] {
  return CHAPTER_LAB_PANELS.filter((p) => p.notebook === notebook).map((p) => ({
    afterSection: p.afterSection,
    html: labPanelHtml(p),
  }));
}
