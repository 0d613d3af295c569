// Helpers behind notebooks/04_training.ipynb (and the RM filter in 02): train a reward model on in-memory pairs
// with a preset (a thin call to src/train's trainRunWithModel), score the held-out pairs per source, smooth loss
// curves, and
// put the paper's training set-up beside ours. Figures for the loss curves and held-out accuracy.
import type { PreferencePair } from '../data/schema.js';
import type { LossParams } from '../losses/types.js';
import { encodeChatItem } from '../model/chatFormat.js';
import type { RewardScorer } from '../model/types.js';
import type { TrainableRewardModel } from '../model/trainable.js';
import type { TrainConfig } from '../train/config.js';
import { accuracyOf, scorePairsWith, type PairEval } from '../train/metrics.js';
import type { StepMetric } from '../train/metrics.js';
import type { TrainResult } from '../train/trainer.js';
import { trainRunWithModel, withoutModel } from '../train/trainRun.js';
import type { TrainingHparams } from '../report/paperData.js';
import { sourceTagText } from '../report/hparamsTable.js';
import { OURS_LABEL, PAPER_LABEL, type ReportTable } from '../report/tableRender.js';
import {
  NEUTRAL_COLORS,
  DASHES,
  axis,
  baseLayout,
  caption,
  chanceAndBaselineLines,
  wrapText,
  type PlotlyFigure,
} from '../report/theme.js';
import { NO_SIGNAL_COLOR, NO_SIGNAL_NAME } from '../report/differenceFigure.js';
import { lengthScorer } from '../eval/baselines.js';
import type { MetricSummary } from '../experiments/aggregate.js';
import { bestTrivialBaseline, metricSignal, type MetricSignal } from '../experiments/signal.js';
import { PAGE_WIDTH } from './display.js';
import { pageTitle, pinTitle, textHeight, wrapToWidth } from './pageLayout.js';

export interface TrainPairsOptions {
  train: readonly PreferencePair[];
  heldOut?: readonly PreferencePair[];
  loss: string;
  lossParams?: LossParams;
  /** Preset name (default "full"): trainer, model and chat-format settings and the pair caps. */
  preset?: string;
  model?: string;
  /** Model config overrides on top of the preset's (e.g. a smaller transformer). */
  modelConfig?: Record<string, unknown>;
  /** Trainer overrides on top of the preset's (seed goes here). */
  config?: Partial<TrainConfig>;
  /** Run folder for checkpoints and run.json (nothing written without it). */
  outDir?: string;
  onStep?: (m: StepMetric) => void;
  record?: Record<string, unknown>;
}

export interface TrainedPairs {
  result: TrainResult;
  model: TrainableRewardModel;
  /** The held-out pairs actually used (after the preset's cap), in order. */
  heldOut: PreferencePair[];
  trainPairs: number;
  /** Held-out rewards per pair, aligned with `heldOut`. */
  heldOutScores: { chosen: Float64Array; rejected: Float64Array };
  /** The trained model as a RewardScorer (e.g. for the two-stage filter). */
  scorer: RewardScorer;
  dispose(): void;
}

/**
 * trainRunWithModel on pairs already in memory (src/train/trainRun.ts: identical-response pairs dropped, train and
 * held-out capped as the preset says, tokenised with the preset's chat format), then the held-out pairs scored once
 * more for per-source accuracy, and the model wrapped as a RewardScorer.
 */
export async function trainOnPairs(o: TrainPairsOptions): Promise<TrainedPairs> {
  const kind = o.model ?? 'bow';
  const run = await trainRunWithModel({
    pairs: o.train,
    evalPairs: o.heldOut ?? [],
    model: kind,
    modelConfig: o.modelConfig,
    loss: o.loss,
    lossParams: o.lossParams,
    preset: o.preset,
    train: o.config,
    outDir: o.outDir,
    onStep: o.onStep,
    record: o.record,
  });
  const { model, heldOut: held, encodedHeldOut: encHeld, chatFormat: fmt, trainPairs } = run;
  const heldOutScores = await scorePairsWith(model, encHeld);
  const scorer: RewardScorer = {
    name: `${kind}/${o.loss} seed ${run.config.seed} (${run.preset} preset, ${trainPairs} pairs)`,
    async score(items) {
      const out = new Float64Array(items.length);
      for (let at = 0; at < items.length; at += 256) {
        const enc = items.slice(at, at + 256).map((it) => encodeChatItem(it.prompt, it.response, fmt));
        out.set(await model.rewards(enc), at);
      }
      return out;
    },
  };
  return {
    result: withoutModel(run),
    model,
    heldOut: held,
    trainPairs,
    heldOutScores,
    scorer,
    dispose: () => model.dispose(),
  };
}

