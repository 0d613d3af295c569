// The workbench's own results ("ours (measured)") as plain JSON files in a results folder. The experiments code
// writes these; the report layer only reads them. Every file is optional: a missing file means paper-only output.
//
// Files and shapes (percentages are 0-100, like the paper; CIs are 95% intervals [lo, hi] in the same units):
//
//   leaderboard.json       (Table 2, ours)      { note?, rows: OursScoreRow[] }
//   loss-ablation.json     (Table 3, ours)      { note?, rows: OursScoreRow[] }      rows carry `loss`
//   decontamination.json   (decontam., ours)    { note?, contamination: OursContaminationRow[], models?: OursScoreRow[]
// }
//   mix-composition.json   (Table 1, Figure 1)  OursComposition
//   task-categories.json   (Magpie-style table) OursCategories
//
//   OursScoreRow = { label, sections: {Chat, 'Chat Hard', Safety, Reasoning}, score,
//                    ci?: { score?: [lo, hi], sections?: { Chat?: [lo, hi], ... } },   ({lo, hi} also accepted)
//                    seeds: number[], config: string, backend: string, dataHash: string, n?: number,
//                    loss?: string, lossParams?: LossParams, kind?: 'model' | 'baseline' }
//       loss: a registry name or alias (tables show its paper name) or a free-text loss label;
//       kind: 'baseline' for rules such as "longer response wins" (no backend: also read as a baseline);
//             'external' for a model trained elsewhere whose rewards were supplied (externalInputs.ts).
//   OursContaminationRow = { dataset, benchmarkPromptsMatched, contaminatedPrompts, benchmarkPrompts?, trainingPrompts?
// }
//   OursComposition = { label, dataHash, config?, before?: CompositionRow[], after: CompositionRow[] }
//       CompositionRow = { source, pairs, avgTurns?, avgPromptTokens?, avgResponseTokens?, completion?, annotator? }
//   OursCategories = { label, dataHash, rows: [{ category, count }] }
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LossParams } from '../losses/types.js';
import { InputError } from '../util/errors.js';
import type { CompositionRow } from './paperData.js';
import { REWARDBENCH_SECTIONS, type Section, type SectionScores } from '../data/rewardbenchSections.js';
import { check, checkArray, checkNumber, checkObject, checkString } from './validate.js';

export type OursInterval = [number, number];

export interface OursScoreRow {
  label: string;
  sections: SectionScores;
  score: number;
  ci?: { score?: OursInterval; sections?: Partial<Record<Section, OursInterval>> };
  seeds: number[];
  config: string;
  backend: string;
  dataHash: string;
  /** The loss: a registry name or alias (src/losses), or a free-text label. */
  loss?: string;
  /** The loss parameters, when they set this row apart (e.g. reward centring λ). */
  lossParams?: LossParams;
  /** What the row is: a trained model (default), a baseline rule (longer/shorter response wins, random), or a model
   * trained elsewhere and evaluated here from its supplied rewards. */
  kind?: OursRowKind;
  /** Number of evaluated prompts, when useful to show. */
  n?: number;
}

export type OursRowKind = 'model' | 'baseline' | 'external';
export const OURS_ROW_KINDS: readonly OursRowKind[] = ['model', 'baseline', 'external'];

/** A row's kind: as given, else a baseline when no model was run (backend "none", as the experiments write). */
export function oursRowKind(row: Pick<OursScoreRow, 'kind' | 'backend'>): OursRowKind {
  return row.kind ?? (row.backend === 'none' ? 'baseline' : 'model');
}

export interface OursScoreFile {
  note?: string;
  rows: OursScoreRow[];
}

export interface OursContaminationRow {
  dataset: string;
  benchmarkPromptsMatched: number;
  contaminatedPrompts: number;
  benchmarkPrompts?: number;
  trainingPrompts?: number;
}

export interface OursDecontamination {
  note?: string;
  contamination: OursContaminationRow[];
  models?: OursScoreRow[];
}

export interface OursComposition {
  label: string;
  dataHash: string;
  config?: string;
  before?: CompositionRow[];
  after: CompositionRow[];
}

export interface OursCategories {
  label: string;
  dataHash: string;
  rows: { category: string; count: number }[];
}

export interface OursResults {
  leaderboard?: OursScoreFile;
  lossAblation?: OursScoreFile;
  decontamination?: OursDecontamination;
  composition?: OursComposition;
  categories?: OursCategories;
  /** Which files were found and read. */
  found: string[];
  /** Which files were looked for and absent. */
  missing: string[];
}

export const OURS_FILES = {
  leaderboard: 'leaderboard.json',
  lossAblation: 'loss-ablation.json',
  decontamination: 'decontamination.json',
  composition: 'mix-composition.json',
  categories: 'task-categories.json',
} as const;

/** Reads whichever result files exist in `dir` (none when `dir` is undefined), validating each. */
export function loadOursResults(dir: string | undefined): OursResults {
  const out: OursResults = { found: [], missing: [] };
  for (const [key, name] of Object.entries(OURS_FILES) as [keyof typeof OURS_FILES, string][]) {
    const file = dir ? join(dir, name) : name;
    if (!dir || !existsSync(file)) {
      out.missing.push(name);
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new InputError({ file }, `not valid JSON: ${(err as Error).message}`);
    }
    out.found.push(name);
    if (key === 'leaderboard' || key === 'lossAblation') out[key] = validateOursScoreFile(value, file);
    else if (key === 'decontamination') out.decontamination = validateOursDecontamination(value, file);
    else if (key === 'composition') out.composition = validateOursComposition(value, file);
    else out.categories = validateOursCategories(value, file);
  }
  return out;
}

