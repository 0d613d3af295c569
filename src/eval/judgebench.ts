// JudgeBench (Tan et al., ICLR 2025) as a pairwise benchmark for our scorers, and its reward-model leaderboard from
// the real scores five reference reward models gave the same 350 gpt-4o pairs (ScalerLab/JudgeBench outputs/),
// scored with the one rule in judgebenchRule.ts.
import {
  loadJudgeBench,
  loadJudgeBenchRewardScores,
  JUDGEBENCH_SCORE_IDS,
  type JudgeBenchPair,
} from '../data/loaders/judgeBench.js';
import { JUDGEBENCH_PAPER_TABLE3 } from '../data/judgebenchPaper.js';
import { userPrompt } from '../data/schema.js';
import type { BenchSubset } from './benchmark.js';
import type { PairwiseBenchmark } from './evaluate.js';
import { JUDGEBENCH_CATEGORIES, judgeBenchPairCorrect } from './judgebenchRule.js';

/** Chosen = the response the label names; the pair id keeps JudgeBench's pair_id. */
function orient(p: JudgeBenchPair) {
  const aWins = p.label === 'A>B';
  return {
    id: p.pair_id,
    prompt: userPrompt(p.question),
    chosen: aWins ? p.responseA : p.responseB,
    rejected: aWins ? p.responseB : p.responseA,
  };
}

/** Overall accuracy = pair-weighted mean of the category accuracies. */
function overallFrom(subsets: readonly BenchSubset[]) {
  return (acc: Record<string, number>) => {
    let num = 0;
    let den = 0;
    for (const s of subsets)
      if (acc[s.key] !== undefined) {
        num += acc[s.key] * s.pairs.length;
        den += s.pairs.length;
      }
    return { overall: den ? num / den : 0 };
  };
}

export async function judgeBenchBenchmark(id = 'judgebench-gpt4o'): Promise<PairwiseBenchmark> {
  const pairs = (await loadJudgeBench(id)).items;
  const subsets: BenchSubset[] = JUDGEBENCH_CATEGORIES.map((cat) => ({
    key: cat,
    tag: 'exact',
    rule:
      'JudgeBench pair: the objectively correct response vs the incorrect one; correct iff reward(correct) > ' +
      'reward(incorrect)',
    sources: [id],
    pairs: pairs.filter((p) => p.category === cat).map(orient),
  }));
  return {
    name: 'judgebench',
    subsets,
    metrics: overallFrom(subsets),
    notes: [
      'JudgeBench rule for reward models reduces to strict chosen > rejected for order-independent scorers ' +
        '(src/eval/judgebenchRule.ts)',
    ],
  };
}

export interface ReferenceRow {
  id: string;
  judgeModel: string;
  /** Correct / pairs per category and overall, by JudgeBench's two-order rule on the stored scores. */
  correct: Record<string, number>;
  n: Record<string, number>;
  accuracy: Record<string, number>;
  /** Pairs where the single-order strict rule (chosen > rejected on the first order) disagrees with the two-order rule.
   * */
  inconsistent: number;
  /** Pairs with an exact tie in at least one stored order (JudgeBench: a tie goes to the second response). */
  tiedPairs: number;
  /** The paper's Table 3 row, percent. */
  paper: Record<string, number>;
}

/** The five reference reward models on the 350 gpt-4o pairs, from their real stored scores. */
export async function judgeBenchReferenceLeaderboard(): Promise<ReferenceRow[]> {
  const rows: ReferenceRow[] = [];
  for (const id of JUDGEBENCH_SCORE_IDS) {
    const items = (await loadJudgeBenchRewardScores(id)).items;
    const correct: Record<string, number> = { overall: 0 };
    const n: Record<string, number> = { overall: 0 };
    let inconsistent = 0;
    let tiedPairs = 0;
    for (const it of items) {
      if (it.trials.some((t) => t.scores[0] === t.scores[1])) tiedPairs++;
      const t0 = it.trials.find((t) => !t.swapped) ?? it.trials[0];
      const t1 = it.trials.find((t) => t.swapped);
      const ok = judgeBenchPairCorrect(it.label, t0.scores, t1?.scores);
      if (t1 && judgeBenchPairCorrect(it.label, t0.scores) !== ok) inconsistent++;
      for (const k of [it.category, 'overall']) {
        n[k] = (n[k] ?? 0) + 1;
        correct[k] = (correct[k] ?? 0) + (ok ? 1 : 0);
      }
    }
    const accuracy = Object.fromEntries(Object.keys(n).map((k) => [k, correct[k] / n[k]]));
    rows.push({
      id,
      judgeModel: items[0]?.judgeModel ?? id,
      correct,
      n,
      accuracy,
      inconsistent,
      tiedPairs,
      paper: JUDGEBENCH_PAPER_TABLE3[id],
    });
  }
  return rows;
}