/** Pair accuracy (strict, Wilson 95% CI) per source, sources sorted by name, plus "all". */
export function accuracyBySource(
  pairs: readonly Pick<PreferencePair, 'source'>[],
  chosen: ArrayLike<number>,
  rejected: ArrayLike<number>,
): Record<string, PairEval> {
  if (chosen.length !== pairs.length || rejected.length !== pairs.length) {
    throw new Error(
      `accuracyBySource: ${pairs.length} pairs but ${chosen.length} chosen and ${rejected.length} rejected scores`,
    );
  }
  const idx = new Map<string, number[]>();
  pairs.forEach((p, i) => {
    let l = idx.get(p.source);
    if (!l) idx.set(p.source, (l = []));
    l.push(i);
  });
  const out: Record<string, PairEval> = {};
  for (const s of [...idx.keys()].sort()) {
    const l = idx.get(s)!;
    out[s] = accuracyOf(
      l.map((i) => chosen[i]),
      l.map((i) => rejected[i]),
    );
  }
  out.all = accuracyOf(chosen, rejected);
  return out;
}

/** Trailing moving average over `window` values (the first values average what exists so far). */
export function movingAverage(values: readonly number[], window: number): number[] {
  if (!(Number.isInteger(window) && window >= 1))
    throw new Error(`movingAverage: window must be a positive integer, got ${window}`);
  const out: number[] = [];
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    if (i >= window) sum -= values[i - window];
    out.push(sum / Math.min(i + 1, window));
  }
  return out;
}

export interface CurveRun {
  /** Legend label, e.g. "bt, seed 1". */
  label: string;
  /** Runs with the same group share a colour (e.g. the loss). */
  group: string;
  steps: readonly StepMetric[];
  evals: readonly { step: number; accuracy: number; loss?: number }[];
}

/**
 * Two panels: smoothed training loss per step (left), held-out pair accuracy at each evaluation (right). `model`
 * names the model trained, for the title (e.g. "the transformer").
 */
