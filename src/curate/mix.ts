// Mixing to targets: draw `target` pairs from each source by seeded sampling without replacement. A source with
// fewer pairs than its target gives all it has and the shortfall is reported. Each source draws from its own
// stream (seed forked by source name), so changing one target does not reshuffle the others.
import type { PreferencePair } from '../data/schema.js';
import { createRng, fnv1a32, sampleWithoutReplacement } from '../util/rng.js';
import { countBySource, DropCounter, stepReport, type StepResult } from './report.js';

export interface MixOptions {
  seed?: number;
  /** Sources without a target: kept whole ("keep") or left out ("drop", the default). */
  others?: 'keep' | 'drop';
}

export interface MixResult extends StepResult<PreferencePair> {
  shortfalls: Record<string, { target: number; available: number; short: number }>;
}

export function mixToTargets(
  pairs: readonly PreferencePair[],
  targets: Readonly<Record<string, number>>,
  options: MixOptions = {},
): MixResult {
  const seed = options.seed ?? 0;
  const others = options.others ?? 'drop';
  const bySource = new Map<string, PreferencePair[]>();
  for (const p of pairs) {
    let l = bySource.get(p.source);
    if (!l) bySource.set(p.source, (l = []));
    l.push(p);
  }
  const drops = new DropCounter();
  const shortfalls: MixResult['shortfalls'] = {};
  const out: PreferencePair[] = [];
  for (const source of [...new Set([...bySource.keys(), ...Object.keys(targets)])].sort()) {
    const pool = bySource.get(source) ?? [];
    const target = targets[source];
    if (target === undefined) {
      if (others === 'keep') out.push(...pool);
      else if (pool.length) drops.drop('source without a target', pool.length);
      continue;
    }
    if (!(Number.isInteger(target) && target >= 0))
      throw new Error(`target for "${source}" must be a non-negative integer, got ${target}`);
    if (pool.length < target) shortfalls[source] = { target, available: pool.length, short: target - pool.length };
    const rng = createRng((seed ^ fnv1a32(source)) >>> 0);
    const chosen = sampleWithoutReplacement(pool, target, rng);
    out.push(...chosen);
    if (pool.length > chosen.length) drops.drop('over target', pool.length - chosen.length);
  }
  const notes = Object.entries(shortfalls).map(
    ([s, f]) => `${s}: target ${f.target}, only ${f.available} available (short ${f.short})`,
  );
  return {
    items: out,
    shortfalls,
    report: stepReport(
      'mixToTargets',
      pairs.length,
      out.length,
      drops.counts,
      { seed, targets: { ...targets }, others, composition: countBySource(out) },
      { notes },
    ),
  };
}
