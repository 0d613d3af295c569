// What evaluation and curation need from any reward model: a scalar reward for a (prompt, response).
import type { Message } from '../data/schema.js';

export interface ScoringItem {
  prompt: Message[];
  response: string;
}

export interface RewardScorer {
  /** A short description, e.g. "bow-mlp run runs/bt-seed1". */
  readonly name: string;
  /** One reward per item, in order. */
  score(items: ScoringItem[]): Promise<Float64Array>;
}