export function trainingCurvesFigure(
  runs: readonly CurveRun[],
  options: {
    id?: string;
    model: string;
    subtitle: string;
    captionText: string;
    smooth?: number;
    /** The trivial baselines on the same held-out pairs (lengthBaselinesBySource(...).all): the better is drawn. */
    baselines?: readonly BaselineAccuracy[];
  },
): PlotlyFigure {
  const groups = [...new Set(runs.map((r) => r.group))];
  const seen = new Map<string, number>();
  const data: Record<string, unknown>[] = [];
  for (const r of runs) {
    const g = groups.indexOf(r.group);
    const k = seen.get(r.group) ?? 0;
    seen.set(r.group, k + 1);
    const color = NEUTRAL_COLORS[(g + 1) % NEUTRAL_COLORS.length];
    const dash = DASHES[k % DASHES.length];
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: r.label,
      legendgroup: r.label,
      x: r.steps.map((s) => s.step),
      y: movingAverage(
        r.steps.map((s) => s.loss),
        options.smooth ?? 10,
      ),
      line: { color, dash, width: 2 },
      hovertemplate: `${r.label}<br>step %{x}<br>loss %{y:.4f}<extra></extra>`,
    });
    data.push({
      type: 'scatter',
      mode: 'lines+markers',
      name: r.label,
      legendgroup: r.label,
      showlegend: false,
      xaxis: 'x2',
      yaxis: 'y2',
      x: r.evals.map((e) => e.step),
      y: r.evals.map((e) => 100 * e.accuracy),
      line: { color, dash, width: 2 },
      marker: { size: 5 },
      hovertemplate: `${r.label}<br>step %{x}<br>held-out accuracy %{y:.1f}%<extra></extra>`,
    });
  }
  const layout = baseLayout(`Training ${options.model}: loss and held-out accuracy`, options.subtitle);
  layout.xaxis = axis('optimizer step', { domain: [0, 0.45], anchor: 'y' });
  layout.yaxis = axis('training loss (moving avg.)', { anchor: 'x' });
  layout.xaxis2 = axis('optimizer step', { domain: [0.55, 1], anchor: 'y2' });
  layout.yaxis2 = axis('held-out pair accuracy (%)', { anchor: 'x2' });
  const best = [...(options.baselines ?? [])].sort((a, z) => z.accuracy - a.accuracy)[0];
  const level = (y: number, dash: string, color: string) => ({
    type: 'line',
    xref: 'x2 domain',
    yref: 'y2',
    x0: 0,
    x1: 1,
    y0: y,
    y1: y,
    line: { color, dash, width: dash === 'dot' ? 1.5 : 1 },
  });
  layout.shapes = [level(50, 'dash', '#999'), ...(best ? [level(100 * best.accuracy, 'dot', NEUTRAL_COLORS[7])] : [])];
  // The baseline's label sits at the panel's left end, chance's at its right end, so the two never meet.
  const below = best && best.accuracy < 0.5;
  layout.annotations = [
    {
      xref: 'x2 domain',
      yref: 'y2',
      x: 1,
      y: 50,
      xanchor: 'right',
      yanchor: best && !below ? 'top' : 'bottom',
      showarrow: false,
      text: 'chance',
      font: { size: 11, color: '#555' },
    },
    ...(best
      ? [
          {
            xref: 'x2 domain',
            yref: 'y2',
            x: 0,
            y: 100 * best.accuracy,
            xanchor: 'left',
            yanchor: below ? 'top' : 'bottom',
            showarrow: false,
            text: `${best.label} ${(100 * best.accuracy).toFixed(1)}`,
            font: { size: 11, color: '#555' },
          },
        ]
      : []),
    caption(
      wrapText(`${options.captionText} Training loss: trailing moving average of ${options.smooth ?? 10} steps.`, 150),
      -0.42,
    ),
  ];
  layout.legend = { orientation: 'h', x: 0, xanchor: 'left', y: -0.2, yanchor: 'top', font: { size: 12 } };
  layout.margin = { l: 70, r: 30, t: 90, b: 190 };
  return { id: options.id ?? 'training-curves', data, layout, width: 1100, height: 560 };
}

export interface AccuracyDot {
  /** Row label (e.g. the loss). */
  label: string;
  /** Column / panel (e.g. the source, or "all"). */
  panel: string;
  /** One value per seed, as fractions. */
  accuracies: number[];
  /** Wilson 95% interval of the pooled seeds, as fractions. */
  ci: [number, number];
}

/** A trivial baseline's accuracy on one panel's pairs ("longer-response-wins", as src/eval/baselines.ts names it). */
export interface BaselineAccuracy {
  name: string;
  /** Display name ("longer response wins"). */
  label: string;
  /** Fraction. */
  accuracy: number;
}

/**
 * The length baselines (src/eval/baselines.ts: longer- and shorter-response-wins) on the same pairs, per source and
 * "all", as accuracyBySource counts them (ties count as wrong).
 */
export async function lengthBaselinesBySource(
  pairs: readonly Pick<PreferencePair, 'source' | 'prompt' | 'chosen' | 'rejected'>[],
): Promise<Record<string, BaselineAccuracy[]>> {
  const out: Record<string, BaselineAccuracy[]> = {};
  for (const prefer of ['longer', 'shorter'] as const) {
    const scorer = lengthScorer(prefer);
    const chosen = await scorer.score(pairs.map((p) => ({ prompt: p.prompt, response: p.chosen })));
    const rejected = await scorer.score(pairs.map((p) => ({ prompt: p.prompt, response: p.rejected })));
    for (const [panel, e] of Object.entries(accuracyBySource(pairs, chosen, rejected)))
      (out[panel] ??= []).push({ name: scorer.name, label: scorer.name.replace(/-/g, ' '), accuracy: e.accuracy });
  }
  return out;
}

