// Model kinds by name: `bow` (src/model/bowModel.ts) is built in; the transformer registers itself from
// src/model/transformer.ts (`registerRewardModel('transformer', createTransformerRewardModel)`).
import { createBowRewardModel } from './bowModel.js';
import type { RewardModelFactory, TrainableRewardModel } from './trainable.js';

const factories = new Map<string, RewardModelFactory>([['bow', createBowRewardModel]]);

export function registerRewardModel(kind: string, factory: RewardModelFactory): void {
  factories.set(kind, factory);
}

export function rewardModelKinds(): string[] {
  return [...factories.keys()].sort();
}

export async function createRewardModel(
  kind: string,
  config: Record<string, unknown>,
  seed: number,
): Promise<TrainableRewardModel> {
  // The transformer pulls in tfjs; load it only when asked for (it registers itself on import).
  if (kind === 'transformer' && !factories.has(kind)) await import('./transformer.js');
  const f = factories.get(kind);
  if (!f) {
    const hint =
      kind === 'transformer'
        ? ': the transformer model (src/model/transformer.ts, createTransformerRewardModel) is not in this build'
        : '';
    throw new Error(`unknown model kind "${kind}"${hint}; available: ${rewardModelKinds().join(', ')}`);
  }
  return f(config, seed);
}
