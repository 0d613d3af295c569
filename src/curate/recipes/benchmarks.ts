// Every benchmark prompt the workbench holds, gathered for decontaminating training prompts: RewardBench's
// llmbar-* (5) and hep-* (6 languages), the XSTest rebuild, RM-Bench (4 domains), JudgeBench (2) and MT-Bench
// (every turn of the 80 questions). Distinct (benchmark, text) only.
import { lastUserText } from '../../data/schema.js';
import { loadHumanEvalPackAll } from '../../data/loaders/humanEvalPack.js';
import { JUDGEBENCH_PAIR_IDS, loadJudgeBench } from '../../data/loaders/judgeBench.js';
import { LLMBAR_SUBSETS, loadLlmBar } from '../../data/loaders/llmbar.js';
import { loadMtBenchQuestions } from '../../data/loaders/mtBench.js';
import { loadRmBench, RMBENCH_IDS } from '../../data/loaders/rmBench.js';
import { loadXsTest } from '../../data/loaders/xstest.js';
import type { BenchmarkPrompt } from '../decontaminate.js';

export const DECONTAM_BENCHMARKS = ['llmbar', 'hep', 'xstest', 'rmbench', 'judgebench', 'mt-bench'] as const;

export async function loadBenchmarkPrompts(): Promise<BenchmarkPrompt[]> {
  const out: BenchmarkPrompt[] = [];
  const seen = new Set<string>();
  const add = (benchmark: string, id: string, text: string) => {
    const key = `${benchmark}\u0000${text}`;
    if (!text || seen.has(key)) return;
    seen.add(key);
    out.push({ benchmark, id, text });
  };
  for (const id of Object.keys(LLMBAR_SUBSETS))
    for (const p of (await loadLlmBar(id)).items) add('llmbar', p.id, lastUserText(p.prompt));
  for (const p of (await loadHumanEvalPackAll()).items) add('hep', p.id, lastUserText(p.prompt));
  for (const p of (await loadXsTest()).items) add('xstest', p.id, lastUserText(p.prompt));
  for (const id of Object.keys(RMBENCH_IDS))
    for (const it of (await loadRmBench(id)).items) add('rmbench', it.id, it.prompt);
  for (const id of JUDGEBENCH_PAIR_IDS)
    for (const it of (await loadJudgeBench(id)).items) add('judgebench', it.pair_id, it.question);
  for (const q of (await loadMtBenchQuestions()).items)
    q.turns.forEach((t, i) => add('mt-bench', `${q.id}:${i + 1}`, t));
  return out;
}
