// Real HH-RLHF pairs for tests, read from the verified offline mirror with a deliberately tiny parser (the
// loaders in src/data/loaders are tested on their own; these tests must not depend on them).
// HH-RLHF rows are {"chosen": "\n\nHuman: ...\n\nAssistant: ...", "rejected": ...}: the shared dialogue prefix is
// the prompt, the final Assistant turn of each side is the response.
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { resolveSource } from '../../src/data/sources.js';
import type { Message, PreferencePair } from '../../src/data/schema.js';
import { encodePair } from '../../src/model/chatFormat.js';
import type { EncodedPair } from '../../src/model/trainable.js';

function turns(dialogue: string): Message[] {
  const parts = dialogue.split(/\n\n(Human|Assistant): /);
  const out: Message[] = [];
  for (let i = 1; i + 1 < parts.length; i += 2) {
    out.push({ role: parts[i] === 'Human' ? 'user' : 'assistant', content: parts[i + 1] });
  }
  return out;
}

/** The first `n` usable pairs (chosen ≠ rejected, both end with an assistant turn) of an HH-RLHF source. */
export async function hhPairs(sourceId: string, n: number): Promise<PreferencePair[]> {
  const resolved = await resolveSource(sourceId);
  const lines = gunzipSync(readFileSync(resolved.path)).toString('utf8').split('\n');
  const out: PreferencePair[] = [];
  for (let i = 0; i < lines.length && out.length < n; i++) {
    if (!lines[i].trim()) continue;
    const row = JSON.parse(lines[i]) as { chosen: string; rejected: string };
    const c = turns(row.chosen),
      r = turns(row.rejected);
    const last = c.length - 1;
    if (last < 1 || c[last].role !== 'assistant' || r[r.length - 1]?.role !== 'assistant') continue;
    if (c[last].content === r[r.length - 1].content) continue;
    out.push({
      id: `${sourceId}:${i}`,
      source: sourceId,
      prompt: c.slice(0, last),
      chosen: c[last].content,
      rejected: r[r.length - 1].content,
    });
  }
  return out;
}

/** 64 HH-RLHF helpful pairs, encoded for the bag-of-n-grams model: the first 48 to train on, the last 16 held out. */
export async function encodedHhSplit(): Promise<{ train: EncodedPair[]; held: EncodedPair[] }> {
  const enc = (await hhPairs('hh-helpful-base', 64)).map((p) =>
    encodePair(p, { maxTokens: 256, maxResponseTokens: 192 }),
  );
  return { train: enc.slice(0, 48), held: enc.slice(48) };
}
