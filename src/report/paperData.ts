// The paper's published numbers (data/paper/*.json), loaded and shape-checked. Every file carries a `source` note
// with the confidence tags of /work/shared/reference/paper-facts.md: [A] authors, [T] paper tables, [R] RewardBench,
// [S] secondary summaries, [C] computed. These are the paper's numbers, never ours.
import { readFileSync } from 'node:fs';
import { fromRoot } from '../util/paths.js';
import { InputError } from '../util/errors.js';
import { REWARDBENCH_SECTIONS, type SectionScores } from '../data/rewardbenchSections.js';
import { check, checkArray, checkNumber, checkObject, checkString } from './validate.js';

export interface SourcedTable {
  name: string;
  title: string;
  /** Where the numbers come from, starting with their tags, e.g. "[T] paper Table 1 ...". */
  source: string;
}

export interface CompositionRow {
  source: string;
  pairs: number;
  avgTurns?: number;
  avgPromptTokens?: number;
  avgResponseTokens?: number;
  completion?: string;
  annotator?: string;
}

export interface Table1Composition extends SourcedTable {
  rows: CompositionRow[];
  total: { pairs: number; avgTurns: number; avgPromptTokens: number; avgResponseTokens: number };
  v02: { source: string; removedPairs: number; rows: CompositionRow[]; total: { pairs: number } };
  footnotes: string[];
}

export interface Pool378k extends SourcedTable {
  rows: CompositionRow[];
  total: { pairs: number };
}

export interface MagpieTaskCategories extends SourcedTable {
  rows: { task: string; count: number; percentage: number }[];
  total: { count: number; percentage: number };
}

/** A row scored the RewardBench way: four sections and their unweighted mean, in percent. */
export interface PaperScoreRow {
  score: number;
  sections: SectionScores;
}

export interface LeaderboardRow extends PaperScoreRow {
  model: string;
  type: string;
  block: 'leaderboard' | 'data-ablation' | 'skywork';
  unverified: boolean;
  citation?: string;
  data?: string;
  base?: string;
}

export interface Table2Leaderboard extends SourcedTable {
  blocks: Record<string, string>;
  rows: LeaderboardRow[];
}

export interface LossAblationRow extends PaperScoreRow {
  loss: string;
  lossKey: string;
  citation: string;
}

export interface Table3LossAblation extends SourcedTable {
  baseModel: string;
  data: string;
  rows: LossAblationRow[];
}

export interface DecontaminationTable extends SourcedTable {
  ngram: { n: number; note: string };
  rows: { dataset: string; rewardbenchPromptsMatched: number; contaminatedPrompts: number }[];
}

export interface DecontaminatedModels extends SourcedTable {
  rows: (PaperScoreRow & { model: string; base: string; version: 'v0.1' | 'v0.2' })[];
  printedDeltas: Record<string, Record<string, number>>;
}

export interface RewardBenchSubsetsSkywork extends SourcedTable {
  subsets: { subset: string; section: string; n: number }[];
  weights: { current: Record<string, number>; preFix: Record<string, number>; note: string };
  models: { model: string; file: string; paperWeights: 'current' | 'preFix'; correct: Record<string, number> }[];
  paperReported: Record<string, PaperScoreRow>;
}

export interface TrainingHparams extends SourcedTable {
  rows: { item: string; value: string | number | null; tag: string; where: string }[];
}

export interface PaperTables {
  'table1-composition': Table1Composition;
  'pool-378k': Pool378k;
  'magpie-task-categories': MagpieTaskCategories;
  'table2-leaderboard': Table2Leaderboard;
  'table3-loss-ablation': Table3LossAblation;
  'decontamination-table': DecontaminationTable;
  'decontaminated-models': DecontaminatedModels;
  'rewardbench-subsets-skywork': RewardBenchSubsetsSkywork;
  'training-hparams': TrainingHparams;
}

export type PaperTableName = keyof PaperTables;

export const PAPER_TABLE_NAMES: PaperTableName[] = [
  'table1-composition',
  'pool-378k',
  'magpie-task-categories',
  'table2-leaderboard',
  'table3-loss-ablation',
  'decontamination-table',
  'decontaminated-models',
  'rewardbench-subsets-skywork',
  'training-hparams',
];

const TAG = /\[(A|T|R|S|C)\]/;

/** Loads data/paper/<name>.json (or `path`) and checks its shape; throws InputError naming file, row and field. */
export function loadPaperTable<K extends PaperTableName>(name: K, path?: string): PaperTables[K] {
  const file = path ?? fromRoot('data', 'paper', `${name}.json`);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError({ file }, `cannot read paper table "${name}": ${(err as Error).message}`);
  }
  validatePaperTable(name, value, file);
  return value as PaperTables[K];
}

