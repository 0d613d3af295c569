// What evaluation and curation need from any reward model: a scalar reward for a (prompt, response).
import type { Message } from '../data/schema.js';

export interface ScoringItem {
  prompt: Message[];
  response: string;
  /** Which benchmark pair and side the item is, when it comes from one: lets a scorer backed by rewards computed
   * elsewhere (a score table keyed by pair id) answer; scorers that read the text ignore it. */
  pair?: { id: string; side: 'chosen' | 'rejected' };
}

export interface RewardScorer {
  /** A short description, e.g. "bow-mlp run runs/bt-seed1". */
  readonly name: string;
  /** One reward per item, in order. */
  score(items: ScoringItem[]): Promise<Float64Array>;
}
