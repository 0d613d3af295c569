// Table 2 (leaderboard), Table 3 (loss ablation) and the decontaminated-models table: RewardBench-scored rows,
// paper first, ours after a rule, each row labelled with where it comes from.
import type {
  DecontaminatedModels,
  LossAblationRow,
  PaperScoreRow,
  Table2Leaderboard,
  Table3LossAblation,
} from './paperData.js';
import { labelOursByLoss } from './lossAblationRows.js';
import { oursRowKind, type OursScoreRow } from './oursInputs.js';
import { REWARDBENCH_SECTIONS } from '../data/rewardbenchSections.js';
import {
  EXTERNAL_LABEL,
  OURS_LABEL,
  PAPER_LABEL,
  fmtWithCi,
  type ReportTable,
  type TableColumn,
} from './tableRender.js';

const SCORE_COLUMNS: TableColumn[] = [
  { label: 'Score', align: 'right' },
  ...REWARDBENCH_SECTIONS.map((s): TableColumn => ({ label: s, align: 'right' })),
];

function paperCells(row: PaperScoreRow): string[] {
  return [row.score.toFixed(1), ...REWARDBENCH_SECTIONS.map((s) => row.sections[s].toFixed(1))];
}

function oursCells(row: OursScoreRow): string[] {
  return [
    fmtWithCi(row.score, row.ci?.score),
    ...REWARDBENCH_SECTIONS.map((s) => fmtWithCi(row.sections[s], row.ci?.sections?.[s])),
  ];
}

/** Where a non-paper row comes from: measured by us, or a model trained elsewhere evaluated from its rewards. */
export function oursFromLabel(row: OursScoreRow): string {
  return oursRowKind(row) === 'external' ? EXTERNAL_LABEL : OURS_LABEL;
}

/** One note per ours row: seeds, backend, config and data hash (the run record behind the numbers). */
export function oursRunNote(row: OursScoreRow): string {
  if (oursRowKind(row) === 'external')
    return (
      `${EXTERNAL_LABEL} "${row.label}": ${row.config} (sha256 ${row.dataHash.slice(0, 12)}), ` +
      `${row.n ?? '?'} pairs, bootstrap seed ${row.seeds[0]}`
    );
  const seeds = row.seeds.length === 1 ? `seed ${row.seeds[0]}` : `${row.seeds.length} seeds (${row.seeds.join(', ')})`;
  return (
    `${OURS_LABEL} "${row.label}": ${seeds}; backend ${row.backend}; config ${row.config}; data ` +
    `${row.dataHash.slice(0, 12)}` +
    (row.n !== undefined ? `; n = ${row.n}` : '')
  );
}

function ciNote(rows: OursScoreRow[]): string[] {
  return rows.some((r) => r.ci) ? ['Ours: mean over seeds, [lo, hi] = 95% confidence interval where given.'] : [];
}

/** The Type column of Table 2 for an ours row: a workbench model, or a rule that reads a surface cue. */
export function oursRowType(row: OursScoreRow): string {
  const kind = oursRowKind(row);
  if (kind === 'external') return 'Reward model (trained elsewhere)';
  return kind === 'baseline' ? 'Baseline (surface cue, no training)' : 'Discriminative (workbench)';
}

export function table2Leaderboard(paper: Table2Leaderboard, ours: OursScoreRow[] = []): ReportTable {
  const rows = paper.rows.map((r) => [PAPER_LABEL, `${r.model}${r.unverified ? '*' : ''}`, r.type, ...paperCells(r)]);
  const breaks = paper.rows.map((r, i) => (i > 0 && r.block !== paper.rows[i - 1].block ? i : -1)).filter((i) => i > 0);
  if (ours.length) breaks.push(rows.length);
  rows.push(...ours.map((r) => [oursFromLabel(r), r.label, oursRowType(r), ...oursCells(r)]));
  const external = ours.some((r) => oursRowKind(r) === 'external');
  return {
    id: 'table2-leaderboard',
    title: 'Table 2: RewardBench scores, paper (reported) and ours (measured)',
    columns: [
      { label: 'From', align: 'left' },
      { label: 'Model', align: 'left' },
      { label: 'Type', align: 'left' },
      ...SCORE_COLUMNS,
    ],
    rows,
    breaks,
    notes: [
      `Paper rows: ${paper.source}`,
      ...(ours.length
        ? [
            'Ours: small workbench models trained from scratch on the offline data, scored on the ' +
              "RewardBench-lite rebuild; not comparable in absolute terms to the paper's 8B/27B models.",
            ...(external
              ? [
                  `${EXTERNAL_LABEL}: reward models trained elsewhere; their rewards on the same ` +
                    `RewardBench-lite pairs were supplied and scored here with the same rules and bootstrap.`,
                ]
              : []),
            ...ciNote(ours),
            ...ours.map(oursRunNote),
          ]
        : ['No measured rows: run the experiments (npm run reproduce) to add ours.']),
    ],
  };
}

export function table3LossAblation(paper: Table3LossAblation, ours: OursScoreRow[] = []): ReportTable {
  const rows = paper.rows.map((r: LossAblationRow) => [
    PAPER_LABEL,
    r.loss,
    `${paper.baseModel}, ${paper.data}`,
    ...paperCells(r),
  ]);
  const breaks = ours.length ? [rows.length] : [];
  // Ours rows share one label (model and data) and differ in `loss`: name each by its loss (lossAblationRows.ts).
  const byLoss = labelOursByLoss(ours);
  rows.push(...byLoss.map((r) => [OURS_LABEL, r.label, r.modelLabel, ...oursCells(r)]));
  return {
    id: 'table3-loss-ablation',
    title: 'Table 3: Loss-function ablation, paper (reported) and ours (measured)',
    columns: [
      { label: 'From', align: 'left' },
      { label: 'Loss', align: 'left' },
      { label: 'Model / data', align: 'left' },
      ...SCORE_COLUMNS,
    ],
    rows,
    breaks,
    notes: [
      `Paper rows: ${paper.source}`,
      ...(ours.length
        ? [...ciNote(ours), ...byLoss.map(oursRunNote)]
        : ['No measured rows: run the loss ablation to add ours.']),
    ],
  };
}

export function decontaminatedModelsTable(paper: DecontaminatedModels, ours: OursScoreRow[] = []): ReportTable {
  const rows = paper.rows.map((r) => [PAPER_LABEL, r.model, `80K ${r.version}`, ...paperCells(r)]);
  const breaks = ours.length ? [rows.length] : [];
  rows.push(...ours.map((r) => [OURS_LABEL, r.label, r.config, ...oursCells(r)]));
  return {
    id: 'decontamination-models',
    title: 'Decontamination ablation (v0.1 vs v0.2): RewardBench scores, paper (reported) and ours (measured)',
    columns: [
      { label: 'From', align: 'left' },
      { label: 'Model', align: 'left' },
      { label: 'Training data', align: 'left' },
      ...SCORE_COLUMNS,
    ],
    rows,
    breaks,
    notes: [
      `Paper rows: ${paper.source}`,
      ...(ours.length
        ? [...ciNote(ours), ...ours.map(oursRunNote)]
        : ['No measured rows: run the decontamination ablation to add ours.']),
    ],
  };
}
