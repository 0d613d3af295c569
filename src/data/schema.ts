// The one preference schema every loader produces and every later stage consumes.
// Layout follows the Hugging Face preference format (prompt as messages; chosen/rejected are the final assistant
// turn), so a pair table can be written for TRL / OpenRLHF without conversion.

export type Role = 'system' | 'user' | 'assistant';

export interface Message {
  role: Role;
  content: string;
}

export type Split = 'train' | 'eval' | 'test';

/** One preference pair: for the same prompt, `chosen` is preferred over `rejected`. */
export interface PreferencePair {
  /** Stable id, unique within a table; source-prefixed, e.g. `hh-harmless-base:417`. */
  id: string;
  /** Source id from the manifest (data/sources.json) or a paper source name. */
  source: string;
  /** The conversation before the compared responses; the last message is normally the user's. */
  prompt: Message[];
  /** The preferred final assistant response. */
  chosen: string;
  /** The dispreferred final assistant response. */
  rejected: string;
  /** How strongly chosen beats rejected (rating gap, vote margin, score gap), where the source says so. */
  margin?: number;
  /** Scalar scores the source gives each side (judge scores, ArmoRM rewards, ratings). */
  chosenScore?: number;
  rejectedScore?: number;
  /** Task category (e.g. Magpie task_category, GSM8K = "math"). */
  category?: string;
  /** Models that wrote each response, where known. */
  chosenModel?: string;
  rejectedModel?: string;
  split?: Split;
  /** Benchmark subset this pair belongs to (evaluation tables only). */
  subset?: string;
  /** Anything else worth keeping, flat. */
  meta?: Record<string, string | number | boolean | null>;
}

/** One scored response among several for the same prompt (best-of-N data, ratings before pairing). */
export interface ScoredResponse {
  text: string;
  score?: number;
  /** Named ratings, e.g. HelpSteer2 helpfulness/correctness/coherence/complexity/verbosity. */
  ratings?: Record<string, number>;
  model?: string;
}

/** A prompt with N scored responses: the raw material that pair-making turns into PreferencePair rows. */
export interface ResponseGroup {
  id: string;
  source: string;
  prompt: Message[];
  responses: ScoredResponse[];
  category?: string;
  split?: Split;
  meta?: Record<string, string | number | boolean | null>;
}

/** The text of the last user turn: what n-gram decontamination and prompt-hash splits look at. */
export function lastUserText(prompt: Message[]): string {
  for (let i = prompt.length - 1; i >= 0; i--) if (prompt[i].role === 'user') return prompt[i].content;
  return prompt.length ? prompt[prompt.length - 1].content : '';
}

/** All prompt turns joined, for hashing and display. */
export function promptText(prompt: Message[]): string {
  return prompt.map((m) => `${m.role}: ${m.content}`).join('\n');
}

export function userPrompt(text: string): Message[] {
  return [{ role: 'user', content: text }];
}
