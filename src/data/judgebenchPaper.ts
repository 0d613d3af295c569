// The JudgeBench paper's (Tan et al., ICLR 2025) Table 3 for the five reward models whose real scores the offline
// mirror holds, keyed by their score ids (loaders/judgeBench.ts). Published numbers, labelled as JudgeBench's, kept
// below evaluation (which cross-checks its reference leaderboard against them) and reports (which print them beside
// models scored here).

/** JudgeBench paper Table 3 (GPT-4o response pairs), percent: the published numbers we cross-check against. */
export const JUDGEBENCH_PAPER_TABLE3: Record<
  string,
  { knowledge: number; reasoning: number; math: number; coding: number; overall: number }
> = {
  'judgebench-rm-skywork-gemma-2-27b': {
    knowledge: 59.74,
    reasoning: 66.33,
    math: 83.93,
    coding: 50.0,
    overall: 64.29,
  },
  'judgebench-rm-skywork-llama-3.1-8b': {
    knowledge: 59.09,
    reasoning: 64.29,
    math: 76.79,
    coding: 50.0,
    overall: 62.29,
  },
  'judgebench-rm-internlm2-20b': { knowledge: 62.34, reasoning: 69.39, math: 66.07, coding: 50.0, overall: 63.43 },
  'judgebench-rm-internlm2-7b': { knowledge: 56.49, reasoning: 61.22, math: 71.43, coding: 50.0, overall: 59.43 },
  'judgebench-rm-grm-gemma-2b': { knowledge: 62.99, reasoning: 53.06, math: 64.29, coding: 54.76, overall: 59.43 },
};