/** One accuracy (fractions) as the signal rule reads a metric: percent, with the interval given. */
const asSummary = (mean: number, ci: [number, number], seeds: readonly number[]): MetricSummary => ({
  mean: 100 * mean,
  std: 0,
  n: seeds.length,
  ci95: [100 * ci[0], 100 * ci[1]],
  perSeed: seeds.map((x) => 100 * x),
  bootstrap: [],
});

/**
 * Whether each panel carries signal, by the experiments' rule (src/experiments/signal.ts): the reference label (the
 * first, e.g. bt) is above chance and above the best length baseline beyond its interval (here the Wilson interval
 * of the pooled seeds). Panels without baselines are read against chance alone.
 */
export function panelSignals(
  dots: readonly AccuracyDot[],
  baselines: Record<string, readonly BaselineAccuracy[]> = {},
): Record<string, MetricSignal> {
  const reference = dots[0]?.label;
  const out: Record<string, MetricSignal> = {};
  for (const d of dots.filter((x) => x.label === reference)) {
    const mean = d.accuracies.reduce((a, b) => a + b, 0) / d.accuracies.length;
    const base = (baselines[d.panel] ?? []).map((b) => ({
      name: b.name,
      label: b.label,
      metrics: { [d.panel]: asSummary(b.accuracy, [b.accuracy, b.accuracy], [b.accuracy]) },
    }));
    out[d.panel] = metricSignal(
      { label: d.label, metrics: { [d.panel]: asSummary(mean, d.ci, d.accuracies) } },
      base,
      d.panel,
    );
  }
  return out;
}

/**
 * Held-out accuracy per source, one small panel each in a grid that fits the page (PAGE_WIDTH): one dot per seed
 * and the pooled interval per label, chance (dashed) and, when given, the best length baseline on the same pairs
 * (dotted). A panel whose reference label has no signal (panelSignals) is drawn hollow grey, titled "no signal",
 * and its reason is in the caption.
 */
