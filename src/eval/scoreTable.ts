// Rewards computed elsewhere (a real reward model scored on a GPU cluster) as a score table: scores.jsonl holds one
// line per benchmark pair, {"id": ..., "chosen": r_c, "rejected": r_r}, keyed by the pair ids that
// `rmw export bench` wrote. A RewardScorer backed by the table sends such a model through exactly the evaluation
// code our own models go through: the same pairs, the strict chosen > rejected rule, the same bootstrap and baselines.
// A line may name the model that scored it ("model", with "revision" when known, as score_pairs.py writes them): the
// table keeps which models its lines name, so a file mixing two models can be refused (src/export/scoreChecks.ts).
// Other fields on a line are allowed and not read.
import { describeValue } from '../data/read/getters.js';
import { jsonlRecords } from '../data/read/jsonl.js';
import { RowProblem, type SourceRecord } from '../data/read/problem.js';
import { readTextMarked } from '../data/read/text.js';
import { rowError, tryRecord } from '../data/read/walk.js';
import type { RewardScorer, ScoringItem } from '../model/types.js';
import { InputError } from '../util/errors.js';
import { sha256File, sha256Hex } from '../util/hash.js';

export interface PairScores {
  chosen: number;
  rejected: number;
}

export interface ScoreTable {
  file: string;
  /** sha256 of the file, so a result names exactly the scores it was computed from. */
  sha256: string;
  scores: Map<string, PairScores>;
  /** The models the lines name ("name@revision" when a revision is given): lines and the first line of each. */
  models: Map<string, { lines: number; firstLine: number }>;
  /** Lines that name no model. */
  unnamedLines: number;
}

/** "name@revision" of a line, or undefined when it names no model; a model field that is not text is a problem. */
function lineModel(v: Record<string, unknown>): string | undefined {
  if (v.model === undefined || v.model === null) return undefined;
  if (typeof v.model !== 'string' || v.model === '')
    throw new RowProblem('wrong-type', 'model', `expected the model name as text, got ${describeValue(v.model)}`);
  if (v.revision !== undefined && v.revision !== null && typeof v.revision !== 'string')
    throw new RowProblem(
      'wrong-type',
      'revision',
      `expected the model revision as text, got ${describeValue(v.revision)}`,
    );
  return v.revision ? `${v.model}@${v.revision}` : v.model;
}

/** Score lines as a table, strictly: the first bad line is an InputError naming the file, line and field. */
function scoresFromRecords(records: readonly SourceRecord[], file: string, sha256: string): ScoreTable {
  const scores = new Map<string, PairScores>();
  const models = new Map<string, { lines: number; firstLine: number }>();
  let unnamedLines = 0;
  for (const rec of records) {
    const problem = tryRecord(rec, (v) => {
      if (typeof v.id !== 'string' || v.id === '')
        throw new RowProblem(
          'wrong-type',
          'id',
          `expected the pair id as a non-empty string, got ${v.id === undefined ? 'nothing' : describeValue(v.id)}`,
        );
      const reward = (field: 'chosen' | 'rejected') => {
        const x = v[field];
        if (typeof x !== 'number' || !Number.isFinite(x))
          throw new RowProblem(
            x === undefined ? 'missing-field' : 'wrong-type',
            field,
            `expected a finite number (the reward), got ${x === undefined ? 'nothing' : describeValue(x)}`,
          );
        return x;
      };
      const pair = { chosen: reward('chosen'), rejected: reward('rejected') };
      if (scores.has(v.id)) throw new RowProblem('bad-value', 'id', `pair id "${v.id}" appears twice`);
      const model = lineModel(v);
      if (model === undefined) unnamedLines++;
      else {
        const m = models.get(model);
        if (m) m.lines++;
        else models.set(model, { lines: 1, firstLine: rec.row });
      }
      scores.set(v.id, pair);
    });
    if (problem) throw rowError(file, rec, problem);
  }
  return { file, sha256, scores, models, unnamedLines };
}

/** Parses scores.jsonl text (`file` names it in errors). */
export function parseScoresJsonl(text: string, file: string): ScoreTable {
  refuseNonFinite(text, file);
  return scoresFromRecords(jsonlRecords(text), file, sha256Hex(text));
}

/**
 * Python's json writes a NaN or infinite reward as a bare NaN / Infinity, which is not JSON: name the line and field
 * as a reward the model failed to give, rather than as a corrupt line.
 */
function refuseNonFinite(text: string, file: string): void {
  const re = /"(chosen|rejected)"\s*:\s*(-?Infinity|NaN)\b/;
  let line = 0;
  for (const l of text.split('\n')) {
    line++;
    const m = re.exec(l);
    if (m)
      throw new InputError(
        { file, row: line, rowKind: 'line', field: m[1] },
        `the ${m[1]} reward is ${m[2]}: the model gave no usable reward for this pair; rescore it (score_pairs.py ` +
          'never writes a NaN reward and scores such pairs again on a rerun; try --dtype fp32)',
      );
  }
}

/** Reads scores.jsonl (plain or gzip) through the one JSON Lines reader. */
export function readScoresJsonl(path: string): ScoreTable {
  const { text, marker } = readTextMarked(path);
  refuseNonFinite(text, path);
  return scoresFromRecords(jsonlRecords(text, marker), path, sha256File(path));
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
