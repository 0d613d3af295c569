// Tables for models trained elsewhere and evaluated here from their supplied rewards (externalInputs.ts): the
// JudgeBench leaderboard beside the JudgeBench paper's Table 3, and RM-Bench and held-out accuracies. RewardBench-lite
// rows join Table 2 itself (scoreTables.ts). Percent, two decimals on JudgeBench (its paper prints two), with the
// bootstrap 95% CI of each number.
import type { ExternalResults, ExternalRow } from './externalInputs.js';
import { EXTERNAL_LABEL, fmtWithCi, type ReportTable, type TableColumn } from './tableRender.js';

const left = (label: string): TableColumn => ({ label, align: 'left' });
const right = (label: string): TableColumn => ({ label, align: 'right' });

function cell(r: ExternalRow, key: string, digits: number): string {
  const v = r.metrics[key] ?? r.accuracies?.[key];
  if (v === undefined) return '–';
  const ci = r.ci95[key];
  return fmtWithCi(100 * v, ci ? [100 * ci.lo, 100 * ci.hi] : undefined, digits);
}

function scoresNote(rows: ExternalRow[]): string[] {
  return rows.map(
    (r) =>
      `${EXTERNAL_LABEL} "${r.name}": rewards from ${r.scores.file} (sha256 ${r.scores.sha256.slice(0, 12)}), ` +
      `${r.scores.pairs} pairs; ${r.resamples} bootstrap resamples, seed ${r.seed}`,
  );
}

export interface JudgeBenchPaperRow {
  label: string;
  knowledge: number;
  reasoning: number;
  math: number;
  coding: number;
  overall: number;
}

const JB_KEYS = ['knowledge', 'reasoning', 'math', 'coding', 'overall'] as const;

/** JudgeBench (350 GPT-4o pairs): the JudgeBench paper's reward-model rows, then the external rows. */
export function judgeBenchExternalTable(paper: JudgeBenchPaperRow[], results: ExternalResults): ReportTable {
  const ext = results.rows.filter((r) => r.bench === 'judgebench');
  const rows = [
    ...paper.map((p) => ['JudgeBench paper (reported)', p.label, ...JB_KEYS.map((k) => p[k].toFixed(2))]),
    ...ext.map((r) => [EXTERNAL_LABEL, r.name, ...JB_KEYS.map((k) => cell(r, k, 2))]),
  ];
  return {
    id: 'external-judgebench-leaderboard',
    title: 'JudgeBench (350 GPT-4o pairs): reward models trained elsewhere, scored here from their rewards',
    columns: [
      left('From'),
      left('Model'),
      right('Knowledge'),
      right('Reasoning'),
      right('Math'),
      right('Coding'),
      right('Overall'),
    ],
    rows,
    breaks: paper.length && ext.length ? [paper.length] : [],
    notes: [
      'JudgeBench paper rows: Table 3 of Tan et al. (ICLR 2025), GPT-4o response pairs, percent as printed.',
      'External rows: correct iff reward(chosen) > reward(rejected), ties wrong (src/eval/judgebenchRule.ts; ' +
        "equal to JudgeBench's two-order rule for a reward model that scores a response the same in either " +
        'order); overall = pair-weighted mean; [lo, hi] = percentile bootstrap 95% CI, pairs resampled within ' +
        'categories.',
      ...scoresNote(ext),
    ],
  };
}

/** RM-Bench and held-out accuracies of the external rows, one table per benchmark present. */
export function externalBenchTables(results: ExternalResults): ReportTable[] {
  const out: ReportTable[] = [];
  const rm = results.rows.filter((r) => r.bench === 'rmbench');
  if (rm.length) {
    const keys = ['hard', 'normal', 'easy', 'avg'];
    out.push({
      id: 'external-rmbench',
      title: 'RM-Bench (chat, code, safety): reward models trained elsewhere, scored here from their rewards',
      columns: [left('From'), left('Model'), ...keys.map(right)],
      rows: rm.map((r) => [EXTERNAL_LABEL, r.name, ...keys.map((k) => cell(r, k, 1))]),
      breaks: [],
      notes: [
        "RM-Bench's rule: each prompt's 3 chosen x 3 rejected styles; hard / normal / easy = the cells above " +
          "/ on / below the diagonal; avg over the domains present (RM-Bench's math domain is not in the " +
          'offline data).',
        ...scoresNote(rm),
      ],
    });
  }
  const held = results.rows.filter((r) => r.bench === 'heldout');
  if (held.length) {
    const sources = [...new Set(held.flatMap((r) => Object.keys(r.accuracies ?? {})))].sort();
    out.push({
      id: 'external-heldout',
      title: "Held-out accuracy on a mix's held-out split: reward models trained elsewhere, scored here",
      columns: [left('From'), left('Model'), ...sources.map(right), right('Overall')],
      rows: held.map((r) => [EXTERNAL_LABEL, r.name, ...sources.map((s) => cell(r, s, 1)), cell(r, 'overall', 1)]),
      breaks: [],
      notes: ['Overall = pair-weighted mean over the sources with 20 or more held-out pairs.', ...scoresNote(held)],
    });
  }
  return out;
}
