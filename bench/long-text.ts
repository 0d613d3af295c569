// Benchmark: one huge response through the chat formatter, beside the cost of reading it. Only the ids that survive
// truncation are tokenised (src/model/tokenBudget.ts), so encoding should cost no more than reading the JSONL line.
// Run: node --import tsx bench/long-text.ts [--mb 50]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CHAT_FORMAT, encodeChatItem } from '../src/model/chatFormat.js';

const mbArg = process.argv.indexOf('--mb');
const mb = mbArg > 0 ? Number(process.argv[mbArg + 1]) : 50;
const chars = Math.round(mb * 1e6);
const cases: Record<string, () => string> = {
  'English-like words': () => 'the reward model scores a response, '.repeat(Math.ceil(chars / 36)).slice(0, chars),
  'one run of letters': () => 'a'.repeat(chars),
  'one run of spaces': () => ' '.repeat(chars),
};
const dir = mkdtempSync(join(tmpdir(), 'rmw-long-text-'));
try {
  console.log(`| text (${mb} MB response and prompt) | read + parse the JSONL line | encode the chat item | ratio |`);
  console.log('| --- | ---: | ---: | ---: |');
  for (const [name, make] of Object.entries(cases)) {
    const file = join(dir, 'pair.jsonl');
    const text = make();
    writeFileSync(file, JSON.stringify({ prompt: text, chosen: text, rejected: 'no' }) + '\n');
    let t0 = performance.now();
    const row = JSON.parse(readFileSync(file, 'utf8')) as { prompt: string; chosen: string };
    const readMs = performance.now() - t0;
    t0 = performance.now();
    const item = encodeChatItem([{ role: 'user', content: row.prompt }], row.chosen, DEFAULT_CHAT_FORMAT);
    const encodeMs = performance.now() - t0;
    if (item.ids.length === 0) throw new Error('no ids');
    console.log(
      `| ${name} | ${readMs.toFixed(0)} ms | ${encodeMs.toFixed(0)} ms | ${(encodeMs / readMs).toFixed(2)}x |`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
