// Helpers behind notebooks/05_evaluation.ipynb: the paper's section scores recomputed from the official per-subset
// counts under both RewardBench weight versions, RewardBench-lite's subsets and results as tables, RM-Bench's 3x3
// matrices as heatmaps, and the JudgeBench reference leaderboard beside the JudgeBench paper's Table 3.
import type { BenchSubset } from '../eval/benchmark.js';
import type { EvalResult } from '../eval/evaluate.js';
import type { ReferenceRow } from '../eval/judgebench.js';
import { JUDGEBENCH_CATEGORIES } from '../eval/judgebenchRule.js';
import { REWARDBENCH_SECTIONS } from '../data/rewardbenchSections.js';
import { subsetWeights, type WeightsVersion } from '../eval/rewardbenchConstants.js';
import { sectionScores, type RewardBenchSectionScores } from '../eval/rewardbenchScore.js';
import type { RmBenchAccuracy } from '../eval/rmbench.js';
import type { RewardBenchSubsetsSkywork } from '../report/paperData.js';
import { OURS_LABEL, PAPER_LABEL, fmtFixed, fmtInt, type ReportTable } from '../report/tableRender.js';
import { OURS_COLORS, axis, caption, type PlotlyFigure } from '../report/theme.js';
import { PAGE_WIDTH } from './display.js';
import { pageTitle, pinTitle, textHeight, wrapToWidth } from './pageLayout.js';

export interface SkyworkRecomputed {
  model: string;
  weights: WeightsVersion;
  /** Whether these are the weights the paper's row was computed with. */
  paperWeights: boolean;
  /** Percent, unrounded. */
  scores: RewardBenchSectionScores;
}

/** Per-subset accuracy = official correct count / subset size, for one of the four Skywork models. */
export function skyworkAccuracies(t: RewardBenchSubsetsSkywork, model: string): Record<string, number> {
  const m = t.models.find((x) => x.model === model);
  if (!m) throw new Error(`no per-subset counts for "${model}"; have ${t.models.map((x) => x.model).join(', ')}`);
  return Object.fromEntries(t.subsets.map((s) => [s.subset, m.correct[s.subset] / s.n]));
}

/** Every Skywork model's sections under both weight versions, with the eval area's sectionScores, in percent. */
export function recomputeSkyworkSections(t: RewardBenchSubsetsSkywork): SkyworkRecomputed[] {
  const out: SkyworkRecomputed[] = [];
  for (const m of t.models) {
    const acc = skyworkAccuracies(t, m.model);
    for (const weights of ['pre-2024-09-10', 'current'] as const) {
      const s = sectionScores(acc, { weights });
      const pct = Object.fromEntries(
        Object.entries(s).map(([k, v]) => [k, 100 * v]),
      ) as unknown as RewardBenchSectionScores;
      out.push({
        model: m.model,
        weights,
        paperWeights: (m.paperWeights === 'preFix') === (weights === 'pre-2024-09-10'),
        scores: pct,
      });
    }
  }
  return out;
}

/** Paper rows next to our recomputation under both weight versions; the row with the paper's weights is marked. */
export function skyworkSectionTable(t: RewardBenchSubsetsSkywork): ReportTable {
  const rows: string[][] = [];
  const breaks: number[] = [];
  for (const m of t.models) {
    if (rows.length) breaks.push(rows.length);
    const p = t.paperReported[m.model];
    rows.push([
      m.model,
      PAPER_LABEL,
      '–',
      fmtFixed(p.score, 1),
      ...REWARDBENCH_SECTIONS.map((s) => fmtFixed(p.sections[s], 1)),
    ]);
    for (const r of recomputeSkyworkSections(t).filter((x) => x.model === m.model)) {
      const w = r.weights === 'current' ? 'current (154 / 250)' : 'before 2024-09-10 (250 / 154)';
      rows.push([
        m.model,
        `${OURS_LABEL}, recomputed`,
        `${w}${r.paperWeights ? " ✓ paper's" : ''}`,
        fmtFixed(r.scores.score, 2),
        ...REWARDBENCH_SECTIONS.map((s) => fmtFixed(r.scores[s], 2)),
      ]);
    }
  }
  return {
    id: 'skywork-sections-recomputed',
    title:
      'The four Skywork-Reward models: paper section scores and ours recomputed from the official per-subset counts',
    columns: [
      { label: 'Model', align: 'left' },
      { label: 'From', align: 'left' },
      { label: 'XSTest weights (refuse / respond)', align: 'left' },
      { label: 'Score', align: 'right' },
      ...REWARDBENCH_SECTIONS.map((s) => ({ label: s, align: 'right' as const })),
    ],
    rows,
    breaks,
    notes: [
      `Paper rows and counts: ${t.source}`,
      "Ours: accuracy = correct / n per subset, then RewardBench's section formula (src/eval sectionScores) " +
        'with each weight version; two decimals so rounding is visible.',
    ],
  };
}

