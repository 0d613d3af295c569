// In-distribution accuracy: each training source's fixed held-out split (data/heldOut.ts's isHeldOut: a hash of the
// prompt), which every training mix excludes. Small models show signal here long before they do on RewardBench.
import { DEFAULT_HELD_OUT_FRACTION, isHeldOut } from '../data/heldOut.js';
import { loadGsm8kSolutions } from '../data/loaders/gsm8k.js';
import { HH_IDS, loadHhRlhf } from '../data/loaders/hhRlhf.js';
import { loadPandaLM } from '../data/loaders/pandalm.js';
import { loadUltraFeedback, ULTRAFEEDBACK_IDS } from '../data/loaders/ultraFeedback.js';
import type { PreferencePair } from '../data/schema.js';

/** Held-out pairs per training-pool source (pairs whose prompt hashes below `fraction`). */
export async function loadHeldOutPairs(
  fraction = DEFAULT_HELD_OUT_FRACTION,
): Promise<Record<string, PreferencePair[]>> {
  const out: Record<string, PreferencePair[]> = {};
  const keep = (id: string, pairs: PreferencePair[]) => {
    // chosen == rejected pairs (36 in HH-RLHF) can only tie: they measure nothing, so they are left out here
    out[id] = pairs.filter((p) => p.chosen !== p.rejected && isHeldOut(p, fraction));
  };
  for (const id of HH_IDS) keep(id, (await loadHhRlhf(id)).items);
  for (const id of ULTRAFEEDBACK_IDS) keep(id, (await loadUltraFeedback(id)).items);
  keep('pandalm-testset', (await loadPandaLM()).items);
  keep('gsm8k-model-solutions', (await loadGsm8kSolutions()).items);
  return out;
}
