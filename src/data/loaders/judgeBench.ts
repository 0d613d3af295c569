// JudgeBench (Tan et al., 2024): response pairs whose label is objective correctness (knowledge, reasoning, math,
// coding), and the real reward scores five public reward models gave the 350 gpt-4o pairs.
// Pairs are kept A/B as published (label "A>B" or "B>A"); turn them into chosen/rejected downstream if needed.
// Reference-score files hold two trials per pair: trial 0 scores [A, B] in the published order, trial 1 the swapped
// presentation, scores [B, A] (for these reward models trial 1 mirrors trial 0 exactly). `decision` is as written.
import type { LoadReport } from '../loadReport.js';
import { readJsonlRecords } from '../read/jsonl.js';
import { list, obj, text } from '../read/getters.js';
import { RowProblem, type RawRecord, type ReadOptions } from '../read/problem.js';
import { eachRecord } from '../read/walk.js';
import { openSource } from './openSource.js';

export type JudgeBenchPairLabel = 'A>B' | 'B>A';
export type JudgeBenchPairCategory = 'knowledge' | 'reasoning' | 'math' | 'coding';

export interface JudgeBenchPair {
  pair_id: string;
  /** The upstream benchmark's id; null where JudgeBench gives none (LiveBench, LiveCodeBench rows). */
  original_id: string | null;
  /** JudgeBench's source, e.g. `mmlu-pro-law`, `livebench-math`, `livecodebench`. */
  source: string;
  /** JudgeBench's four categories: mmlu-pro-* = knowledge, livebench-reasoning, livebench-math, livecodebench = coding.
   * */
  category: JudgeBenchPairCategory;
  responseModel: string;
  question: string;
  responseA: string;
  responseB: string;
  label: JudgeBenchPairLabel;
}

export interface JudgeBenchTrial {
  /** Scores as presented: trial 0 = [A, B]; trial 1 (swapped) = [B, A]. */
  scores: [number, number];
  decision: string;
  swapped: boolean;
}

export interface JudgeBenchRewardScores {
  pair_id: string;
  source: string;
  category: JudgeBenchPairCategory;
  label: JudgeBenchPairLabel;
  judgeModel: string;
  /** Reward of response A and of response B (trial 0). */
  scoreA: number;
  scoreB: number;
  trials: JudgeBenchTrial[];
}

export const JUDGEBENCH_PAIR_IDS = ['judgebench-gpt4o', 'judgebench-claude'];
export const JUDGEBENCH_SCORE_IDS = [
  'judgebench-rm-skywork-gemma-2-27b',
  'judgebench-rm-skywork-llama-3.1-8b',
  'judgebench-rm-internlm2-20b',
  'judgebench-rm-internlm2-7b',
  'judgebench-rm-grm-gemma-2b',
];

export function judgeBenchPairCategory(source: string): JudgeBenchPairCategory {
  if (source.startsWith('mmlu-pro')) return 'knowledge';
  if (source === 'livebench-reasoning') return 'reasoning';
  if (source === 'livebench-math') return 'math';
  if (source === 'livecodebench') return 'coding';
  throw new RowProblem('unknown JudgeBench source', 'source', source);
}

function pairFields(rec: RawRecord): JudgeBenchPair {
  const label = text(rec, 'label');
  if (label !== 'A>B' && label !== 'B>A') throw new RowProblem('label is not A>B or B>A', 'label', label);
  const source = text(rec, 'source');
  // original_id (the upstream benchmark's id) is null for the LiveBench and LiveCodeBench rows.
  const originalId = rec.original_id;
  return {
    pair_id: text(rec, 'pair_id'),
    original_id: typeof originalId === 'string' || typeof originalId === 'number' ? String(originalId) : null,
    source,
    category: judgeBenchPairCategory(source),
    responseModel: text(rec, 'response_model'),
    question: text(rec, 'question'),
    responseA: text(rec, 'response_A'),
    responseB: text(rec, 'response_B'),
    label,
  };
}

export async function loadJudgeBench(id: string, options: ReadOptions = {}): Promise<LoadReport<JudgeBenchPair>> {
  if (!JUDGEBENCH_PAIR_IDS.includes(id))
    throw new Error(`loadJudgeBench: "${id}" is not one of ${JUDGEBENCH_PAIR_IDS.join(', ')}`);
  const { resolved, account } = await openSource<JudgeBenchPair>(id);
  const seen = new Set<string>();
  eachRecord(
    account,
    readJsonlRecords(resolved.path),
    (rec) => {
      const pair = pairFields(rec);
      if (seen.has(pair.pair_id)) throw new RowProblem('duplicate pair_id', 'pair_id', pair.pair_id);
      seen.add(pair.pair_id);
      account.keep(pair);
    },
    options,
  );
  return account.report();
}

function trial(value: unknown, k: number): JudgeBenchTrial {
  if (!value || typeof value !== 'object') throw new RowProblem('judgment is not an object', `judgments[${k}]`);
  const rec = value as RawRecord;
  const judgment = obj(rec, 'judgment');
  const scores = list(judgment, 'scores');
  if (scores.length !== 2 || !scores.every((s) => typeof s === 'number' && Number.isFinite(s))) {
    throw new RowProblem('judgment scores are not two numbers', `judgments[${k}].judgment.scores`);
  }
  return { scores: [scores[0] as number, scores[1] as number], decision: text(rec, 'decision'), swapped: k === 1 };
}

export async function loadJudgeBenchRewardScores(
  id: string,
  options: ReadOptions = {},
): Promise<LoadReport<JudgeBenchRewardScores>> {
  if (!JUDGEBENCH_SCORE_IDS.includes(id)) {
    throw new Error(`loadJudgeBenchRewardScores: "${id}" is not one of ${JUDGEBENCH_SCORE_IDS.join(', ')}`);
  }
  const { resolved, account } = await openSource<JudgeBenchRewardScores>(id);
  eachRecord(
    account,
    readJsonlRecords(resolved.path),
    (rec) => {
      const pair = pairFields(rec);
      const judgments = list(rec, 'judgments');
      if (judgments.length === 0) throw new RowProblem('no judgments', 'judgments');
      const trials = judgments.map(trial);
      const first = obj(judgments[0] as RawRecord, 'judgment');
      account.keep({
        pair_id: pair.pair_id,
        source: pair.source,
        category: pair.category,
        label: pair.label,
        judgeModel: text(first, 'judge_model'),
        scoreA: trials[0].scores[0],
        scoreB: trials[0].scores[1],
        trials,
      });
    },
    options,
  );
  return account.report();
}
