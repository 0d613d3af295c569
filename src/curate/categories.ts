// Task-category groups for per-category selection. Skywork ranks Magpie's math, code and "other" prompts
// independently (paper-facts §2.1 [A]); Magpie labels each prompt with an LLM-assigned task_category
// ("Math", "Coding & Debugging", "Information seeking", ...). Sources without labels get a keyword guess
// (guessTaskCategory): a cheap, documented stand-in for Magpie's LLM tagger, not a replica of it.
import { lastUserText, type Message } from '../data/schema.js';

export type TaskGroup = 'math' | 'code' | 'other';

/** Magpie task_category (or a guessed one) -> the three groups Skywork selects within. */
export function taskGroup(category: string | undefined): TaskGroup {
  const c = (category ?? '').toLowerCase();
  if (c.startsWith('math')) return 'math';
  if (c.includes('coding') || c === 'code') return 'code';
  return 'other';
}

const CODE =
  /```|\b(python|javascript|typescript|java|c\+\+|c#|rust|golang|sql|html|css|regex|regular expression|function|code|coding|program|script|compile|debug|algorithm|api|json|bash|shell)\b/i;
const MATH =
  /\b(math|calculate|compute|solve|equation|integral|derivative|probability|percent|percentage|arithmetic|algebra|geometry|how many|how much|sum of|product of|average of)\b|\d\s*[-+*/^×÷=]\s*\d/i;

/** Keyword guess of a prompt's task group: code first (code prompts often contain numbers), then math, else other. */
export function guessTaskCategory(prompt: Message[] | string): TaskGroup {
  const text = typeof prompt === 'string' ? prompt : lastUserText(prompt);
  if (CODE.test(text)) return 'code';
  if (MATH.test(text)) return 'math';
  return 'other';
}