export function validateOursScoreRows(value: unknown, file: string, field = 'rows'): OursScoreRow[] {
  return checkArray(value, { file, field }).map((r, i) => {
    const row = checkObject(r, { file, row: i });
    const at = (f: string) => ({ file, row: i, field: f });
    checkString(row.label, at('label'));
    checkNumber(row.score, at('score'), { min: 0, max: 100 });
    const sections = checkObject(row.sections, at('sections'));
    for (const s of REWARDBENCH_SECTIONS) checkNumber(sections[s], at(`sections.${s}`), { min: 0, max: 100 });
    const seeds = checkArray(row.seeds, at('seeds'));
    check(seeds.length > 0, at('seeds'), 'needs at least one seed');
    seeds.forEach((s, k) => checkNumber(s, at(`seeds[${k}]`), { integer: true }));
    checkString(row.config, at('config'));
    checkString(row.backend, at('backend'));
    checkString(row.dataHash, at('dataHash'));
    if (row.loss !== undefined) checkString(row.loss, at('loss'));
    if (row.kind !== undefined)
      check(
        OURS_ROW_KINDS.includes(row.kind as OursRowKind),
        at('kind'),
        `expected one of ${OURS_ROW_KINDS.join(', ')}`,
      );
    if (row.lossParams !== undefined) {
      for (const [k, v] of Object.entries(checkObject(row.lossParams, at('lossParams')))) {
        check(
          typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)),
          at(`lossParams.${k}`),
          'expected a finite number or a boolean',
        );
      }
    }
    if (row.ci !== undefined) {
      const ci = checkObject(row.ci, at('ci'));
      const normal: NonNullable<OursScoreRow['ci']> = {};
      if (ci.score !== undefined) normal.score = checkInterval(ci.score, at('ci.score'));
      if (ci.sections !== undefined) {
        const cs = checkObject(ci.sections, at('ci.sections'));
        normal.sections = {};
        for (const [k, v] of Object.entries(cs)) {
          check(REWARDBENCH_SECTIONS.includes(k as Section), at(`ci.sections.${k}`), 'unknown section');
          normal.sections[k as Section] = checkInterval(v, at(`ci.sections.${k}`));
        }
      }
      return { ...(row as unknown as OursScoreRow), ci: normal };
    }
    return row as unknown as OursScoreRow;
  });
}

/** Accepts [lo, hi] or { lo, hi } (the eval area's ConfidenceInterval) and returns [lo, hi]. */
function checkInterval(value: unknown, at: { file: string; row: number; field: string }): OursInterval {
  const pair = Array.isArray(value) ? value : [checkObject(value, at).lo, (value as { hi?: unknown }).hi];
  check(pair.length === 2, at, 'expected [lo, hi] or { lo, hi }');
  const lo = checkNumber(pair[0], at);
  const hi = checkNumber(pair[1], at);
  check(lo <= hi, at, `lo ${lo} > hi ${hi}`);
  return [lo, hi];
}

export function validateOursScoreFile(value: unknown, file: string): OursScoreFile {
  const obj = checkObject(value, { file });
  return { ...(obj as unknown as OursScoreFile), rows: validateOursScoreRows(obj.rows, file) };
}

export function validateOursDecontamination(value: unknown, file: string): OursDecontamination {
  const obj = checkObject(value, { file });
  checkArray(obj.contamination, { file, field: 'contamination' }).forEach((r, i) => {
    const row = checkObject(r, { file, row: i, field: 'contamination' });
    checkString(row.dataset, { file, row: i, field: 'dataset' });
    checkNumber(
      row.benchmarkPromptsMatched,
      { file, row: i, field: 'benchmarkPromptsMatched' },
      { integer: true, min: 0 },
    );
    checkNumber(row.contaminatedPrompts, { file, row: i, field: 'contaminatedPrompts' }, { integer: true, min: 0 });
  });
  const out = obj as unknown as OursDecontamination;
  return obj.models === undefined ? out : { ...out, models: validateOursScoreRows(obj.models, file, 'models') };
}

export function validateOursComposition(value: unknown, file: string): OursComposition {
  const obj = checkObject(value, { file });
  checkString(obj.label, { file, field: 'label' });
  checkString(obj.dataHash, { file, field: 'dataHash' });
  const rows = (field: 'before' | 'after') =>
    checkArray(obj[field], { file, field }).forEach((r, i) => {
      const row = checkObject(r, { file, row: i, field });
      checkString(row.source, { file, row: i, field: `${field}.source` });
      checkNumber(row.pairs, { file, row: i, field: `${field}.pairs` }, { integer: true, min: 0 });
    });
  rows('after');
  if (obj.before !== undefined) rows('before');
  return obj as unknown as OursComposition;
}

export function validateOursCategories(value: unknown, file: string): OursCategories {
  const obj = checkObject(value, { file });
  checkString(obj.label, { file, field: 'label' });
  checkString(obj.dataHash, { file, field: 'dataHash' });
  checkArray(obj.rows, { file, field: 'rows' }).forEach((r, i) => {
    const row = checkObject(r, { file, row: i });
    checkString(row.category, { file, row: i, field: 'category' });
    checkNumber(row.count, { file, row: i, field: 'count' }, { integer: true, min: 0 });
  });
  return obj as unknown as OursCategories;
}
