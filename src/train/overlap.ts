// Overlap between training and evaluation pairs. Held-out accuracy measures generalisation only on prompts the
// model has not trained on: an evaluation file that repeats training pairs (say `--eval` equal to `--data`) reports
// what the model memorised, up to 100%, as if it were held out. The unit is the prompt, as in the workbench's own
// held-out split (src/data/heldOut.ts keeps every pair of a prompt on one side): an evaluation pair counts as
// overlapping when its whole prompt (every turn, exactly) also opens a training pair; the subset that repeats the
// training pair itself (prompt, chosen and rejected) is counted too. The refusal threshold and why: MAX_OVERLAP.
import type { PreferencePair } from '../data/schema.js';

/**
 * Shares of evaluation pairs whose prompt occurs in training above which `rmw train` refuses to run without
 * --allow-overlap: 1%. Each overlapping pair can raise the accuracy by at most its own weight, so 1% moves the
 * reported accuracy by at most one point, which is below the half-width of its 95% interval for any evaluation set
 * under ~9,600 pairs (1.96·√(0.25/n) ≥ 0.01); above it, memorisation could pass for a finding. A split made by the
 * workbench (rmw curate's heldout.parquet, or no --eval at all) has none, by construction.
 */
export const MAX_OVERLAP = 0.01;

export interface PairOverlap {
  trainPairs: number;
  evalPairs: number;
  /** Evaluation pairs whose whole prompt also opens a training pair. */
  samePrompt: number;
  /** Of those, the pairs repeated outright: same prompt, chosen and rejected. */
  samePair: number;
  /** samePrompt / evalPairs (0 without evaluation pairs). */
  samePromptFraction: number;
  samePairFraction: number;
  /** Ids of the first overlapping evaluation pairs, for messages. */
  examples: string[];
}

function promptKey(p: PreferencePair): string {
  return JSON.stringify(p.prompt.map((m) => [m.role, m.content]));
}

function pairKey(p: PreferencePair): string {
  return JSON.stringify([promptKey(p), p.chosen, p.rejected]);
}

/** Counts the evaluation pairs that share a prompt (and the pair itself) with the training pairs. */
export function pairOverlap(
  train: readonly PreferencePair[],
  evalPairs: readonly PreferencePair[],
  maxExamples = 5,
): PairOverlap {
  const prompts = new Set<string>();
  const pairs = new Set<string>();
  for (const p of train) {
    prompts.add(promptKey(p));
    pairs.add(pairKey(p));
  }
  let samePrompt = 0;
  let samePair = 0;
  const examples: string[] = [];
  for (const p of evalPairs) {
    if (!prompts.has(promptKey(p))) continue;
    samePrompt++;
    if (pairs.has(pairKey(p))) samePair++;
    if (examples.length < maxExamples) examples.push(p.id);
  }
  const n = evalPairs.length;
  return {
    trainPairs: train.length,
    evalPairs: n,
    samePrompt,
    samePair,
    samePromptFraction: n ? samePrompt / n : 0,
    samePairFraction: n ? samePair / n : 0,
    examples,
  };
}

/** Whether the overlap is past the limit: more than MAX_OVERLAP of the evaluation pairs share a training prompt. */
export function overLimit(o: PairOverlap): boolean {
  return o.samePromptFraction > MAX_OVERLAP;
}

/** One line for logs and errors: "12 of 900 evaluation pairs (1.3%) share a prompt with training, 3 (0.3%) ...". */
export function describeOverlap(o: PairOverlap): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return (
    `${o.samePrompt} of ${o.evalPairs} evaluation pairs (${pct(o.samePromptFraction)}) share their prompt with ` +
    `the ${o.trainPairs} training pairs, ${o.samePair} (${pct(o.samePairFraction)}) are training pairs outright` +
    (o.examples.length ? ` (e.g. ${o.examples.join(', ')})` : '')
  );
}
