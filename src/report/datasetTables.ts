// Table 1 (dataset statistics), the contamination table and the Magpie task-category table: counts, paper first,
// ours after a rule.
import type { CompositionRow, DecontaminationTable, MagpieTaskCategories, Table1Composition } from './paperData.js';
import type { OursCategories, OursComposition, OursContaminationRow } from './oursInputs.js';
import { OURS_LABEL, PAPER_LABEL, fmtFixed, fmtInt, type ReportTable } from './tableRender.js';

/** Pair-weighted mean of a per-source statistic, or undefined when a row lacks it. */
export function weightedMean(
  rows: CompositionRow[],
  key: 'avgTurns' | 'avgPromptTokens' | 'avgResponseTokens',
): number | undefined {
  let sum = 0;
  let pairs = 0;
  for (const r of rows) {
    const v = r[key];
    if (v === undefined) return undefined;
    sum += v * r.pairs;
    pairs += r.pairs;
  }
  return pairs > 0 ? sum / pairs : undefined;
}

export function table1Statistics(paper: Table1Composition, ours?: OursComposition): ReportTable {
  const v02 = new Map(paper.v02.rows.map((r) => [r.source, r.pairs]));
  const statCells = (r: { avgTurns?: number; avgPromptTokens?: number; avgResponseTokens?: number }) => [
    fmtFixed(r.avgTurns, 1),
    fmtFixed(r.avgPromptTokens, 1),
    fmtFixed(r.avgResponseTokens, 1),
  ];
  const rows = paper.rows.map((r) => [
    PAPER_LABEL,
    r.source,
    fmtInt(r.pairs),
    fmtInt(v02.get(r.source) ?? r.pairs),
    ...statCells(r),
    r.completion ?? '–',
    r.annotator ?? '–',
  ]);
  rows.push([
    PAPER_LABEL,
    'Total',
    fmtInt(paper.total.pairs),
    fmtInt(paper.v02.total.pairs),
    ...statCells(paper.total),
    '–',
    '–',
  ]);
  const breaks: number[] = [];
  const notes = [`Paper rows: ${paper.source}`, `v0.2 column: ${paper.v02.source}`, ...paper.footnotes];
  if (ours) {
    breaks.push(rows.length);
    for (const r of ours.after) {
      rows.push([OURS_LABEL, r.source, fmtInt(r.pairs), '–', ...statCells(r), r.completion ?? '–', r.annotator ?? '–']);
    }
    const total = ours.after.reduce((s, r) => s + r.pairs, 0);
    rows.push([
      OURS_LABEL,
      'Total',
      fmtInt(total),
      '–',
      fmtFixed(weightedMean(ours.after, 'avgTurns'), 1),
      fmtFixed(weightedMean(ours.after, 'avgPromptTokens'), 1),
      fmtFixed(weightedMean(ours.after, 'avgResponseTokens'), 1),
      '–',
      '–',
    ]);
    notes.push(
      `${OURS_LABEL}: mix "${ours.label}"${ours.config ? `, config ${ours.config}` : ''}, data ` +
        `${ours.dataHash.slice(0, 12)}; token counts are the workbench tokenizer's, not the paper's. Totals of ` +
        `averages are pair-weighted.`,
    );
    // Say why a column is empty rather than leave a "–" that looks like a measurement of nothing.
    if (ours.after.some((r) => r.avgTurns === undefined))
      notes.push(
        `${OURS_LABEL}: turns and tokens are not in these results (mix-composition.json holds pair counts ` +
          `only); npm run reproduce writes them, and notebook 02 shows them for its mix.`,
      );
  } else notes.push('No measured mix: curate one (rmw curate) to add ours.');
  return {
    id: 'table1-statistics',
    title: 'Table 1: Statistics of the preference mix, paper (reported) and ours (measured)',
    columns: [
      { label: 'From', align: 'left' },
      { label: 'Dataset', align: 'left' },
      { label: '# Pairs (v0.1)', align: 'right' },
      { label: '# Pairs (v0.2)', align: 'right' },
      { label: 'Avg. # Turns', align: 'right' },
      { label: 'Avg. # Tokens (Prompt)', align: 'right' },
      { label: 'Avg. # Tokens (Response)', align: 'right' },
      { label: 'Completion', align: 'left' },
      { label: 'Annotator', align: 'left' },
    ],
    rows,
    breaks,
    notes,
  };
}