export function heldOutAccuracyFigure(
  dots: readonly AccuracyDot[],
  options: {
    id?: string;
    subtitle: string;
    captionText: string;
    /** Per panel, the trivial baselines on the same pairs (lengthBaselinesBySource). */
    baselines?: Record<string, readonly BaselineAccuracy[]>;
    width?: number;
  },
): PlotlyFigure {
  const width = options.width ?? PAGE_WIDTH;
  const panels = [...new Set(dots.map((d) => d.panel))];
  const labels = [...new Set(dots.map((d) => d.label))];
  const signals = panelSignals(dots, options.baselines);
  const quiet = (panel: string) => signals[panel] && !signals[panel].signal;
  const margin = { l: 90, r: 16 };
  const plotWidth = width - margin.l - margin.r;
  const gapPx = 36;
  const cols = Math.max(1, Math.min(panels.length, Math.floor((plotWidth + gapPx) / (200 + gapPx))));
  const rows = Math.ceil(panels.length / cols);
  const panelPx = (plotWidth - gapPx * (cols - 1)) / cols;
  const { layout, height: titlePx } = pageTitle('Held-out pair accuracy per source', options.subtitle, width);
  const header = (panel: string) => {
    const best = bestTrivialBaseline(
      (options.baselines?.[panel] ?? []).map((b) => ({
        name: b.name,
        label: b.label,
        metrics: { [panel]: asSummary(b.accuracy, [b.accuracy, b.accuracy], [b.accuracy]) },
      })),
      panel,
    );
    const base = best ? `<br>${best.label} ${best.mean.toFixed(1)}` : '';
    return wrapToWidth(`<b>${panel}</b>${quiet(panel) ? ' (no signal)' : ''}${base}`, panelPx - 4, 11);
  };
  const headers = panels.map(header);
  const headerPx = Math.max(...headers.map((h) => textHeight(h, 11))) + 6;
  const bandPx = 26 * labels.length + 14;
  const tickPx = 22;
  const between = tickPx + headerPx + 10;
  const plotPx = rows * bandPx + (rows - 1) * between;
  const data: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  const shapes: Record<string, unknown>[] = [];
  const firstQuiet = panels.findIndex(quiet);
  panels.forEach((panel, i) => {
    const ax = i === 0 ? '' : String(i + 1);
    const col = i % cols;
    const row = Math.floor(i / cols);
    const grey = quiet(panel);
    labels.forEach((label, j) => {
      const d = dots.find((x) => x.panel === panel && x.label === label);
      if (!d) return;
      const color = grey ? NO_SIGNAL_COLOR : NEUTRAL_COLORS[(j + 1) % NEUTRAL_COLORS.length];
      const mean = d.accuracies.reduce((a, b) => a + b, 0) / d.accuracies.length;
      data.push({
        type: 'scatter',
        mode: 'markers',
        name: grey ? NO_SIGNAL_NAME : label,
        legendgroup: grey ? 'no-signal' : label,
        legendrank: grey ? 1000 : j + 1,
        showlegend: grey ? i === firstQuiet && j === 0 : panels.findIndex((p) => !quiet(p)) === i,
        xaxis: `x${ax}`,
        yaxis: `y${ax}`,
        x: [100 * mean],
        y: [label],
        marker: grey
          ? { color: '#ffffff', size: 10, symbol: 'diamond', line: { color, width: 1.5 } }
          : { color, size: 10, symbol: 'diamond' },
        error_x: {
          type: 'data',
          symmetric: false,
          array: [100 * (d.ci[1] - mean)],
          arrayminus: [100 * (mean - d.ci[0])],
          color,
          thickness: 1.5,
        },
        hovertemplate: `${label} / ${panel}<br>mean %{x:.1f}%<extra></extra>`,
      });
      data.push({
        type: 'scatter',
        mode: 'markers',
        name: `${label} seeds`,
        legendgroup: grey ? 'no-signal' : label,
        showlegend: false,
        xaxis: `x${ax}`,
        yaxis: `y${ax}`,
        x: d.accuracies.map((a) => 100 * a),
        y: d.accuracies.map(() => label),
        marker: grey ? { color: '#ffffff', size: 5, line: { color, width: 1 } } : { color, size: 5, opacity: 0.6 },
        hovertemplate: `${label} / ${panel}<br>one seed: %{x:.1f}%<extra></extra>`,
      });
    });
    const x0 = (col * (panelPx + gapPx)) / plotWidth;
    const top = 1 - (row * (bandPx + between)) / plotPx;
    layout[`xaxis${ax}`] = axis('', {
      domain: [x0, x0 + panelPx / plotWidth],
      anchor: `y${ax}`,
      range: [0, 100],
      dtick: 25,
      automargin: false,
    });
    layout[`yaxis${ax}`] = axis('', {
      domain: [top - bandPx / plotPx, top],
      anchor: `x${ax}`,
      showticklabels: col === 0,
      categoryorder: 'array',
      categoryarray: [...labels].reverse(),
      automargin: false,
      ...(i === 0 ? {} : { matches: 'y' }),
    });
    annotations.push({
      text: headers[i],
      xref: `x${ax} domain`,
      yref: `y${ax} domain`,
      x: 0.5,
      y: 1,
      yshift: 3,
      xanchor: 'center',
      yanchor: 'bottom',
      showarrow: false,
      font: { size: 11, ...(grey ? { color: '#777' } : {}) },
    });
    shapes.push(...chanceAndBaselineLines(ax, signals[panel]?.baseline?.mean));
  });
  const hasBaselines = panels.some((p) => signals[p]?.baseline);
  const axisNote =
    'held-out pair accuracy (%); dashed = chance' +
    (hasBaselines ? '; dotted = the better length rule on the same pairs' : '');
  const noSignal = panels.filter(quiet);
  const captionText = wrapToWidth(
    options.captionText +
      (noSignal.length
        ? ` No signal (hollow grey: ${labels[0]} is not above both chance and the better length rule): ` +
          noSignal.map((p) => `${p}: ${signals[p].note.replace(/^no signal here: /, '')}`).join('; ') +
          '.'
        : ''),
    width - margin.l - 8,
    11,
  );
  const noteText = wrapToWidth(axisNote, plotWidth, 12);
  // Under the last row: tick labels, the axis note, the legend (one row), then the caption.
  const noteAt = tickPx + 4;
  const legendAt = noteAt + textHeight(noteText, 12) + 6;
  const captionAt = legendAt + 30;
  const t = titlePx + headerPx + 6;
  const b = captionAt + textHeight(captionText, 11) + 10;
  const height = Math.ceil(t + plotPx + b);
  annotations.push(
    {
      text: noteText,
      xref: 'paper',
      yref: 'paper',
      x: 0.5,
      y: -noteAt / plotPx,
      xanchor: 'center',
      yanchor: 'top',
      showarrow: false,
      font: { size: 12 },
    },
    caption(captionText, -captionAt / plotPx),
  );
  layout.shapes = shapes;
  layout.annotations = annotations;
  layout.legend = { orientation: 'h', x: 0, xanchor: 'left', y: -legendAt / plotPx, yanchor: 'top' };
  layout.margin = { ...margin, t, b: height - t - plotPx };
  pinTitle(layout);
  return { id: options.id ?? 'held-out-accuracy', data, layout, width, height };
}

