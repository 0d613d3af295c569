// The recipe registry: names the CLI accepts, and loading the real offline inputs for the workbench recipes.
import { loadAlpacaEvalBestOfN } from '../../data/loaders/alpacaEval.js';
import { loadGsm8kSolutions } from '../../data/loaders/gsm8k.js';
import { HH_IDS, loadHhRlhf } from '../../data/loaders/hhRlhf.js';
import { LLMBAR_PROCESSED, loadLlmBar } from '../../data/loaders/llmbar.js';
import { loadMagpiePo } from '../../data/loaders/magpie.js';
import { loadPandaLM } from '../../data/loaders/pandalm.js';
import { loadUltraFeedback, ULTRAFEEDBACK_IDS } from '../../data/loaders/ultraFeedback.js';
import type { RewardScorer } from '../../model/types.js';
import { loadBenchmarkPrompts } from './benchmarks.js';
import type { Mix, RecipeOptions } from './types.js';
import { runSkywork80kFromHf, type HfFileOverrides } from './skyworkInputs.js';
import { uncuratedRecipe } from './uncurated.js';
import { workbenchRecipe, type WorkbenchInputs } from './workbench.js';

export const RECIPE_NAMES = ['workbench', 'uncurated', 'skywork-80k-v0.1', 'skywork-80k-v0.2'] as const;
export type RecipeName = (typeof RECIPE_NAMES)[number];

/** Loads every offline source the workbench recipes use (verified by sha256 through the source registry). */
export async function loadWorkbenchInputs(): Promise<WorkbenchInputs> {
  const items = async <T>(ids: readonly string[], load: (id: string) => Promise<{ items: T[] }>) =>
    (await Promise.all(ids.map(load))).flatMap((r) => r.items);
  const harmlessId = 'hh-harmless-base';
  return {
    alpacaEvalBestOfN: (await loadAlpacaEvalBestOfN()).items,
    magpiePo: (await loadMagpiePo()).items,
    ultraFeedback: await items(ULTRAFEEDBACK_IDS, (id) => loadUltraFeedback(id)),
    gsm8k: (await loadGsm8kSolutions()).items,
    hhHelpful: await items(
      HH_IDS.filter((id) => id !== harmlessId),
      (id) => loadHhRlhf(id),
    ),
    pandaLM: (await loadPandaLM()).items,
    llmBarProcessed: await items(LLMBAR_PROCESSED, (id) => loadLlmBar(id)),
    hhHarmless: (await loadHhRlhf(harmlessId)).items,
    benchmarks: await loadBenchmarkPrompts(),
  };
}

export interface RunRecipeOptions extends RecipeOptions {
  scorer?: RewardScorer;
  inputs?: WorkbenchInputs;
  /** Skywork recipes: local files per HF source (else cache, else hub download unless RMW_OFFLINE=1). */
  hfFiles?: HfFileOverrides;
}

/** Runs a recipe: workbench/uncurated from the raw offline files, skywork-80k-* from the paper's HF sources. */
export async function runRecipe(name: string, options: RunRecipeOptions = {}): Promise<Mix> {
  if (name === 'skywork-80k-v0.1' || name === 'skywork-80k-v0.2') {
    const { inputs: workbenchInputs, hfFiles, ...rest } = options;
    // Workbench inputs here are a caller's mistake; say so rather than quietly reading (or downloading) the HF files.
    if (workbenchInputs)
      throw new Error(
        `recipe "${name}" runs over the paper's Hugging Face sources, not workbench inputs: pass hfFiles (or ` +
          `nothing, to use the cache / hub)`,
      );
    return runSkywork80kFromHf({
      ...rest,
      version: name === 'skywork-80k-v0.1' ? 'v0.1' : 'v0.2',
      ...(hfFiles ? { files: hfFiles } : {}),
    });
  }
  if (name !== 'workbench' && name !== 'uncurated')
    throw new Error(`unknown recipe "${name}"; known: ${RECIPE_NAMES.join(', ')}`);
  const inputs = options.inputs ?? (await loadWorkbenchInputs());
  return name === 'workbench' ? workbenchRecipe(inputs, options) : uncuratedRecipe(inputs, options);
}
