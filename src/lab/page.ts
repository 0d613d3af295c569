// The Lab page of the book (lab.html): controls for the loss and its parameters, the model size, steps, seed and
// backend; Train runs `train()` in the page and draws the loss and held-out accuracy curves as steps arrive, then the
// held-out chosen and rejected rewards side by side with the earlier runs. Every run is labelled ours, with its
// seed, model, backend and the pack's data hash. Also `window.rmwLab.train({ loss, steps, seed, backend })` for
// tests and exercises, resolving to { losses, backend, dataHash }. The same lab, given a `LabPanelPreset`, is the
// panel a chapter embeds where it teaches the same thing: fewer losses offered, its own steps, and a Compare button
// that trains each of its losses in turn with one seed; a panel's API is `window.rmwLabPanels[id]`.
import type { EvalMetric, StepMetric } from '../train/metrics.js';
import { readLabPack, type LabPack } from '../export/labPack.js';
import { getLoss } from '../losses/registry.js';
import type { EncodedPair } from '../model/trainable.js';
import { setLabWasmBase, type LabBackendRequest } from './backend.js';
import { train, type LabTrainResult } from './train.js';
import { LAB_LOSSES, LAB_MODEL_SIZES, checkPreset, type LabPanelPreset } from './options.js';

interface PlotlyLike {
  react(el: HTMLElement, data: unknown[], layout: Record<string, unknown>, config?: Record<string, unknown>): void;
}

export interface LabRunRequest {
  loss: string;
  steps: number;
  seed: number;
  backend?: LabBackendRequest;
  size?: string;
  gamma?: number;
  center?: number;
  /** Evaluate and score the held-out pairs (default true; false trains only, e.g. for a quick check). */
  evaluate?: boolean;
}

interface Run {
  label: string;
  request: LabRunRequest;
  steps: StepMetric[];
  evals: EvalMetric[];
  result?: LabTrainResult;
}

export interface LabPage {
  pack: LabPack;
  train(request: LabRunRequest): Promise<{ losses: number[]; backend: string; reason: string; dataHash: string }>;
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text = '') {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text) e.textContent = text;
  return e;
}

function runLabel(r: LabRunRequest, backend: string, dataHash: string): string {
  const params = [
    r.loss === 'focal' ? `γ=${r.gamma ?? getLoss('focal').defaults.gamma}` : '',
    r.center ? `λ=${r.center}` : '',
  ].filter(Boolean);
  return (
    `ours: ${r.loss}${params.length ? ` (${params.join(', ')})` : ''}, seed ${r.seed}, ${r.size ?? 'tiny'} model, ` +
    `${backend}, data ${dataHash.slice(0, 12)}`
  );
}

/** Held-out accuracy with its Wilson 95% interval, saying so when the interval holds 50% (no signal yet). */
function accuracyText(e: EvalMetric): string {
  const [lo, hi] = e.ci95;
  const pct = (v: number) => (100 * v).toFixed(1);
  const chance = lo <= 0.5 && hi >= 0.5 ? '; chance level: 50% is inside the interval' : '';
  return `${pct(e.accuracy)}% (95% CI ${pct(lo)}-${pct(hi)}, n=${e.n}${chance})`;
}

/**
 * Loads the pack, builds the controls and figures in `root`, and installs window.rmwLab (no preset id) or
 * window.rmwLabPanels[id].
 */