export function decontaminationTable(paper: DecontaminationTable, ours: OursContaminationRow[] = []): ReportTable {
  const rows = paper.rows.map((r) => [
    PAPER_LABEL,
    r.dataset,
    fmtInt(r.rewardbenchPromptsMatched),
    fmtInt(r.contaminatedPrompts),
  ]);
  const breaks = ours.length ? [rows.length] : [];
  rows.push(
    ...ours.map((r) => [
      OURS_LABEL,
      r.dataset,
      r.benchmarkPrompts !== undefined
        ? `${fmtInt(r.benchmarkPromptsMatched)} of ${fmtInt(r.benchmarkPrompts)}`
        : fmtInt(r.benchmarkPromptsMatched),
      r.trainingPrompts !== undefined
        ? `${fmtInt(r.contaminatedPrompts)} of ${fmtInt(r.trainingPrompts)}`
        : fmtInt(r.contaminatedPrompts),
    ]),
  );
  return {
    id: 'decontamination-table',
    title: 'Potential prompt contamination with RewardBench, paper (reported) and ours (measured)',
    columns: [
      { label: 'From', align: 'left' },
      { label: 'Dataset', align: 'left' },
      { label: `# RewardBench prompts with >${paper.ngram.n}-gram match`, align: 'right' },
      { label: '# contaminated training prompts', align: 'right' },
    ],
    rows,
    breaks,
    notes: [
      `Paper rows: ${paper.source}`,
      ...(ours.length
        ? [`${OURS_LABEL}: the workbench's n-gram check (src/curate) against the RewardBench-lite prompts.`]
        : ['No measured rows: run decontamination to add ours.']),
    ],
  };
}

/** Percentages of a total to 2 dp, as the paper prints them. */
export function percentOf(count: number, total: number): string {
  return total > 0 ? ((100 * count) / total).toFixed(2) : '–';
}

export function magpieCategoryTable(paper: MagpieTaskCategories, ours?: OursCategories): ReportTable {
  const rows = paper.rows.map((r) => [PAPER_LABEL, r.task, fmtInt(r.count), `${r.percentage.toFixed(2)}%`]);
  rows.push([PAPER_LABEL, 'Total', fmtInt(paper.total.count), '100.00%']);
  const breaks: number[] = [];
  const notes = [`Paper rows: ${paper.source}`];
  if (ours) {
    breaks.push(rows.length);
    const total = ours.rows.reduce((s, r) => s + r.count, 0);
    const sorted = [...ours.rows].sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
    rows.push(...sorted.map((r) => [OURS_LABEL, r.category, fmtInt(r.count), `${percentOf(r.count, total)}%`]));
    rows.push([OURS_LABEL, 'Total', fmtInt(total), total > 0 ? '100.00%' : '–']);
    notes.push(`${OURS_LABEL}: categories of "${ours.label}", data ${ours.dataHash.slice(0, 12)}.`);
  } else notes.push('No measured category counts: curate a mix to add ours.');
  return {
    id: 'magpie-task-categories',
    title: 'Task categories of the selected pairs, paper (Magpie, reported) and ours (measured)',
    columns: [
      { label: 'From', align: 'left' },
      { label: 'Task category', align: 'left' },
      { label: 'Count', align: 'right' },
      { label: 'Percentage', align: 'right' },
    ],
    rows,
    breaks,
    notes,
  };
}