/** The paper's training set-up (each value with where it comes from) beside the workbench's, row by row. */
export function trainingSetupTable(
  paper: TrainingHparams,
  ours: {
    preset: string;
    config: TrainConfig;
    model: string;
    parameters: number;
    trainPairs: number;
    maxTokens: number;
  },
): ReportTable {
  const val = (item: string) => {
    const r = paper.rows.find((x) => x.item === item);
    return r
      ? `${r.value === null ? 'not found' : String(r.value)}` +
          `${r.tag && r.tag !== '-' ? ` (${sourceTagText(r.tag)})` : ''}`
      : 'not found';
  };
  const c = ours.config;
  const rows: string[][] = [
    [
      'model',
      val('base models'),
      `${ours.model}: hashed n-gram bag → 1 hidden layer → reward, ${ours.parameters.toLocaleString('en-US')} ` +
        `parameters, random init`,
    ],
    ['starting point', 'pretrained instruct LLM, fine-tuned', 'from scratch (no pretraining)'],
    ['loss', val('loss'), 'compared here: bt, bt-margin, focal'],
    ['batch size', val('global batch size'), String(c.batchSize)],
    ['learning rate', val('learning rate'), String(c.lr)],
    ['optimizer', val('optimizer'), `AdamW, weight decay ${c.weightDecay}`],
    [
      'schedule',
      val('schedule'),
      `${Math.round(100 * c.warmupFraction)}% linear warmup, then cosine to ${c.minLrFraction}`,
    ],
    ['epochs', val('epochs'), c.maxSteps === null ? String(c.epochs) : `${c.epochs} (capped at ${c.maxSteps} steps)`],
    ['gradient clipping', 'not found', c.clipNorm > 0 ? `global L2 norm ${c.clipNorm}` : 'off'],
    ['training pairs', `81,973 (Skywork 80K v0.1) (${sourceTagText('T')})`, ours.trainPairs.toLocaleString('en-US')],
    [
      'max sequence length',
      val('max sequence length'),
      `${ours.maxTokens} tokens (cl100k_base), prompt cut from the left`,
    ],
    ['warmup, hardware, seeds', val('warmup, hardware, seeds'), 'seed per run (in the run record); 2-core CPU'],
  ];
  return {
    id: 'training-setup',
    title: `Training set-up: ${PAPER_LABEL} vs ${OURS_LABEL} (preset "${ours.preset}")`,
    columns: [
      { label: 'Item', align: 'left' },
      { label: PAPER_LABEL, align: 'left' },
      { label: `${OURS_LABEL}`, align: 'left' },
    ],
    rows,
    breaks: [],
    notes: [
      paper.source,
      'Ours trains a small model from random weights on CPU; the paper fine-tunes 8B/27B LLMs on GPUs. ' +
        'Settings are not interchangeable.',
    ],
  };
}
