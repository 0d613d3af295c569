// Results of reward models trained and scored elsewhere ("external (scores supplied)"): `rmw eval --scores ...
// --results <dir>` evaluates a model's rewards with the workbench's rules and records the outcome in
// <dir>/external-scores.json, which `rmw figures --results <dir>` reads beside our own results. One row per (model,
// benchmark); values are fractions as the evaluators return them, CIs {lo, hi} per metric.
//
//   { note?, rows: [{ name, bench, scores: { file, sha256, pairs, unusedLines }, seed, resamples, weights?,
//                     metrics: {k: x}, accuracies?: {k: x}, ci95: {k: {lo, hi}}, n?: {k: count} }] }
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../util/errors.js';
import type { OursScoreRow } from './oursInputs.js';
import { REWARDBENCH_SECTIONS } from '../data/rewardbenchSections.js';
import { check, checkArray, checkNumber, checkObject, checkString } from './validate.js';

export const EXTERNAL_FILE = 'external-scores.json';
export const EXTERNAL_BENCHES = ['rewardbench-lite', 'rmbench', 'judgebench', 'heldout'] as const;

export interface ExternalRow {
  name: string;
  bench: (typeof EXTERNAL_BENCHES)[number];
  scores: { file: string; sha256: string; pairs: number; unusedLines: number };
  seed: number;
  resamples: number;
  /** RewardBench's XSTest weights the score was computed with (rewardbench-lite rows only). */
  weights?: string;
  metrics: Record<string, number>;
  accuracies?: Record<string, number>;
  ci95: Record<string, { lo: number; hi: number }>;
  n?: Record<string, number>;
}

/** The metrics each benchmark's row must carry (what the tables show). */
export const EXTERNAL_REQUIRED: Record<ExternalRow['bench'], readonly string[]> = {
  'rewardbench-lite': [...REWARDBENCH_SECTIONS, 'score'],
  rmbench: ['hard', 'normal', 'easy', 'avg'],
  judgebench: ['overall'],
  heldout: ['overall'],
};

export interface ExternalResults {
  note?: string;
  rows: ExternalRow[];
}

function checkFractions(
  value: unknown,
  at: (f: string) => { file: string; row: number; field: string },
  field: string,
) {
  for (const [k, v] of Object.entries(checkObject(value, at(field))))
    checkNumber(v, at(`${field}.${k}`), { min: 0, max: 1 });
}

export function validateExternalResults(value: unknown, file: string): ExternalResults {
  const obj = checkObject(value, { file });
  checkArray(obj.rows, { file, field: 'rows' }).forEach((r, i) => {
    const row = checkObject(r, { file, row: i });
    const at = (field: string) => ({ file, row: i, field });
    checkString(row.name, at('name'));
    check(
      EXTERNAL_BENCHES.includes(row.bench as ExternalRow['bench']),
      at('bench'),
      `expected one of ${EXTERNAL_BENCHES.join(', ')}`,
    );
    const scores = checkObject(row.scores, at('scores'));
    checkString(scores.file, at('scores.file'));
    check(/^[0-9a-f]{64}$/.test(String(scores.sha256)), at('scores.sha256'), 'expected a sha256 hex digest');
    checkNumber(scores.pairs, at('scores.pairs'), { integer: true, min: 1 });
    checkNumber(scores.unusedLines, at('scores.unusedLines'), { integer: true, min: 0 });
    checkNumber(row.seed, at('seed'), { integer: true });
    checkNumber(row.resamples, at('resamples'), { integer: true, min: 0 });
    if (row.weights !== undefined) {
      check(row.bench === 'rewardbench-lite', at('weights'), 'only rewardbench-lite rows carry XSTest weights');
      checkString(row.weights, at('weights'));
    }
    checkFractions(row.metrics, at, 'metrics');
    for (const k of EXTERNAL_REQUIRED[row.bench as ExternalRow['bench']])
      check((row.metrics as Record<string, unknown>)[k] !== undefined, at(`metrics.${k}`), `missing (${row.bench})`);
    if (row.accuracies !== undefined) checkFractions(row.accuracies, at, 'accuracies');
    for (const [k, v] of Object.entries(checkObject(row.ci95, at('ci95')))) {
      const ci = checkObject(v, at(`ci95.${k}`));
      const lo = checkNumber(ci.lo, at(`ci95.${k}.lo`));
      const hi = checkNumber(ci.hi, at(`ci95.${k}.hi`));
      check(lo <= hi, at(`ci95.${k}`), `lo ${lo} > hi ${hi}`);
    }
  });
  const keys = new Set<string>();
  (obj.rows as ExternalRow[]).forEach((r, i) => {
    const key = `${r.name}\u0000${r.bench}`;
    check(!keys.has(key), { file, row: i }, `a second row for model "${r.name}" on ${r.bench}`);
    keys.add(key);
  });
  return obj as unknown as ExternalResults;
}

/** The external results in `dir`, or undefined when it has none. */
export function loadExternalResults(dir: string | undefined): ExternalResults | undefined {
  if (!dir) return undefined;
  const file = join(dir, EXTERNAL_FILE);
  if (!existsSync(file)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError({ file }, `not valid JSON: ${(err as Error).message}`);
  }
  return validateExternalResults(value, file);
}

const pct = (x: number) => 100 * x;

/** RewardBench-lite rows as Table 2 score rows (percent), marked external. */
export function externalScoreRows(results: ExternalResults | undefined): OursScoreRow[] {
  return (results?.rows ?? [])
    .filter((r) => r.bench === 'rewardbench-lite')
    .map((r) => {
      const interval = (k: string): [number, number] | undefined =>
        r.ci95[k] ? [pct(r.ci95[k].lo), pct(r.ci95[k].hi)] : undefined;
      const sections = Object.fromEntries(
        REWARDBENCH_SECTIONS.map((s) => [s, pct(r.metrics[s])]),
      ) as OursScoreRow['sections'];
      const ciSections = Object.fromEntries(
        REWARDBENCH_SECTIONS.flatMap((s) => (interval(s) ? [[s, interval(s)!]] : [])),
      );
      return {
        label: r.name,
        sections,
        score: pct(r.metrics.score),
        ci: { ...(interval('score') ? { score: interval('score') } : {}), sections: ciSections },
        seeds: [r.seed],
        config: `scores ${r.scores.file}`,
        backend: 'external',
        dataHash: r.scores.sha256,
        n: r.scores.pairs,
        kind: 'external',
      };
    });
}
