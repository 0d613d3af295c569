// The uncurated pool for the data ablation: no tricks. Every pair of differently scored AlpacaEval samples
// (up to 55 per prompt), every other workbench source as loaded, no offsets, no top-k, no filter, no dedup, no
// decontamination. Only the held-out split is excluded, so evaluation stays clean of training prompts.
import { allPairsOfN } from '../pairs.js';
import { countBySource } from '../report.js';
import { heldOutStep, noDecontamination, StepLog } from './steps.js';
import type { Mix, RecipeOptions } from './types.js';
import { WORKBENCH_SOURCES, workbenchPool, type WorkbenchInputs } from './workbench.js';

export function uncuratedRecipe(inputs: WorkbenchInputs, options: RecipeOptions = {}): Mix {
  const seed = options.seed ?? 0;
  const log = new StepLog();
  const pool = workbenchPool(inputs, log, log.take(allPairsOfN(inputs.alpacaEvalBestOfN), 'alpacaeval-bon'));
  const { train, heldOut } = heldOutStep(log, pool, options.heldOutFraction, options.heldOutSalt);
  const decontamination = noDecontamination(
    'the uncurated pool is not decontaminated (held-out split only)',
    log,
    train.length,
  );
  return {
    recipe: 'uncurated',
    seed,
    flags: { decontaminate: false, offsets: false, topk: false, filter: false, dedup: false },
    train,
    heldOut,
    steps: log.steps,
    composition: { before: countBySource(pool), after: countBySource(train) },
    sources: WORKBENCH_SOURCES.map((s) => ({
      ...s,
      rule: s.source === 'alpacaeval-bon' ? 'all pairs of differently scored samples' : 'as loaded',
    })),
    rules: [
      'AlpacaEval: every pair of differently scored samples (N(N-1)/2 per prompt, ties dropped).',
      'Every other source as loaded, unfiltered.',
      `Held-out split: ${options.heldOutFraction ?? 0.1} of prompts by prompt hash, excluded from training.`,
    ],
    decontamination,
    limits: [
      'Contains benchmark-overlapping prompts (AlpacaEval = RewardBench alpacaeval-*, LLMBar Processed ' +
        'MT-Bench prompts): for the ablation only.',
    ],
    params: { heldOutFraction: options.heldOutFraction ?? 0.1 },
  };
}
