// Rewards computed elsewhere (a real reward model scored on a GPU cluster) as a score table: scores.jsonl holds one
// line per benchmark pair, {"id": ..., "chosen": r_c, "rejected": r_r}, keyed by the pair ids that
// `rmw export bench` wrote. A RewardScorer backed by the table sends such a model through exactly the evaluation
// code our own models go through: the same pairs, the strict chosen > rejected rule, the same bootstrap and baselines.
// Other fields on a line (e.g. the model name the scoring script adds) are allowed and not read.
import { parseJsonl } from '../data/io/jsonl.js';
import { readTextFile } from '../data/io/files.js';
import type { RewardScorer, ScoringItem } from '../model/types.js';
import { InputError } from '../util/errors.js';
import { sha256Hex } from '../util/hash.js';

export interface PairScores {
  chosen: number;
  rejected: number;
}

export interface ScoreTable {
  file: string;
  /** sha256 of the file's text, so a result names exactly the scores it was computed from. */
  sha256: string;
  scores: Map<string, PairScores>;
}

/** Parses scores.jsonl text; the first bad line is an InputError naming the file, line and field. */
export function parseScoresJsonl(text: string, file: string): ScoreTable {
  const scores = new Map<string, PairScores>();
  for (const { line, value } of parseJsonl(text, file)) {
    const at = (field?: string) => ({ file, row: line, rowKind: 'line' as const, field });
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw new InputError(at(), 'expected a JSON object {"id", "chosen", "rejected"}');
    const rec = value as Record<string, unknown>;
    if (typeof rec.id !== 'string' || rec.id === '')
      throw new InputError(at('id'), `expected the pair id as a non-empty string, got ${JSON.stringify(rec.id)}`);
    const reward = (field: 'chosen' | 'rejected') => {
      const v = rec[field];
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new InputError(at(field), `expected a finite number (the reward), got ${JSON.stringify(v) ?? 'nothing'}`);
      return v;
    };
    const pair = { chosen: reward('chosen'), rejected: reward('rejected') };
    if (scores.has(rec.id)) throw new InputError(at('id'), `pair id "${rec.id}" appears twice`);
    scores.set(rec.id, pair);
  }
  return { file, sha256: sha256Hex(text), scores };
}

export function readScoresJsonl(path: string): ScoreTable {
  return parseScoresJsonl(readTextFile(path), path);
}

export interface ScoreCoverage {
  /** Benchmark pairs with a score (all of them, or checkScoreCoverage throws). */
  used: number;
  /** Score lines whose id is not a pair of this benchmark (reported, not read). */
  unused: number;
  firstUnused?: string;
}

/** Every benchmark pair must have a score: otherwise an error naming the first missing id and how many miss. */
export function checkScoreCoverage(table: ScoreTable, benchIds: readonly string[], bench: string): ScoreCoverage {
  const missing = benchIds.filter((id) => !table.scores.has(id));
  if (missing.length) {
    throw new InputError(
      { file: table.file },
      `${missing.length} of ${benchIds.length} ${bench} pairs have no score; the first missing id is "${missing[0]}"` +
        ` (score the pairs that \`rmw export bench ${bench}\` writes; the scoring script resumes where it stopped)`,
    );
  }
  const ids = new Set(benchIds);
  const unused = [...table.scores.keys()].filter((id) => !ids.has(id));
  return { used: benchIds.length, unused: unused.length, ...(unused.length ? { firstUnused: unused[0] } : {}) };
}

/** A scorer that answers from the table by pair id and side; an item without a known pair id is an error. */
export function scoreTableScorer(table: ScoreTable, name: string): RewardScorer {
  return {
    name,
    async score(items: ScoringItem[]) {
      return Float64Array.from(items, (it) => {
        if (!it.pair) throw new Error(`scorer "${name}" reads rewards by pair id, and an item came without one`);
        const s = table.scores.get(it.pair.id);
        if (!s) throw new InputError({ file: table.file }, `no score for pair id "${it.pair.id}"`);
        return s[it.pair.side];
      });
    },
  };
}
