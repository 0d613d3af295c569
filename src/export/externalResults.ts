// The way back in: an outside model's rewards (scores.jsonl) evaluated on a named benchmark with exactly the code our
// runs use (a scorer backed by the score table, the same evaluators, bootstrap and rules), and the outcome recorded
// as one row of <results>/external-scores.json, where `rmw figures` finds it (src/report/externalInputs.ts).
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../util/atomicWrite.js';
import type { BenchResult, NamedBench } from '../eval/namedBench.js';
import { evaluateBenchResults, type BenchEvaluation } from '../eval/withBaselines.js';
import { checkScoreCoverage, scoreTableScorer, type ScoreCoverage, type ScoreTable } from '../eval/scoreTable.js';
import {
  EXTERNAL_FILE,
  loadExternalResults,
  validateExternalResults,
  type ExternalResults,
  type ExternalRow,
} from '../report/externalInputs.js';

export interface ExternalEvaluation {
  /** The model's result and its baselines' on the benchmark, as for any scorer. */
  evaluation: BenchEvaluation;
  coverage: ScoreCoverage;
  row: ExternalRow;
}

/** The results-file row of one evaluation (fractions, CIs, pair counts). */
export function externalRow(
  name: string,
  bench: NamedBench,
  table: ScoreTable,
  coverage: ScoreCoverage,
  result: BenchResult,
  options: { seed: number; resamples: number; weights?: string },
): ExternalRow {
  const common = {
    name,
    bench: bench.name,
    scores: { file: table.file, sha256: table.sha256, pairs: coverage.used, unusedLines: coverage.unused },
    seed: options.seed,
    resamples: options.resamples,
    ...(bench.name === 'rewardbench-lite' && options.weights ? { weights: options.weights } : {}),
  };
  if ('subsets' in result) {
    return {
      ...common,
      metrics: result.metrics,
      accuracies: result.accuracies,
      ci95: result.ci95,
      n: Object.fromEntries(result.subsets.map((s) => [s.key, s.n])),
    };
  }
  const metrics: Record<string, number> = {
    hard: result.hard,
    normal: result.normal,
    easy: result.easy,
    avg: result.avg,
  };
  for (const [d, a] of Object.entries(result.domains))
    for (const l of ['hard', 'normal', 'easy', 'avg'] as const) metrics[`${d}/${l}`] = a[l];
  return {
    ...common,
    metrics,
    ci95: result.ci95,
    n: Object.fromEntries(Object.entries(result.domains).map(([d, a]) => [d, a.n])),
  };
}

/**
 * Checks the table covers every pair of the benchmark (else an error naming the first missing id), then evaluates
 * the table's rewards and the baselines exactly as `rmw eval` evaluates a run (evaluateBenchResults).
 */
export async function evaluateExternal(
  table: ScoreTable,
  bench: NamedBench,
  name: string,
  options: { seed: number; resamples: number; weights?: string },
): Promise<ExternalEvaluation> {
  const coverage = checkScoreCoverage(
    table,
    bench.rows.map((r) => r.id),
    bench.name,
  );
  const scorer = scoreTableScorer(table, `${name} (external scores)`);
  const evaluation = await evaluateBenchResults({ scorer, bench, seed: options.seed, resamples: options.resamples });
  return { evaluation, coverage, row: externalRow(name, bench, table, coverage, evaluation.result, options) };
}

/** Adds (or replaces: the same model on the same benchmark) a row in <dir>/external-scores.json. */
export function recordExternalRow(dir: string, row: ExternalRow): { file: string; replaced: boolean } {
  const file = join(resolve(dir), EXTERNAL_FILE);
  const current: ExternalResults = loadExternalResults(resolve(dir)) ?? {
    note: 'Reward models trained elsewhere, evaluated by rmw eval --scores from their supplied rewards.',
    rows: [],
  };
  const at = current.rows.findIndex((r) => r.name === row.name && r.bench === row.bench);
  const rows = at >= 0 ? current.rows.map((r, i) => (i === at ? row : r)) : [...current.rows, row];
  const next = validateExternalResults({ ...current, rows }, file);
  writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`);
  return { file, replaced: at >= 0 };
}
