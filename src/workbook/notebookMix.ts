// The one workbench mix the notebooks curate (02) and train on (04): recipe `workbench`, every trick on, HH harmless
// through the two-stage filter whose scorer is a Bradley-Terry bow model trained on the other sources. One function
// builds it, so both notebooks hold the same pairs, and one label names it: the sha256 of its train.parquet as
// `rmw curate` writes it, the same kind of hash the experiments' run records carry for their own mixes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runRecipe } from '../curate/recipes/index.js';
import type { Mix } from '../curate/recipes/types.js';
import type { WorkbenchInputs } from '../curate/recipes/workbench.js';
import { writeMix } from '../curate/writeMix.js';
import { trainOnPairs, type TrainedPairs } from './notebookTraining.js';

export interface NotebookMixOptions {
  /** The loaded recipe inputs (loaded here when absent). */
  inputs?: WorkbenchInputs;
  /** Training preset of the filter model (`quick` or `full`); `quick` also skips dedup in the draft that feeds it. */
  preset: string;
  seed?: number;
}

export interface NotebookMix {
  mix: Mix;
  /** sha256 of train.parquet as writeMix writes it: the mix's identity everywhere it is shown. */
  sha256: string;
  /** The draft mix (no filter) whose non-safety pairs trained the filter model. */
  draft: Mix;
  /** The filter model (call `dispose()` when done with it). */
  filter: TrainedPairs;
}

/** sha256 of a mix's train.parquet, written to a temporary folder and removed again. */
export function mixSha256(mix: Mix): string {
  const dir = mkdtempSync(join(tmpdir(), 'rmw-mix-'));
  try {
    return writeMix(dir, mix).sha256;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** How a mix is named in text: recipe, seed and the first 12 hex digits of its train.parquet sha256. */
export function mixLabel(mix: Pick<Mix, 'recipe' | 'seed'>, sha256: string): string {
  return `${mix.recipe} mix, seed ${mix.seed}, sha256 ${sha256.slice(0, 12)}`;
}

export async function notebookMix(options: NotebookMixOptions): Promise<NotebookMix> {
  const seed = options.seed ?? 1;
  const quick = options.preset === 'quick';
  // No scorer yet, so the draft skips stage two; it only supplies "the other sources" the filter model learns from.
  const draft = await runRecipe('workbench', { inputs: options.inputs, seed, flags: { dedup: !quick } });
  const others = (pairs: Mix['train']) => pairs.filter((p) => p.source !== 'hh-harmless');
  const filter = await trainOnPairs({
    train: others(draft.train),
    heldOut: others(draft.heldOut),
    loss: 'bt',
    preset: options.preset,
    config: { seed },
  });
  const mix = await runRecipe('workbench', { inputs: options.inputs, seed, scorer: filter.scorer });
  return { mix, sha256: mixSha256(mix), draft, filter };
}