/** One row per lite subset: tag, pairs, what it stands for, and the rule that built it. */
export function liteSubsetTable(subsets: readonly BenchSubset[]): ReportTable {
  const w = subsetWeights('current');
  return {
    id: 'rewardbench-lite-subsets',
    title: 'RewardBench-lite: every subset, how faithful it is, and how it was built',
    columns: [
      { label: 'Subset', align: 'left' },
      { label: 'Tag', align: 'left' },
      { label: 'Pairs', align: 'right' },
      { label: 'Stands for (weight)', align: 'left' },
      { label: 'Rule', align: 'left' },
    ],
    rows: subsets.map((s) => {
      const stands = s.standsFor ?? [s.key];
      const weight = stands.reduce((a, k) => a + (w[k] ?? 0), 0);
      return [
        s.key,
        s.tag,
        fmtInt(s.pairs.length),
        s.tag === 'in-distribution' ? 'not scored' : `${stands.join(', ')} (${weight})`,
        s.rule,
      ];
    }),
    breaks: [],
    notes: [
      "exact = RewardBench's own pairs; approximate = the same prompts, pairs rebuilt by a stated rule; proxy " +
        '= other real data in the same role.',
    ],
  };
}

/** Accuracy per subset (rows) for several results of one benchmark (columns), then the summary metrics, in percent. */
export function resultsTable(results: readonly EvalResult[], title: string, id = 'eval-results'): ReportTable {
  if (!results.length) throw new Error('resultsTable: no results');
  const first = results[0];
  const subsetRows = first.subsets.map((s) => [
    s.key,
    s.tag,
    fmtInt(s.n),
    ...results.map((r) => fmtFixed(100 * r.accuracies[s.key], 1)),
  ]);
  const metricRows = Object.keys(first.metrics).map((k) => [
    `**${k}**`,
    'summary',
    '',
    ...results.map((r) => fmtFixed(100 * r.metrics[k], 1)),
  ]);
  return {
    id,
    title,
    columns: [
      { label: 'Subset', align: 'left' },
      { label: 'Tag', align: 'left' },
      { label: 'Pairs', align: 'right' },
      ...results.map((r) => ({ label: r.model, align: 'right' as const })),
    ],
    rows: [...subsetRows, ...metricRows],
    breaks: [subsetRows.length],
    notes: [
      `${OURS_LABEL}: accuracy (%) = share of pairs with reward(chosen) > reward(rejected); ties count as wrong.`,
      ...first.notes,
    ],
  };
}

/**
 * One 3x3 heatmap per scorer: cell (i, j) = share of prompts where chosen style i beats rejected style j. Laid out
 * for the page (PAGE_WIDTH) in pixels: square panels side by side, the style names once on the left, each panel's
 * name and averages over it, the axis names and the caption under the panels. Every cell carries its number, so
 * there is no colour bar.
 */