export async function mountLab(
  root: HTMLElement,
  o: { packUrl: string; wasmBase: string; preset?: LabPanelPreset },
): Promise<LabPage> {
  const preset = o.preset ?? {};
  checkPreset(preset);
  setLabWasmBase(new URL(o.wasmBase, document.baseURI).href);
  const status = el('p', { class: 'lab-status' }, `loading the data pack ${o.packUrl} ...`);
  root.append(status);
  const response = await fetch(o.packUrl);
  if (!response.ok) throw new Error(`${o.packUrl}: HTTP ${response.status}`);
  const { pack, train: trainPairs, heldOut } = readLabPack(await response.json(), o.packUrl);
  const pairs: { train: EncodedPair[]; heldOut: EncodedPair[] } = { train: trainPairs, heldOut };
  status.textContent =
    `Data: mix ${pack.mix.name} (train.parquet sha256 ${pack.mix.trainSha256.slice(0, 12)}), ` +
    `${trainPairs.length} training and ${heldOut.length} held-out pairs, pre-tokenised (${pack.tokenizer}); ` +
    `data hash ${pack.dataHash}.`;
  status.setAttribute('data-hash', pack.dataHash);

  const form = el('form', {
    class: 'lab-controls',
    style: 'display:flex;flex-wrap:wrap;gap:8px 18px;align-items:center',
  });
  const field = (label: string, input: HTMLElement) => {
    const l = el('label', {}, `${label} `);
    l.append(input);
    form.append(l);
    return input;
  };
  const lossSel = field('loss', el('select', { name: 'loss' })) as HTMLSelectElement;
  for (const l of preset.losses ?? LAB_LOSSES) lossSel.append(el('option', { value: l }, l));
  if (preset.loss) lossSel.value = preset.loss;
  const gamma = field('focal γ', el('input', { name: 'gamma', type: 'number', value: '2', min: '0', step: '0.5' }));
  const center = field(
    'reward centring λ',
    el('input', { name: 'center', type: 'number', value: '0', min: '0', step: '0.01' }),
  );
  const sizeSel = field('model', el('select', { name: 'size' })) as HTMLSelectElement;
  for (const [k, v] of Object.entries(LAB_MODEL_SIZES)) sizeSel.append(el('option', { value: k }, v.label));
  if (preset.size) sizeSel.value = preset.size;
  const steps = field(
    'steps',
    el('input', { name: 'steps', type: 'number', value: String(preset.steps ?? 24), min: '1', max: '400' }),
  );
  const seed = field('seed', el('input', { name: 'seed', type: 'number', value: String(preset.seed ?? 1), step: '1' }));
  const backendSel = field('backend', el('select', { name: 'backend' })) as HTMLSelectElement;
  for (const b of ['auto', 'webgpu', 'wasm']) backendSel.append(el('option', { value: b }, b));
  const button = el('button', { type: 'submit' }, 'Train');
  form.append(button);
  const compare = preset.compare?.length
    ? el('button', { type: 'button', class: 'lab-compare' }, `Compare ${preset.compare.join(', ')} (same seed)`)
    : undefined;
  if (compare) form.append(compare);
  const backendLine = el('p', { class: 'lab-backend' }, 'Backend: chosen when you press Train.');
  // Hidden until there is something to draw: no empty boxes under the controls before the first run.
  const curves = el('div', { class: 'lab-curves', style: 'height:340px;display:none' });
  const hists = el('div', { class: 'lab-hists', style: 'height:360px;display:none' });
  const table = el('table', { class: 'lab-runs' });
  root.append(form, backendLine, curves, hists, table);

  const runs: Run[] = [];
  const plotly = (globalThis as { Plotly?: PlotlyLike }).Plotly;
  const draw = () => {
    if (!plotly) return;
    const data: unknown[] = [];
    runs.forEach((r, i) => {
      const color = COLORS[i % COLORS.length];
      data.push({
        x: r.steps.map((s) => s.step),
        y: r.steps.map((s) => s.loss),
        name: r.label,
        mode: 'lines',
        line: { color },
        xaxis: 'x',
        yaxis: 'y',
      });
      data.push({
        x: r.evals.map((e) => e.step),
        y: r.evals.map((e) => 100 * e.accuracy),
        name: `${r.label} (held-out)`,
        mode: 'lines+markers',
        line: { color },
        showlegend: false,
        xaxis: 'x2',
        yaxis: 'y2',
      });
    });
    curves.style.display = runs.length ? '' : 'none';
    plotly.react(
      curves,
      data,
      {
        grid: { rows: 1, columns: 2, pattern: 'independent' },
        xaxis: { title: { text: 'step' } },
        yaxis: { title: { text: 'training loss (ours)' } },
        xaxis2: { title: { text: 'step' } },
        yaxis2: { title: { text: 'held-out accuracy % (ours)' } },
        legend: { orientation: 'h', y: -0.25 },
        margin: { t: 20, r: 10 },
        // Chance level: a pair ranked by a coin is right half the time.
        shapes: [
          {
            type: 'line',
            xref: 'x2 domain',
            x0: 0,
            x1: 1,
            yref: 'y2',
            y0: 50,
            y1: 50,
            line: { dash: 'dot', color: '#888' },
          },
        ],
      },
      { displaylogo: false, responsive: true },
    );
    const done = runs.filter((r) => r.result).slice(-3);
    const hdata: unknown[] = [];
    const layout: Record<string, unknown> = {
      grid: { rows: 1, columns: Math.max(1, done.length), pattern: 'independent' },
      barmode: 'overlay',
      margin: { t: 40, r: 10, b: 90 },
      annotations: [],
      legend: { orientation: 'h', y: -0.32 },
    };
    done.forEach((r, i) => {
      const axis = i === 0 ? '' : String(i + 1);
      for (const [side, color] of [
        ['chosen', '#2ca02c'],
        ['rejected', '#d62728'],
      ] as const)
        hdata.push({
          type: 'histogram',
          x: r.result!.scores[side],
          name: `${side} reward`,
          opacity: 0.6,
          marker: { color },
          showlegend: i === 0,
          xaxis: `x${axis}`,
          yaxis: `y${axis}`,
        });
      layout[`xaxis${axis}`] = { title: { text: 'reward (held-out pairs)' } };
      (layout.annotations as unknown[]).push({
        text: `${r.request.loss}, seed ${r.request.seed}: ${(100 * r.result!.scores.accuracy).toFixed(1)}%`,
        xref: `x${axis} domain`,
        yref: `y${axis} domain`,
        x: 0.5,
        y: 1.12,
        showarrow: false,
      });
    });
    if (!done.length) return;
    hists.style.display = '';
    plotly.react(hists, hdata, layout, { displaylogo: false, responsive: true });
  };
  const drawTable = () => {
    table.innerHTML =
      '<tr><th>run (ours)</th><th>backend</th><th>steps</th><th>final loss</th><th>held-out ' +
      'accuracy</th><th>time</th></tr>';
    for (const r of runs.filter((x) => x.result)) {
      const res = r.result!;
      const tr = el('tr');
      const acc = res.final ? accuracyText(res.final) : '-';
      for (const cell of [
        r.label,
        res.backend.name,
        String(res.steps.length),
        res.losses.at(-1)?.toFixed(4) ?? '-',
        acc,
        `${(res.trainMs / 1000).toFixed(1)} s`,
      ])
        tr.append(el('td', {}, cell));
      table.append(tr);
    }
  };

  let busy = false;
  const runOne = async (request: LabRunRequest) => {
    if (busy) throw new Error('a run is in progress: wait for it to finish');
    busy = true;
    const run: Run = { label: '', request, steps: [], evals: [] };
    try {
      const size = LAB_MODEL_SIZES[request.size ?? 'tiny'];
      if (!size)
        throw new Error(`unknown model size "${request.size}": choose ${Object.keys(LAB_MODEL_SIZES).join(', ')}`);
      runs.push(run);
      run.label = runLabel(request, request.backend ?? 'auto', pack.dataHash);
      let last = 0;
      const evaluate = request.evaluate ?? true;
      const result = await train({
        pairs: evaluate ? pairs : { train: pairs.train, heldOut: [] },
        preset: pack.preset,
        model: size.config,
        loss: request.loss,
        lossParams: {
          ...(request.loss === 'focal' && request.gamma !== undefined ? { gamma: request.gamma } : {}),
          ...(request.center ? { center: request.center } : {}),
        },
        steps: request.steps,
        seed: request.seed,
        backend: request.backend ?? 'auto',
        // Four held-out evaluations per run: scoring 256 pairs costs more than a training step of 32.
        evalEvery: Math.max(1, Math.round(request.steps / 4)),
        onStep: (m) => {
          run.steps.push(m);
          const now = performance.now();
          if (now - last > 250) {
            last = now;
            draw();
          }
        },
        onEval: (e) => {
          run.evals.push(e);
        },
      });
      run.result = result;
      run.label = runLabel(request, result.backend.name, pack.dataHash);
      backendLine.textContent = `Backend: ${result.backend.name}. Why: ${result.backend.reason}.`;
      backendLine.setAttribute('data-backend', result.backend.name);
      draw();
      drawTable();
      return {
        losses: result.losses,
        backend: result.backend.name,
        reason: result.backend.reason,
        dataHash: pack.dataHash,
      };
    } catch (err) {
      const i = runs.indexOf(run);
      if (i >= 0) runs.splice(i, 1);
      throw err;
    } finally {
      busy = false;
    }
  };

  const syncGamma = () => {
    (gamma as HTMLInputElement).disabled = lossSel.value !== 'focal' && !(preset.compare ?? []).includes('focal');
  };
  lossSel.addEventListener('change', syncGamma);
  syncGamma();
  const requestFor = (loss: string): LabRunRequest => ({
    loss,
    steps: Number((steps as HTMLInputElement).value),
    seed: Number((seed as HTMLInputElement).value),
    backend: backendSel.value as LabBackendRequest,
    size: sizeSel.value,
    gamma: Number((gamma as HTMLInputElement).value),
    center: Number((center as HTMLInputElement).value),
  });
  const buttons = [button, ...(compare ? [compare] : [])];
  // One run or several in turn, the buttons off meanwhile; a failure is said under the controls.
  const press = async (losses: readonly string[]) => {
    for (const b of buttons) b.setAttribute('disabled', '');
    try {
      for (const [i, loss] of losses.entries()) {
        backendLine.textContent = `Training ${loss}${losses.length > 1 ? ` (${i + 1} of ${losses.length})` : ''} ...`;
        await runOne(requestFor(loss));
      }
    } catch (err) {
      backendLine.textContent = `Training failed: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      for (const b of buttons) b.removeAttribute('disabled');
    }
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void press([lossSel.value]);
  });
  compare?.addEventListener('click', () => void press(preset.compare!));
  const page: LabPage = { pack, train: runOne };
  const g = globalThis as { rmwLab?: LabPage; rmwLabPanels?: Record<string, LabPage> };
  if (preset.id === undefined) g.rmwLab = page;
  else (g.rmwLabPanels ??= {})[preset.id] = page;
  root.setAttribute('data-lab-ready', 'true');
  return page;
}