/** Shape checks per table; `file` only names the input in errors. */
export function validatePaperTable(name: PaperTableName, value: unknown, file: string): void {
  const obj = checkObject(value, { file });
  check(obj.name === name, { file, field: 'name' }, `expected "${name}", got ${JSON.stringify(obj.name)}`);
  checkString(obj.title, { file, field: 'title' });
  const source = checkString(obj.source, { file, field: 'source' });
  check(TAG.test(source), { file, field: 'source' }, 'must cite at least one tag: [A] [T] [R] [S] [C]');
  if (name !== 'rewardbench-subsets-skywork') {
    const rows = checkArray(obj.rows, { file, field: 'rows' });
    check(rows.length > 0, { file, field: 'rows' }, 'is empty');
    rows.forEach((row, i) => validateRow(name, checkObject(row, { file, row: i }), file, i));
  }
  if (name === 'table1-composition') {
    const v02 = checkObject(obj.v02, { file, field: 'v02' });
    check(
      TAG.test(checkString(v02.source, { file, field: 'v02.source' })),
      { file, field: 'v02.source' },
      'needs a tag',
    );
    checkArray(v02.rows, { file, field: 'v02.rows' }).forEach((r, i) => {
      const row = checkObject(r, { file, row: i, field: 'v02.rows' });
      checkString(row.source, { file, row: i, field: 'v02.rows.source' });
      checkNumber(row.pairs, { file, row: i, field: 'v02.rows.pairs' }, { integer: true, min: 0 });
    });
  }
  if (name === 'rewardbench-subsets-skywork') {
    const subsets = checkArray(obj.subsets, { file, field: 'subsets' }).map((s, i) => {
      const sub = checkObject(s, { file, row: i, field: 'subsets' });
      check(
        REWARDBENCH_SECTIONS.includes(sub.section as never),
        { file, row: i, field: 'subsets.section' },
        `unknown section ${String(sub.section)}`,
      );
      return {
        subset: checkString(sub.subset, { file, row: i, field: 'subsets.subset' }),
        n: checkNumber(sub.n, { file, row: i, field: 'subsets.n' }, { integer: true, min: 1 }),
      };
    });
    checkArray(obj.models, { file, field: 'models' }).forEach((m, i) => {
      const model = checkObject(m, { file, row: i, field: 'models' });
      const correct = checkObject(model.correct, { file, row: i, field: 'models.correct' });
      for (const { subset, n } of subsets) {
        checkNumber(
          correct[subset],
          { file, row: i, field: `models.correct.${subset}` },
          { integer: true, min: 0, max: n },
        );
      }
    });
  }
}

function validateRow(name: PaperTableName, row: Record<string, unknown>, file: string, i: number): void {
  const at = (field: string) => ({ file, row: i, field });
  const count = (field: string) => checkNumber(row[field], at(field), { integer: true, min: 0 });
  switch (name) {
    case 'table1-composition':
    case 'pool-378k':
      checkString(row.source, at('source'));
      count('pairs');
      return;
    case 'magpie-task-categories':
      checkString(row.task, at('task'));
      count('count');
      checkNumber(row.percentage, at('percentage'), { min: 0, max: 100 });
      return;
    case 'table2-leaderboard':
      checkString(row.model, at('model'));
      checkString(row.type, at('type'));
      check(['leaderboard', 'data-ablation', 'skywork'].includes(row.block as string), at('block'), 'unknown block');
      validateScoreRow(row, file, i);
      return;
    case 'table3-loss-ablation':
      checkString(row.loss, at('loss'));
      checkString(row.lossKey, at('lossKey'));
      validateScoreRow(row, file, i);
      return;
    case 'decontaminated-models':
      checkString(row.model, at('model'));
      check(row.version === 'v0.1' || row.version === 'v0.2', at('version'), 'must be v0.1 or v0.2');
      validateScoreRow(row, file, i);
      return;
    case 'decontamination-table':
      checkString(row.dataset, at('dataset'));
      count('rewardbenchPromptsMatched');
      count('contaminatedPrompts');
      return;
    case 'rewardbench-subsets-skywork':
      return;
    case 'training-hparams':
      checkString(row.item, at('item'));
      checkString(row.tag, at('tag'));
      checkString(row.where, at('where'));
      return;
  }
}

/** score and the four sections are percentages in [0, 100]. */
export function validateScoreRow(row: Record<string, unknown>, file: string, i: number): void {
  checkNumber(row.score, { file, row: i, field: 'score' }, { min: 0, max: 100 });
  const sections = checkObject(row.sections, { file, row: i, field: 'sections' });
  for (const s of REWARDBENCH_SECTIONS)
    checkNumber(sections[s], { file, row: i, field: `sections.${s}` }, { min: 0, max: 100 });
}