export function rmBenchMatrixFigure(
  panels: readonly { label: string; acc: RmBenchAccuracy }[],
  subtitle: string,
  width = PAGE_WIDTH,
): PlotlyFigure {
  if (!panels.length) throw new Error('rmBenchMatrixFigure: no panels');
  const styles = ['concise', 'detailed', 'markdown'];
  const margin = { l: 110, r: 16 };
  const gapPx = 18;
  const plotWidth = width - margin.l - margin.r;
  const panelPx = (plotWidth - gapPx * (panels.length - 1)) / panels.length;
  const w = panelPx / plotWidth;
  const gap = gapPx / plotWidth;
  const { layout, height: titlePx } = pageTitle(
    'RM-Bench: does the reward follow substance or style?',
    subtitle,
    width,
  );
  const headers = panels.map((p) =>
    wrapToWidth(
      `<b>${p.label}</b><br>hard\u00a0${(100 * p.acc.hard).toFixed(1)} · ` +
        `normal\u00a0${(100 * p.acc.normal).toFixed(1)} · ` +
        `easy\u00a0${(100 * p.acc.easy).toFixed(1)}`,
      panelPx - 4,
      11,
    ),
  );
  const headerPx = Math.max(...headers.map((h) => textHeight(h, 11))) + 6;
  const captionText = wrapToWidth(
    'Ours (measured). Darker = more often correct. Upper triangle = hard (the correct answer is plainer than the ' +
      'wrong one), diagonal = normal, lower triangle = easy (the correct answer is fancier). Averages follow ' +
      "RM-Bench's README; RM-Bench's math domain is not in the offline data.",
    width - margin.l - 8,
    11,
  );
  const plotPx = Math.min(panelPx, 260);
  // Under the panels: tick labels (about 22 px), the axis name (14 px text), then the caption.
  const axisTitleAt = 26;
  const captionAt = axisTitleAt + 26;
  const t = titlePx + headerPx + 6;
  const b = captionAt + textHeight(captionText, 11) + 10;
  const height = Math.ceil(t + plotPx + b);
  const data: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  panels.forEach((p, i) => {
    const ax = i === 0 ? '' : String(i + 1);
    const x0 = i * (w + gap);
    data.push({
      type: 'heatmap',
      z: p.acc.matrix.map((row) => row.map((v) => 100 * v)),
      x: styles,
      y: styles,
      xaxis: `x${ax}`,
      yaxis: `y${ax}`,
      zmin: 0,
      zmax: 100,
      colorscale: [
        [0, '#ffffff'],
        [1, OURS_COLORS[1]],
      ],
      showscale: false,
      hovertemplate: 'chosen %{y} vs rejected %{x}: %{z:.1f}%<extra></extra>',
    });
    p.acc.matrix.forEach((row, r) =>
      row.forEach((v, c) =>
        annotations.push({
          xref: `x${ax}`,
          yref: `y${ax}`,
          x: styles[c],
          y: styles[r],
          text: (100 * v).toFixed(1),
          showarrow: false,
          font: { size: 13, color: v > 0.65 ? '#fff' : '#222' },
        }),
      ),
    );
    annotations.push({
      xref: 'paper',
      yref: 'paper',
      x: x0 + w / 2,
      y: 1 + 4 / plotPx,
      xanchor: 'center',
      yanchor: 'bottom',
      showarrow: false,
      font: { size: 11 },
      text: headers[i],
    });
    layout[`xaxis${ax}`] = axis('', { domain: [x0, x0 + w], anchor: `y${ax}`, side: 'bottom', automargin: false });
    layout[`yaxis${ax}`] = axis(i === 0 ? 'chosen response style' : '', {
      anchor: `x${ax}`,
      autorange: 'reversed',
      showticklabels: i === 0,
      automargin: false,
    });
  });
  annotations.push(
    {
      xref: 'paper',
      yref: 'paper',
      x: 0.5,
      y: -axisTitleAt / plotPx,
      xanchor: 'center',
      yanchor: 'top',
      showarrow: false,
      font: { size: 14 },
      text: 'rejected response style',
    },
    caption(captionText, -captionAt / plotPx),
  );
  layout.annotations = annotations;
  layout.margin = { ...margin, t, b: height - t - plotPx };
  pinTitle(layout);
  return { id: 'rmbench-matrices', data, layout, width, height };
}

/** JudgeBench's paper Table 3 next to the same numbers recomputed from the stored reward scores. */
export function judgeBenchLeaderboardTable(
  rows: readonly ReferenceRow[],
  ours: readonly EvalResult[] = [],
): ReportTable {
  const cats = [...JUDGEBENCH_CATEGORIES, 'overall'];
  const out: string[][] = [];
  const sorted = [...rows].sort((a, b) => b.accuracy.overall - a.accuracy.overall);
  for (const r of sorted) {
    out.push([r.judgeModel, 'JudgeBench paper (reported)', ...cats.map((c) => fmtFixed(r.paper[c], 1))]);
    out.push([
      r.judgeModel,
      `${OURS_LABEL} from its stored scores`,
      ...cats.map((c) => fmtFixed(100 * r.accuracy[c], 1)),
    ]);
  }
  const breaks = ours.length ? [out.length] : [];
  for (const e of ours)
    out.push([
      e.model,
      OURS_LABEL,
      ...cats.map((c) => fmtFixed(100 * (c === 'overall' ? e.metrics.overall : e.accuracies[c]), 1)),
    ]);
  return {
    id: 'judgebench-leaderboard',
    title: 'JudgeBench (350 GPT-4o response pairs): reward models ranked by overall accuracy',
    columns: [
      { label: 'Model', align: 'left' },
      { label: 'From', align: 'left' },
      ...cats.map((c) => ({ label: c, align: 'right' as const })),
    ],
    rows: out,
    breaks,
    notes: [
      'Stored scores: ScalerLab/JudgeBench outputs/ (each pair scored in both orders); a pair is correct only ' +
        'when both orders pick the labelled response (src/eval/judgebenchRule.ts).',
      `Pairs per category: ${JUDGEBENCH_CATEGORIES.map((c) => `${c} ${rows[0]?.n[c] ?? '?'}`).join(', ')}.`,
    ],
  };
}
