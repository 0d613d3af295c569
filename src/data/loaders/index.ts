// Loaders of the real offline source files (data/sources.json): one small module per source format, and a registry
// that loads any manifest id into a LoadReport.
import type { LoadReport } from '../loadReport.js';
import { listSources } from '../sources.js';
import { ALPACAEVAL_SAMPLES, loadAlpacaEvalFile } from './alpacaEval.js';
import { loadGsm8kSolutions } from './gsm8k.js';
import { HH_IDS, loadHhRlhf } from './hhRlhf.js';
import { HEP_LANGUAGES, loadHumanEvalPack, type HepLanguage } from './humanEvalPack.js';
import { JUDGEBENCH_PAIR_IDS, JUDGEBENCH_SCORE_IDS, loadJudgeBench, loadJudgeBenchRewardScores } from './judgeBench.js';
import { LLMBAR_PROCESSED, LLMBAR_SUBSETS, loadLlmBar } from './llmbar.js';
import { loadMagpiePo } from './magpie.js';
import { loadMtBenchQuestions } from './mtBench.js';
import { loadPandaLM } from './pandalm.js';
import { loadRmBench, RMBENCH_IDS } from './rmBench.js';
import { loadUltraFeedback, ULTRAFEEDBACK_IDS } from './ultraFeedback.js';
import { loadXsTest, loadXsTestCompletions, XSTEST_MODELS } from './xstest.js';
import type { ReadOptions } from '../read/problem.js';

export * from './merge.js';
export * from './llmbar.js';
export * from './humanEvalPack.js';
export * from './xstest.js';
export * from './rmBench.js';
export * from './judgeBench.js';
export * from './mtBench.js';
export * from './hhRlhf.js';
export * from './gsm8k.js';
export * from './pandalm.js';
export * from './ultraFeedback.js';
export * from './alpacaEval.js';
export * from './magpie.js';

/** What loading a source id yields. */
export type SourceKind =
  | 'preference-pairs'
  | 'alpacaeval-judgements'
  | 'response-groups'
  | 'xstest-completions'
  | 'rmbench-items'
  | 'judgebench-pairs'
  | 'judgebench-scores'
  | 'mtbench-questions';

interface Entry {
  kind: SourceKind;
  load: (options: ReadOptions) => Promise<LoadReport<unknown>>;
}

function registry(): Map<string, Entry> {
  const r = new Map<string, Entry>();
  const add = (id: string, kind: SourceKind, load: Entry['load']) => r.set(id, { kind, load });
  for (const id of HH_IDS) add(id, 'preference-pairs', (o) => loadHhRlhf(id, o));
  add('gsm8k-model-solutions', 'preference-pairs', (o) => loadGsm8kSolutions(o));
  add('pandalm-testset', 'preference-pairs', (o) => loadPandaLM(o));
  for (const id of [...LLMBAR_PROCESSED, ...Object.keys(LLMBAR_SUBSETS)])
    add(id, 'preference-pairs', (o) => loadLlmBar(id, o));
  for (const id of ULTRAFEEDBACK_IDS) add(id, 'preference-pairs', (o) => loadUltraFeedback(id, o));
  for (let k = 0; k < ALPACAEVAL_SAMPLES; k++)
    add(`alpacaeval-bon-${k}`, 'alpacaeval-judgements', (o) => loadAlpacaEvalFile(k, o));
  add('magpie-po-example', 'response-groups', (o) => loadMagpiePo(o));
  for (const lang of HEP_LANGUAGES)
    add(`humanevalpack-${lang}`, 'preference-pairs', (o) => loadHumanEvalPack(lang as HepLanguage, o));
  add('xstest-prompts', 'preference-pairs', (o) => loadXsTest(o));
  for (const m of XSTEST_MODELS)
    add(`xstest-completions-${m}`, 'xstest-completions', (o) => loadXsTestCompletions(m, o));
  for (const id of Object.keys(RMBENCH_IDS)) add(id, 'rmbench-items', (o) => loadRmBench(id, o));
  for (const id of JUDGEBENCH_PAIR_IDS) add(id, 'judgebench-pairs', (o) => loadJudgeBench(id, o));
  for (const id of JUDGEBENCH_SCORE_IDS) add(id, 'judgebench-scores', (o) => loadJudgeBenchRewardScores(id, o));
  add('mtbench-questions', 'mtbench-questions', (o) => loadMtBenchQuestions(o));
  return r;
}

let table: Map<string, Entry> | undefined;

function entry(id: string): Entry {
  table ??= registry();
  const e = table.get(id);
  if (!e) {
    const known = listSources().map((s) => s.id);
    throw new Error(
      known.includes(id) ? `source "${id}" has no loader` : `unknown source "${id}"; known: ${known.join(', ')}`,
    );
  }
  return e;
}

/** The ids the registry can load (every id in data/sources.json). */
export function loadableSourceIds(): string[] {
  table ??= registry();
  return [...table.keys()];
}

/** What `loadSourceById(id)` returns items of. */
export function sourceKind(id: string): SourceKind {
  return entry(id).kind;
}

/** Load one manifest source into its LoadReport (items typed by `sourceKind(id)`). */
export function loadSourceById(id: string, options: ReadOptions = {}): Promise<LoadReport<unknown>> {
  return entry(id).load(options);
}
