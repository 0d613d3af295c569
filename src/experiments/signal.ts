// Signal before drawing: the one rule that decides whether a metric can carry a finding. A metric carries signal
// for an experiment when its reference model (the first variant, e.g. Bradley-Terry) is above chance beyond its seed
// CI AND above the best trivial baseline (the better of "longer response wins" and "shorter response wins"): a model
// that a length rule beats has learnt nothing the rule does not know, so its differences are noise or surface cues.
// Every figure, table and verdict that shows a metric asks this module (figure.ts, headline.ts, tables.ts,
// conclusions.ts, the report's figures through figureDifferences), so the rule lives in one place.
import {
  chanceRelation,
  HEADLINE_METRICS,
  type Interval,
  type MetricSummary,
  type VariantSummary,
} from './aggregate.js';
import type { BaselineSummary, ResultsBundle } from './results.js';

/** The trivial baselines a model must beat before its numbers are read (the random reward is chance itself). */
export const TRIVIAL_BASELINES = ['longer-response-wins', 'shorter-response-wins'] as const;

export interface MetricSignal {
  metric: string;
  /** The metric's display name ("RB-lite score"). */
  label: string;
  reference: { label: string; mean: number; ci95?: Interval };
  /** The reference's seed CI against chance (50%). */
  chance: ReturnType<typeof chanceRelation>;
  /** The best trivial baseline on this metric, when the results hold one. */
  baseline?: { name: string; label: string; mean: number };
  /** Above chance and above the best trivial baseline, both beyond the reference's seed CI. */
  signal: boolean;
  /** One short line for a panel or a table note: why there is (no) signal. */
  note: string;
}

const f1 = (x: number) => x.toFixed(1);
export const metricLabel = (key: string) => HEADLINE_METRICS.find((m) => m.key === key)?.label ?? key;

/** The better (higher mean) of the trivial baselines on one metric. */
export function bestTrivialBaseline(
  baselines: readonly Pick<BaselineSummary, 'name' | 'label' | 'metrics'>[],
  metric: string,
): MetricSignal['baseline'] {
  const rows = baselines
    .filter((b) => (TRIVIAL_BASELINES as readonly string[]).includes(b.name) && b.metrics[metric])
    .map((b) => ({ name: b.name, label: b.label.replace(/^baseline: /, ''), mean: b.metrics[metric].mean }));
  return rows.sort((a, z) => z.mean - a.mean)[0];
}

/** The rule, for one metric of one reference model. */
export function metricSignal(
  reference: { label: string; metrics: Record<string, MetricSummary> },
  baselines: readonly Pick<BaselineSummary, 'name' | 'label' | 'metrics'>[],
  metric: string,
): MetricSignal {
  const m = reference.metrics[metric];
  const chance = chanceRelation(m);
  const baseline = bestTrivialBaseline(baselines, metric);
  const lo = m?.ci95?.[0];
  const beatsBaseline = !baseline || (lo !== undefined && lo > baseline.mean);
  const signal = chance === 'above' && beatsBaseline;
  const ref = m ? `${reference.label} ${f1(m.mean)}%` : `${reference.label}: not measured`;
  const why = !m
    ? 'not measured'
    : chance !== 'above'
      ? `${ref} is ${chance === 'unknown' ? 'without a CI' : chance === 'at chance' ? 'at chance' : 'below chance'}` +
        (baseline ? `; ${baseline.label} ${f1(baseline.mean)}%` : '')
      : `${ref} does not beat ${baseline ? `${baseline.label} ${f1(baseline.mean)}%` : 'the length baselines'}`;
  return {
    metric,
    label: metricLabel(metric),
    reference: { label: reference.label, mean: m?.mean ?? NaN, ...(m?.ci95 ? { ci95: m.ci95 } : {}) },
    chance,
    ...(baseline ? { baseline } : {}),
    signal,
    note: signal
      ? `${ref} beats chance and ${baseline ? `${baseline.label} ${f1(baseline.mean)}%` : 'no baseline'}`
      : `no signal here: ${why}`,
  };
}

/** Every headline metric (and any other asked for) of one experiment, read against its reference variant. */
export function experimentSignals(
  b: Pick<ResultsBundle, 'baselines'>,
  reference: VariantSummary,
  metrics: readonly string[] = HEADLINE_METRICS.map((m) => m.key),
): Record<string, MetricSignal> {
  return Object.fromEntries(metrics.map((k) => [k, metricSignal(reference, b.baselines, k)]));
}

/** The signal of the curated-mix BT model (the loss ablation's reference, else the first experiment's). */
export function referenceSignals(b: Pick<ResultsBundle, 'baselines' | 'experiments'>): Record<string, MetricSignal> {
  const e = b.experiments.find((x) => x.id === 'loss-ablation') ?? b.experiments[0];
  if (!e) return {};
  const metrics = [...new Set([...HEADLINE_METRICS.map((m) => m.key), ...Object.keys(e.variants[0].metrics)])];
  return experimentSignals(b, e.variants[0], metrics);
}

/** A panel, table row or subset with fewer held-out pairs than this is shown as too small, never as a result. */
export const MIN_RESULT_PAIRS = 20;
