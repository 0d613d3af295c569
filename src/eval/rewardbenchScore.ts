// RewardBench arithmetic: per-pair correctness, subset accuracy, count-weighted sections, 4-section mean.
// Mirrors reward-bench's scripts/run_rm.py (strict chosen > rejected, so a tie is wrong) and
// rewardbench/utils.py calculate_scores_per_section (paper-facts §7.2-§7.3).
import { REWARDBENCH_SECTIONS, meanOfSections, type Section, type SectionScores } from '../data/rewardbenchSections.js';
import { SECTION_SUBSETS, SUBSET_SECTION, subsetWeights, type WeightsVersion } from './rewardbenchConstants.js';

/** A pair is correct only when the chosen reward is strictly greater: ties (and NaN) count as wrong. */
export function pairCorrect(chosen: number, rejected: number): boolean {
  return chosen > rejected;
}

/** 1/0 per pair, from parallel reward arrays. */
export function correctness(chosen: ArrayLike<number>, rejected: ArrayLike<number>): Uint8Array {
  if (chosen.length !== rejected.length) {
    throw new Error(`correctness: ${chosen.length} chosen rewards but ${rejected.length} rejected rewards`);
  }
  const out = new Uint8Array(chosen.length);
  for (let i = 0; i < chosen.length; i++) out[i] = pairCorrect(chosen[i], rejected[i]) ? 1 : 0;
  return out;
}

/** correct / total. An empty subset has no accuracy. */
export function subsetAccuracy(correct: ArrayLike<number>): number {
  if (correct.length === 0) throw new Error('subsetAccuracy: a subset with no pairs has no accuracy');
  let s = 0;
  for (let i = 0; i < correct.length; i++) s += correct[i];
  return s / correct.length;
}

export interface RewardBenchSectionScores extends SectionScores {
  /** Unweighted mean of the four sections (the Skywork-era leaderboard score, paper-facts §7.3). */
  score: number;
}

export interface SectionOptions {
  weights?: WeightsVersion;
}

/**
 * Section = sum(acc x weight) / sum(weight) over the section's subsets that are present; 0 when none is present
 * (as reward-bench does). Keys that are not RewardBench subsets are ignored.
 */
export function sectionScores(
  accuracies: Record<string, number>,
  options: SectionOptions = {},
): RewardBenchSectionScores {
  const weights = subsetWeights(options.weights ?? 'current');
  const out = {} as Record<Section, number>;
  for (const section of REWARDBENCH_SECTIONS) {
    let num = 0;
    let den = 0;
    for (const key of SECTION_SUBSETS[section]) {
      const acc = accuracies[key];
      if (acc === undefined) continue;
      if (typeof acc !== 'number' || !Number.isFinite(acc))
        throw new Error(`subset "${key}": accuracy ${acc} is not a finite number`);
      num += acc * weights[key];
      den += weights[key];
    }
    out[section] = den === 0 ? 0 : num / den;
  }
  return { ...out, score: meanOfSections(out) };
}

/** Which sections are missing some (or all) of their subsets in a metrics map. */
export function sectionCoverage(
  accuracies: Record<string, unknown>,
): Record<Section, { present: string[]; missing: string[] }> {
  const out = {} as Record<Section, { present: string[]; missing: string[] }>;
  for (const section of REWARDBENCH_SECTIONS) {
    const keys = SECTION_SUBSETS[section];
    out[section] = { present: keys.filter((k) => k in accuracies), missing: keys.filter((k) => !(k in accuracies)) };
  }
  return out;
}

/**
 * Pulls the per-subset accuracies out of a reward-bench style JSON: either a flat {"alpacaeval-easy": 0.96, ...}
 * or a results file that nests them (e.g. under "results" / "metrics" / "subsets", or any object one level down that
 * holds RewardBench subset keys). Non-subset keys (model, chat_template, ...) are ignored.
 */
export function extractSubsetAccuracies(json: unknown, where = 'metrics JSON'): Record<string, number> {
  const found = findSubsetObject(json, 0);
  if (!found) {
    throw new Error(
      `${where}: no RewardBench subset accuracies found (expected keys like "alpacaeval-easy", "hep-python")`,
    );
  }
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(found)) {
    if (!(key in SUBSET_SECTION)) continue;
    const v = Array.isArray(value) && value.length === 1 ? value[0] : value;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
      throw new Error(`${where}: field "${key}" must be an accuracy in [0, 1], got ${JSON.stringify(value)}`);
    }
    out[key] = v;
  }
  return out;
}

function countSubsetKeys(obj: Record<string, unknown>): number {
  return Object.keys(obj).filter((k) => k in SUBSET_SECTION).length;
}

function findSubsetObject(json: unknown, depth: number): Record<string, unknown> | undefined {
  if (!json || typeof json !== 'object' || Array.isArray(json) || depth > 3) return undefined;
  const obj = json as Record<string, unknown>;
  if (countSubsetKeys(obj) > 0) return obj;
  let best: Record<string, unknown> | undefined;
  for (const value of Object.values(obj)) {
    const inner = findSubsetObject(value, depth + 1);
    if (inner && (!best || countSubsetKeys(inner) > countSubsetKeys(best))) best = inner;
  }
  return best;
}
