// Chat formatting of (prompt messages, response) into one token sequence, with truncation from the LEFT of the
// prompt so the response (what the reward judges) and the latest turns survive.
//
// Template (ChatML, as cl100k_base's own special tokens suggest), one block per message, the response last:
//   <|im_start|> role "\n" content <|im_end|> "\n"        (for each prompt message)
//   <|im_start|> "assistant\n" response <|im_end|>
// `role "\n"` and `content` are BPE-encoded separately (so a message's ids do not depend on its neighbours and
// are cached per text); <|im_start|>/<|im_end|> are inserted as ids, never parsed from text.
// Only the ids that survive truncation are computed (tokenBudget.ts), so a huge text costs about its reading time.
import type { Message, PreferencePair } from '../data/schema.js';
import type { EncodedItem, EncodedPair } from './trainable.js';
import { encodeTextHead, encodeTextTail } from './tokenBudget.js';
import { IM_END_ID, IM_START_ID, encodeText } from './tokenizer.js';

export const CHAT_TEMPLATE =
  '<|im_start|>{role}\\n{content}<|im_end|>\\n per prompt message, then <|im_start|>assistant\\n{response}<|im_end|>';

export interface ChatFormatOptions {
  /** Total ids per item (prompt + response). */
  maxTokens: number;
  /** The response keeps at most this many ids (cut on the right, keeping its start); the prompt gets the rest. */
  maxResponseTokens: number;
}

export const DEFAULT_CHAT_FORMAT: ChatFormatOptions = { maxTokens: 512, maxResponseTokens: 384 };

const NEWLINE = encodeText('\n');
const ROLE_HEADER = new Map<string, Int32Array>();

function roleHeader(role: string): Int32Array {
  let ids = ROLE_HEADER.get(role);
  if (!ids) {
    ids = encodeText(`${role}\n`);
    ROLE_HEADER.set(role, ids);
  }
  return ids;
}

/** The formatted prompt ids, untruncated. */
export function formatPromptIds(prompt: readonly Message[]): Int32Array {
  const parts: ArrayLike<number>[] = [];
  let n = 0;
  for (const m of prompt) {
    const head = roleHeader(m.role),
      body = encodeText(m.content);
    parts.push([IM_START_ID], head, body, [IM_END_ID], NEWLINE);
    n += 2 + head.length + body.length + NEWLINE.length;
  }
  return concat(parts, n);
}

/** The formatted response ids, untruncated: <|im_start|>assistant\n response <|im_end|>. */
export function formatResponseIds(response: string): Int32Array {
  const head = roleHeader('assistant'),
    body = encodeText(response);
  return concat([[IM_START_ID], head, body, [IM_END_ID]], 2 + head.length + body.length);
}

/**
 * One item: the last `maxTokens - responseLength` prompt ids, then the response ids (at most maxResponseTokens,
 * cut on the right). A prompt cut on the left may start mid-message; that is the point (keep the latest turns).
 * Equal to formatting everything and then slicing; only the kept ids are tokenised.
 */
export function encodeChatItem(
  prompt: readonly Message[],
  response: string,
  options: ChatFormatOptions = DEFAULT_CHAT_FORMAT,
): EncodedItem {
  checkOptions(options);
  const resp = formatResponseHead(response, options.maxResponseTokens);
  const keptPrompt = formatPromptTail(prompt, options.maxTokens - resp.length);
  const ids = new Int32Array(keptPrompt.length + resp.length);
  ids.set(keptPrompt, 0);
  ids.set(resp, keptPrompt.length);
  return { ids, promptLength: keptPrompt.length };
}

/** The first `n` ids of formatResponseIds(response). */
function formatResponseHead(response: string, n: number): Int32Array {
  const head = roleHeader('assistant');
  const open = 1 + head.length;
  if (n <= open) return concat([[IM_START_ID], head], open).subarray(0, n);
  const body = encodeTextHead(response, n - open);
  const all = concat([[IM_START_ID], head, body, [IM_END_ID]], open + body.length + 1);
  return all.length > n ? all.subarray(0, n) : all;
}

/** The last `n` ids of formatPromptIds(prompt), tokenising messages from the last one back. */
function formatPromptTail(prompt: readonly Message[], n: number): Int32Array {
  const parts: ArrayLike<number>[] = [];
  let have = 0;
  const close = 1 + NEWLINE.length;
  for (let i = prompt.length - 1; i >= 0 && have < n; i--) {
    const head = roleHeader(prompt[i].role);
    const body = encodeTextTail(prompt[i].content, Math.max(0, n - have - close));
    parts.unshift([IM_START_ID], head, body, [IM_END_ID], NEWLINE);
    have += 1 + head.length + body.length + close;
  }
  const all = concat(parts, have);
  return all.length > n ? all.subarray(all.length - n) : all;
}

/** A PreferencePair as token ids; the prompt is formatted once and shared by both sides' encodings. */
export function encodePair(pair: PreferencePair, options: ChatFormatOptions = DEFAULT_CHAT_FORMAT): EncodedPair {
  return {
    id: pair.id,
    chosen: encodeChatItem(pair.prompt, pair.chosen, options),
    rejected: encodeChatItem(pair.prompt, pair.rejected, options),
    margin: typeof pair.margin === 'number' && Number.isFinite(pair.margin) ? pair.margin : 0,
  };
}

function checkOptions(o: ChatFormatOptions): void {
  if (!(Number.isInteger(o.maxTokens) && o.maxTokens > 0))
    throw new Error(`maxTokens must be a positive integer, got ${o.maxTokens}`);
  if (!(Number.isInteger(o.maxResponseTokens) && o.maxResponseTokens > 0 && o.maxResponseTokens <= o.maxTokens)) {
    throw new Error(`maxResponseTokens must be an integer in [1, maxTokens], got ${o.maxResponseTokens}`);
  }
}

function concat(parts: ArrayLike<number>[], n: number): Int32Array {
  const out = new Int32Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
