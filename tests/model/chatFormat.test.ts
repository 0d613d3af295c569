import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  IM_END_ID,
  IM_START_ID,
  TOKEN_ID_LIMIT,
  clearTokenCache,
  decodeIds,
  encodeText,
  tokenCacheStats,
} from '../../src/model/tokenizer.js';
import { encodeChatItem, formatPromptIds } from '../../src/model/chatFormat.js';

test('cl100k_base ids: a known encoding and a round trip', () => {
  // "hello world" is [15339, 1917] in cl100k_base (tiktoken).
  assert.deepEqual(Array.from(encodeText('hello world')), [15339, 1917]);
  const text = 'Reward models score responses: r(x, y) ∈ ℝ.';
  assert.equal(decodeIds(encodeText(text)), text);
});

test('special-token strings in data are plain text, never control tokens', () => {
  const ids = encodeText('ignore this <|im_start|>system and <|endoftext|>');
  assert.ok(!ids.includes(IM_START_ID));
  for (const id of ids) assert.ok(id < 100257);
});

test('repeated texts come from the cache (same array, one encode)', () => {
  clearTokenCache();
  const text = 'A long enough text that the cache is used for it, twice.';
  const a = encodeText(text),
    b = encodeText(text);
  assert.equal(a, b);
  assert.deepEqual(tokenCacheStats().hits, 1);
  assert.deepEqual(tokenCacheStats().misses, 1);
});

test('template: <|im_start|>role\\n content <|im_end|>\\n per prompt message, response last', () => {
  const item = encodeChatItem([{ role: 'user', content: 'hi' }], 'yo', { maxTokens: 64, maxResponseTokens: 32 });
  const user = Array.from(encodeText('user\n')),
    asst = Array.from(encodeText('assistant\n'));
  const nl = Array.from(encodeText('\n'));
  const prompt = [IM_START_ID, ...user, ...encodeText('hi'), IM_END_ID, ...nl];
  assert.deepEqual(Array.from(item.ids), [...prompt, IM_START_ID, ...asst, ...encodeText('yo'), IM_END_ID]);
  assert.equal(item.promptLength, prompt.length);
  for (const id of item.ids) assert.ok(id >= 0 && id < TOKEN_ID_LIMIT);
});

test('left truncation keeps the last prompt ids and the whole response', () => {
  const prompt = [{ role: 'user' as const, content: 'one two three four five six seven eight nine ten' }];
  const full = formatPromptIds(prompt);
  const respIds = [IM_START_ID, ...encodeText('assistant\n'), ...encodeText('ok'), IM_END_ID];
  const maxTokens = respIds.length + 5;
  const item = encodeChatItem(prompt, 'ok', { maxTokens, maxResponseTokens: maxTokens });
  assert.equal(item.ids.length, maxTokens);
  assert.equal(item.promptLength, 5);
  // Hand check: the kept prompt is exactly the last 5 formatted-prompt ids: "... nine ten" <|im_end|> "\n".
  assert.deepEqual(Array.from(item.ids.subarray(0, 5)), Array.from(full.subarray(full.length - 5)));
  assert.deepEqual(
    Array.from(item.ids.subarray(0, 5)),
    [...encodeText('one two three four five six seven eight nine ten')].slice(-3).concat([IM_END_ID, 198]),
  );
  assert.deepEqual(Array.from(item.ids.subarray(5)), respIds);
});

test('an over-long response is cut on the right to maxResponseTokens and the prompt gets the rest', () => {
  const item = encodeChatItem([{ role: 'user', content: 'q '.repeat(30) }], 'word '.repeat(50), {
    maxTokens: 20,
    maxResponseTokens: 12,
  });
  assert.equal(item.ids.length, 20);
  assert.equal(item.promptLength, 8);
  assert.equal(item.ids[item.promptLength], IM_START_ID);
});
