// Uncertainty for benchmark numbers: seeded bootstrap CIs (pairs resampled within subsets, so every subset keeps
// its size and the RewardBench weights stay meaningful) and t-based CIs across training seeds.
import { progress } from '../util/progress.js';
import { createRng } from '../util/rng.js';

export interface ConfidenceInterval {
  lo: number;
  hi: number;
}

/** q-quantile of sorted values, linear interpolation between order statistics (numpy's default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) throw new Error('quantile of an empty sample');
  const pos = (sorted.length - 1) * q;
  const i = Math.floor(pos);
  const frac = pos - i;
  return i + 1 < sorted.length ? sorted[i] + frac * (sorted[i + 1] - sorted[i]) : sorted[i];
}

export interface BootstrapOptions {
  seed: number;
  /** Number of resamples (default 1000). */
  resamples?: number;
  /** Two-sided level (default 0.95). */
  level?: number;
}

export interface BootstrapResult {
  /** Metric name -> percentile interval. */
  ci: Record<string, ConfidenceInterval>;
  resamples: number;
  level: number;
  seed: number;
}

/**
 * Percentile bootstrap over groups of items. `groups` maps a group name (a subset, a domain) to its item count;
 * every resample redraws that many item indices with replacement inside each group, from the group's own seeded
 * stream (groups in sorted-name order), and `statistic` turns the drawn indices into named numbers.
 * Resampling within groups keeps every subset at its real size, so RewardBench's weights keep their meaning.
 */
export function bootstrapGroups(
  groups: Record<string, number>,
  statistic: (indices: Record<string, Uint32Array>) => Record<string, number>,
  options: BootstrapOptions,
): BootstrapResult {
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  if (!(Number.isInteger(resamples) && resamples >= 2))
    throw new Error(`resamples must be an integer >= 2, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new Error(`level must be in (0, 1), got ${level}`);
  const names = Object.keys(groups).sort();
  for (const g of names) if (!(groups[g] > 0)) throw new Error(`bootstrap: group "${g}" has no items`);
  const root = createRng(options.seed);
  const streams = names.map((g) => root.fork(g));
  const draws: Record<string, number[]> = {};
  const shown = progress('bootstrap resamples', resamples);
  for (let b = 0; b < resamples; b++) {
    shown.tick();
    const indices: Record<string, Uint32Array> = {};
    names.forEach((g, gi) => {
      const n = groups[g];
      const idx = new Uint32Array(n);
      for (let i = 0; i < n; i++) idx[i] = streams[gi].int(n);
      indices[g] = idx;
    });
    for (const [name, v] of Object.entries(statistic(indices))) (draws[name] ??= []).push(v);
  }
  if (resamples >= 10_000) shown.done();
  const alpha = (1 - level) / 2;
  const ci: Record<string, ConfidenceInterval> = {};
  for (const [name, vs] of Object.entries(draws)) {
    const sorted = Float64Array.from(vs).sort();
    ci[name] = { lo: quantileSorted(sorted, alpha), hi: quantileSorted(sorted, 1 - alpha) };
  }
  return { ci, resamples, level, seed: options.seed };
}

/** Mean of values[idx] over the drawn indices. */
export function meanAt(values: ArrayLike<number>, idx: Uint32Array): number {
  let s = 0;
  for (let i = 0; i < idx.length; i++) s += values[idx[i]];
  return s / idx.length;
}

/**
 * Bootstrap of metrics computed from per-subset accuracies: `correct` maps subset -> 0/1 per pair; `metrics` gets
 * the resampled subset accuracies and returns e.g. sections and score. Subset accuracies are always included.
 */
export function bootstrapSubsets(
  correct: Record<string, ArrayLike<number>>,
  metrics: (acc: Record<string, number>) => Record<string, number>,
  options: BootstrapOptions,
): BootstrapResult {
  const groups = Object.fromEntries(Object.entries(correct).map(([k, v]) => [k, v.length]));
  return bootstrapGroups(
    groups,
    (indices) => {
      const acc: Record<string, number> = {};
      for (const [k, idx] of Object.entries(indices)) acc[k] = meanAt(correct[k], idx);
      return { ...acc, ...metrics(acc) };
    },
    options,
  );
}

// Two-sided 95% Student t quantiles t_{0.975, df} for df = 1..30 (standard tables).
const T975 = [
  12.706204736, 4.30265273, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252, 2.306004135, 2.262157163,
  2.228138852, 2.20098516, 2.17881283, 2.160368656, 2.144786688, 2.131449546, 2.119905299, 2.109815578, 2.10092204,
  2.093024054, 2.085963447, 2.079613845, 2.073873068, 2.06865761, 2.063898562, 2.059538553, 2.055529439, 2.051830516,
  2.048407142, 2.045229642, 2.042272456,
];

/** t_{0.975, df}: table for df <= 30, the Cornish-Fisher expansion around z = 1.959964 above (error < 1e-4). */
export function tQuantile975(df: number): number {
  if (!(Number.isInteger(df) && df >= 1)) throw new Error(`degrees of freedom must be a positive integer, got ${df}`);
  if (df <= 30) return T975[df - 1];
  const z = 1.959963984540054;
  const g1 = (z ** 3 + z) / 4;
  const g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96;
  const g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3;
}

export interface SeedSummary {
  mean: number;
  /** Sample standard deviation (n - 1); 0 for a single run. */
  std: number;
  n: number;
  /** mean +- t_{0.975, n-1} * std / sqrt(n); absent for a single run (no spread to estimate). */
  ci95?: ConfidenceInterval;
}

export function summarizeSeeds(values: readonly number[]): SeedSummary {
  const n = values.length;
  if (n === 0) throw new Error('summarizeSeeds: no values');
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, std: 0, n };
  const std = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  const half = (tQuantile975(n - 1) * std) / Math.sqrt(n);
  return { mean, std, n, ci95: { lo: mean - half, hi: mean + half } };
}
