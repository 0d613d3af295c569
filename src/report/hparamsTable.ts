// The training hyper-parameters the paper's models used, each with its source tag (paper-facts §6).
import type { TrainingHparams } from './paperData.js';
import { PAPER_LABEL, type ReportTable } from './tableRender.js';

export function trainingHparamsTable(paper: TrainingHparams): ReportTable {
  return {
    id: 'training-hparams',
    title: 'Training hyper-parameters of the Skywork-Reward models (paper, reported)',
    columns: [
      { label: 'From', align: 'left' },
      { label: 'Item', align: 'left' },
      { label: 'Value', align: 'left' },
      { label: 'Tag', align: 'left' },
      { label: 'Where', align: 'left' },
    ],
    rows: paper.rows.map((r) => [
      PAPER_LABEL,
      r.item,
      r.value === null ? 'not found' : String(r.value),
      r.tag === '-' ? '–' : `[${r.tag}]`,
      r.where,
    ]),
    breaks: [],
    notes: [paper.source, 'Tags: [A] authors, [T] paper tables, [S] secondary summaries (unconfirmed), [C] computed.'],
  };
}
