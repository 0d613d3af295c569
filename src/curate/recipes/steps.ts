// Shared tail of every recipe: held-out split, decontamination, dedup, bookkeeping of step reports.
import type { PreferencePair } from '../../data/schema.js';
import {
  BenchmarkNgramIndex,
  decontaminateByNgram,
  type BenchmarkPrompt,
  type DecontamFlag,
} from '../decontaminate.js';
import { exactDedup, nearDedup } from '../dedup.js';
import { DEFAULT_HELD_OUT_FRACTION, DEFAULT_HELD_OUT_SALT } from '../../data/heldOut.js';
import { splitHeldOut } from '../splitHeldOut.js';
import { countBySource, type StepReport, type StepResult } from '../report.js';
import type { DecontamSummary } from './types.js';

/** Collects step reports in order while a recipe runs. */
export class StepLog {
  readonly steps: StepReport[] = [];
  take<T>(r: StepResult<T>, scope?: string): T[] {
    this.steps.push(scope !== undefined && r.report.scope === undefined ? { ...r.report, scope } : r.report);
    return r.items;
  }
  push(...reports: StepReport[]): void {
    this.steps.push(...reports);
  }
}

export interface DecontamParams {
  n?: number;
  threshold?: number;
}

/** Decontaminates `pairs` (or only those of `onlySources`) and summarises for the data card. */
export function decontaminateStep(
  log: StepLog,
  pairs: PreferencePair[],
  benchmarks: readonly BenchmarkPrompt[],
  params: DecontamParams = {},
  onlySources?: readonly string[],
): { items: PreferencePair[]; summary: DecontamSummary } {
  const n = params.n ?? 8,
    threshold = params.threshold ?? 1;
  const index = new BenchmarkNgramIndex(benchmarks, n);
  const checked = onlySources ? pairs.filter((p) => onlySources.includes(p.source)) : pairs;
  const r = decontaminateByNgram(checked, index, {
    n,
    threshold,
    scope: onlySources ? onlySources.join('+') : 'all training sources',
  });
  log.push(r.report);
  const removed = new Set(r.flagged.map((f) => f.pairId));
  const items = pairs.filter((p) => !removed.has(p.id));
  return {
    items,
    summary: summarise(
      r.flagged,
      benchmarks,
      r.benchmarkPromptsMatched,
      n,
      threshold,
      String(r.report.params.normalisation),
    ),
  };
}

function summarise(
  flagged: DecontamFlag[],
  benchmarks: readonly BenchmarkPrompt[],
  matched: Record<string, number>,
  n: number,
  threshold: number,
  normalisation: string,
): DecontamSummary {
  const removedBySource: Record<string, number> = {},
    removedByBenchmark: Record<string, number> = {};
  for (const f of flagged) {
    removedBySource[f.source] = (removedBySource[f.source] ?? 0) + 1;
    removedByBenchmark[f.benchmark] = (removedByBenchmark[f.benchmark] ?? 0) + 1;
  }
  return {
    applied: true,
    n,
    threshold,
    normalisation,
    benchmarks: countBySource(benchmarks.map((b) => ({ source: b.benchmark }))),
    removedBySource: countBySource(flagged),
    removedByBenchmark,
    benchmarkPromptsMatched: matched,
    flagged,
  };
}

export function noDecontamination(reason: string, log: StepLog, count: number): DecontamSummary {
  log.push({
    step: 'decontaminateByNgram',
    input: count,
    kept: count,
    dropped: {},
    params: {},
    notes: [`skipped: ${reason}`],
  });
  return {
    applied: false,
    benchmarks: {},
    removedBySource: {},
    removedByBenchmark: {},
    benchmarkPromptsMatched: {},
    flagged: [],
  };
}

export function dedupStep(log: StepLog, pairs: PreferencePair[], seed: number, near = true): PreferencePair[] {
  let items = log.take(exactDedup(pairs, { key: 'prompt+responses', scope: 'all sources' }));
  // near duplicates compare the whole pair: each turn and both responses, each cut to its first 200 words (speed)
  const head = (t: string) => t.split(/\s+/, 200).join(' ');
  if (near)
    items = log.take(
      nearDedup(items, {
        seed,
        scope: 'all sources',
        textOf: (p) => [...p.prompt.map((m) => head(m.content)), head(p.chosen), head(p.rejected)].join('\n'),
      }),
    );
  return items;
}

export function heldOutStep(
  log: StepLog,
  pairs: PreferencePair[],
  fraction = DEFAULT_HELD_OUT_FRACTION,
  salt = DEFAULT_HELD_OUT_SALT,
) {
  const { train, heldOut } = splitHeldOut(pairs, fraction, salt);
  return { train: log.take(train), heldOut: heldOut.map((p) => ({ ...p, split: 'eval' as const })) };
}
