// Real HH-RLHF pairs for tests, read from the verified offline mirror with a deliberately tiny parser (the
// loaders in src/data/loaders are tested on their own; these tests must not depend on them).
// HH-RLHF rows are {"chosen": "\n\nHuman: ...\n\nAssistant: ...", "rejected": ...}: the shared dialogue prefix is
// the prompt, the final Assistant turn of each side is the response.
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { resolveSource } from '../../src/data/sources.js';
import type { Message, PreferencePair } from '../../src/data/schema.js';

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
