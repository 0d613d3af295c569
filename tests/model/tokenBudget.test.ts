// The bounded tokenisation paths give exactly the first / last N ids of whole-text BPE (forced on small inputs by
// lowering the whole-text threshold), and a huge text is encoded in bounded time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_TOKEN_CHARS, encodeTextHead, encodeTextTail } from '../../src/model/tokenBudget.js';
import { decodeIds, encodeText } from '../../src/model/tokenizer.js';
import { encodeChatItem, formatPromptIds, formatResponseIds } from '../../src/model/chatFormat.js';
import { createRng } from '../../src/util/rng.js';

const BOUNDED = { wholeTextChars: 0 };

// Pieces that exercise every alternative of the cl100k split: words, contractions, digit runs, punctuation runs,
// spaces and tabs before words and line breaks, CRLF, letters outside ASCII and the BMP.
const PIECES = [
  ' the',
  'word',
  "'s",
  "'LL",
  ' 12345',
  '7',
  ' ...',
  '!!',
  '(',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\n\n ',
  ' é',
  'ß',
  ' 𝒜b',
  '中文',
  '，',
  '-',
  '   x',
  ' ?',
];

function randomText(seed: number, pieces: number): string {
  const rng = createRng(seed);
  let s = '';
  for (let i = 0; i < pieces; i++) s += PIECES[rng.int(PIECES.length)];
  return s;
}

test('head and tail equal whole-text BPE sliced, for random texts and budgets', () => {
  for (let seed = 1; seed <= 60; seed++) {
    const text = randomText(seed, 20 + seed * 7);
    const full = Array.from(encodeText(text));
    for (const n of [1, 2, 5, 17, 80, 1000]) {
      assert.deepEqual(Array.from(encodeTextHead(text, n, BOUNDED)), full.slice(0, n), `head seed ${seed} n ${n}`);
      assert.deepEqual(Array.from(encodeTextTail(text, n, BOUNDED)), full.slice(-n), `tail seed ${seed} n ${n}`);
    }
  }
});

test('a budget of zero gives no ids; a text shorter than the budget gives all its ids', () => {
  assert.equal(encodeTextHead('hello world', 0).length, 0);
  assert.equal(encodeTextTail('hello world', 0, BOUNDED).length, 0);
  assert.deepEqual(Array.from(encodeTextTail('hello world', 50, BOUNDED)), [15339, 1917]);
});

test('a chunk longer than the cap is cut on the far side, and nothing beyond it is taken', () => {
  const text = 'x '.repeat(3) + 'a'.repeat(500) + ' tail';
  const head = encodeTextHead(text, 1000, { wholeTextChars: 0, maxChunkChars: 100 });
  // "x x" then the chunk " aaa…" (501 characters) cut to its first 100: the words after it are not reached.
  assert.equal(decodeIds(head), 'x x x ' + 'a'.repeat(99));
  const tail = encodeTextTail('head ' + 'b'.repeat(500), 1000, { wholeTextChars: 0, maxChunkChars: 100 });
  assert.equal(decodeIds(tail), 'b'.repeat(100));
});

test('the longest cl100k token is MAX_TOKEN_CHARS characters (128 spaces)', () => {
  assert.deepEqual(Array.from(encodeText(' '.repeat(MAX_TOKEN_CHARS))).length, 1);
});

test('chat items from the bounded paths equal formatting everything then slicing', () => {
  const prompt = [
    { role: 'system' as const, content: randomText(7, 400) },
    { role: 'user' as const, content: randomText(8, 3000) },
  ];
  const response = randomText(9, 3000);
  const options = { maxTokens: 64, maxResponseTokens: 40 };
  const item = encodeChatItem(prompt, response, options);
  const resp = Array.from(formatResponseIds(response)).slice(0, 40);
  const promptIds = Array.from(formatPromptIds(prompt));
  const kept = promptIds.slice(promptIds.length - (64 - resp.length));
  assert.deepEqual(Array.from(item.ids), [...kept, ...resp]);
  assert.equal(item.promptLength, kept.length);
});

test('a 5 MB response and prompt are encoded in well under a second (only the kept ids are tokenised)', () => {
  const text = 'lorem ipsum dolor sit amet, '.repeat(180_000);
  const t0 = performance.now();
  const item = encodeChatItem([{ role: 'user', content: text }], text, { maxTokens: 512, maxResponseTokens: 384 });
  const ms = performance.now() - t0;
  assert.equal(item.ids.length, 512);
  assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
});
