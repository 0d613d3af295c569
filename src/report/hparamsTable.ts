// The training hyper-parameters the paper's models used, each with where the value comes from.
import type { TrainingHparams } from './paperData.js';
import { PAPER_LABEL, type ReportTable } from './tableRender.js';

/** Where a paper value comes from, in words (data/paper tags: A authors, T paper tables, S secondary, C computed). */
export const SOURCE_TAGS: Record<string, string> = {
  A: 'the authors',
  T: 'paper tables',
  S: 'secondary summary, unconfirmed',
  C: 'computed',
};
export function sourceTagText(tag: string | undefined): string {
  return tag && tag !== '-' ? (SOURCE_TAGS[tag] ?? tag) : '–';
}

export function trainingHparamsTable(paper: TrainingHparams): ReportTable {
  return {
    id: 'training-hparams',
    title: 'Training hyper-parameters of the Skywork-Reward models (paper, reported)',
    columns: [
      { label: 'From', align: 'left' },
      { label: 'Item', align: 'left' },
      { label: 'Value', align: 'left' },
      { label: 'Source', align: 'left' },
      { label: 'Where', align: 'left' },
    ],
    rows: paper.rows.map((r) => [
      PAPER_LABEL,
      r.item,
      r.value === null ? 'not found' : String(r.value),
      sourceTagText(r.tag),
      r.where,
    ]),
    breaks: [],
    notes: [paper.source],
  };
}
