// Model kinds by name. Each kind maps to a loader that returns its factory: `bow` (src/model/bow/) is plain
// TypeScript; `transformer` (src/model/transformer/) pulls in tfjs, so it is imported only when asked for. The
// registry imports the models, never the other way round.
import { createBowRewardModel } from './bow/model.js';
import type { RewardModelFactory, TrainableRewardModel } from './trainable.js';

const loaders = new Map<string, () => Promise<RewardModelFactory>>([
  ['bow', async () => createBowRewardModel],
  [
    'transformer',
    async () => {
      await import('./backend.js'); // Node's backend chooser (a browser page installs its own, src/lab/backend.ts)
      return (await import('./transformer/model.js')).createTransformerRewardModel;
    },
  ],
]);

/** Adds (or replaces) a model kind; `factory` builds a fresh model from its config and seed. */
export function registerRewardModel(kind: string, factory: RewardModelFactory): void {
  loaders.set(kind, async () => factory);
}

export function rewardModelKinds(): string[] {
  return [...loaders.keys()].sort();
}

export async function createRewardModel(
  kind: string,
  config: Record<string, unknown>,
  seed: number,
): Promise<TrainableRewardModel> {
  const load = loaders.get(kind);
  if (!load) throw new Error(`unknown model kind "${kind}"; available: ${rewardModelKinds().join(', ')}`);
  return (await load())(config, seed);
}
