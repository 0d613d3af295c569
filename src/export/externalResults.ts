// The way back in: an outside model's rewards (scores.jsonl) evaluated on a named benchmark with exactly the code our
// runs use (a scorer backed by the score table, the same evaluators, bootstrap and rules), and the outcome recorded
// as one row of <results>/external-scores.json, where `rmw figures` finds it (src/report/externalInputs.ts).
import { join, resolve } from 'node:path';
import { openFileOutput } from '../util/output/fileOutput.js';
import type { OutputKind } from '../util/output/marker.js';
import type { BenchResult, NamedBench } from '../eval/namedBench.js';
import { evaluateBenchResults, type BenchEvaluation } from '../eval/withBaselines.js';
import { checkScoreCoverage, scoreTableScorer, type ScoreCoverage, type ScoreTable } from '../eval/scoreTable.js';
import { scoreHealth, scoresModel, type ScoreHealth } from './scoreChecks.js';
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
  /** The model the file's lines name (one at most: two is an error), or undefined when none names one. */
  model?: string;
  /** Ties and degenerate-reward warnings on the benchmark's pairs. */
  health: ScoreHealth;
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
 * Checks the table holds one model's rewards (else an error naming the models) and covers every pair of the
 * benchmark (else an error naming the first missing id), counts its ties and degenerate rewards, then evaluates the
 * table's rewards and the baselines exactly as `rmw eval` evaluates a run (evaluateBenchResults).
 */
export async function evaluateExternal(
  table: ScoreTable,
  bench: NamedBench,
  name: string,
  options: { seed: number; resamples: number; weights?: string },
): Promise<ExternalEvaluation> {
  const model = scoresModel(table);
  const ids = bench.rows.map((r) => r.id);
  const coverage = checkScoreCoverage(table, ids, bench.name);
  const health = scoreHealth(table, ids, model ?? name);
  const scorer = scoreTableScorer(table, `${name} (external scores)`);
  const evaluation = await evaluateBenchResults({ scorer, bench, seed: options.seed, resamples: options.resamples });
  return {
    evaluation,
    coverage,
    row: externalRow(name, bench, table, coverage, evaluation.result, options),
    ...(model ? { model } : {}),
    health,
  };
}

/** <results>/external-scores.json as an output: one writer at a time, only a file rmw eval --results wrote. */
export const EXTERNAL_OUTPUT: OutputKind = {
  kind: 'external-scores',
  writer: 'rmw eval --results',
  noun: 'record of external results',
};

/**
 * Adds (or replaces: the same model on the same benchmark) a row in <dir>/external-scores.json, read and rewritten
 * under the file's lock, so two evaluations recording at once do not lose a row.
 */
export function recordExternalRow(dir: string, row: ExternalRow): { file: string; replaced: boolean } {
  const file = join(resolve(dir), EXTERNAL_FILE);
  const output = openFileOutput(file, { kind: EXTERNAL_OUTPUT });
  try {
    return recordUnderLock(dir, file, row, (text) => output.write(text));
  } finally {
    output.abandon();
  }
}

function recordUnderLock(
  dir: string,
  file: string,
  row: ExternalRow,
  write: (text: string) => void,
): { file: string; replaced: boolean } {
  const current: ExternalResults = loadExternalResults(resolve(dir)) ?? {
    note: 'Reward models trained elsewhere, evaluated by rmw eval --scores from their supplied rewards.',
    rows: [],
  };
  const at = current.rows.findIndex((r) => r.name === row.name && r.bench === row.bench);
  const rows = at >= 0 ? current.rows.map((r, i) => (i === at ? row : r)) : [...current.rows, row];
  const next = validateExternalResults({ ...current, rows }, file);
  write(`${JSON.stringify(next, null, 2)}\n`);
  return { file, replaced: at >= 0 };
}
