// Tiny fixture builders for curation tests.
import type { PreferencePair, ResponseGroup } from '../../src/data/schema.js';

export function pair(id: string, source: string, prompt: string, extra: Partial<PreferencePair> = {}): PreferencePair {
  return {
    id,
    source,
    prompt: [{ role: 'user', content: prompt }],
    chosen: `good ${id}`,
    rejected: `bad ${id}`,
    ...extra,
  };
}

export function group(id: string, scores: (number | undefined)[], extra: Partial<ResponseGroup> = {}): ResponseGroup {
  return {
    id,
    source: 'fixture',
    prompt: [{ role: 'user', content: `prompt ${id}` }],
    responses: scores.map((s, i) => ({ text: `${id} response ${i}`, ...(s === undefined ? {} : { score: s }) })),
    ...extra,
  };
}
