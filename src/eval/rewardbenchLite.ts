// RewardBench-lite: as much of RewardBench as the real offline data rebuilds, every subset tagged.
//   exact        llmbar-* (LLMBar's own files = RewardBench's 5 subsets), hep-* (HumanEvalPack canonical vs buggy
//                solution, RewardBench's prompt form: the data loader builds it)
//   approximate  xstest-should-respond / -should-refuse: the same XSTest prompts, one pair per prompt rebuilt from the
//                five published XSTest v2 completion files with their human labels (rule in src/data/loaders/xstest.ts)
//   proxy        alpacaeval-* <- RM-Bench chat (RewardBench's AlpacaEval prompts; chosen vs a copy with an injected
//                error, both in RM-Bench's "detailed plain text" style, index 1); refusals-* <- RM-Bench safety-refuse
//                items whose RM-Bench subset is refusals-dangerous / refusals-offensive (refusal vs compliance, style
// 1);
//                math-prm <- held-out GSM8K split (gold or correct model solution vs a wrong one), when supplied
//   missing      mt-bench-easy/med/hard, donotanswer (no real offline data with RewardBench's pairs)
// Lite score: RewardBench's section formula, each lite subset weighted by the EXAMPLE_COUNTS of the subsets it stands
// for, over the subsets present; the four sections are averaged as RewardBench does. Sections missing subsets are
// listed as partial in the result notes.
import { loadHumanEvalPack, HEP_LANGUAGES } from '../data/loaders/humanEvalPack.js';
import { loadLlmBar, LLMBAR_SUBSETS } from '../data/loaders/llmbar.js';
import { loadRmBench, type RmBenchItem } from '../data/loaders/rmBench.js';
import { loadXsTest } from '../data/loaders/xstest.js';
import { userPrompt, type PreferencePair } from '../data/schema.js';
import type { BenchSubset, EvalPair } from './benchmark.js';
import type { PairwiseBenchmark } from './evaluate.js';
import { REWARDBENCH_SECTIONS, meanOfSections, type Section } from '../data/rewardbenchSections.js';
import { SECTION_SUBSETS, SUBSET_SECTION, subsetWeights, type WeightsVersion } from './rewardbenchConstants.js';

/** RM-Bench style used for one-pair-per-prompt proxies: [0] concise, [1] detailed plain text, [2] markdown. */
export const PROXY_STYLE = 1;

function asEvalPair(p: PreferencePair): EvalPair {
  return { id: p.id, prompt: p.prompt, chosen: p.chosen, rejected: p.rejected };
}

function rmBenchPair(it: RmBenchItem): EvalPair {
  return {
    id: it.id,
    prompt: userPrompt(it.prompt),
    chosen: it.chosen[PROXY_STYLE],
    rejected: it.rejected[PROXY_STYLE],
  };
}

export interface LiteOptions {
  /** Held-out GSM8K pairs for the math-prm proxy (e.g. curation's held-out split); omitted -> math-prm missing. */
  mathPairs?: PreferencePair[];
  /** Held-out in-distribution pairs per training source: reported, not counted in the lite score. */
  heldOut?: Record<string, PreferencePair[]>;
  weights?: WeightsVersion;
}

export async function buildRewardBenchLiteSubsets(options: LiteOptions = {}): Promise<BenchSubset[]> {
  const out: BenchSubset[] = [];
  const chat = (await loadRmBench('rmbench-chat')).items;
  out.push({
    key: 'alpacaeval (proxy)',
    tag: 'proxy',
    standsFor: ['alpacaeval-easy', 'alpacaeval-length', 'alpacaeval-hard'],
    rule:
      'RM-Bench chat: RewardBench AlpacaEval prompts, correct response vs the same with an injected error, ' +
      'both in RM-Bench style 1 (detailed plain text)',
    sources: ['rmbench-chat'],
    pairs: chat.map(rmBenchPair),
  });
  for (const [id, key] of Object.entries(LLMBAR_SUBSETS)) {
    out.push({
      key,
      tag: 'exact',
      rule: 'LLMBar dataset file = the RewardBench subset',
      sources: [id],
      pairs: (await loadLlmBar(id)).items.map(asEvalPair),
    });
  }
  const refuse = (await loadRmBench('rmbench-safety-refuse')).items.filter((it) => it.subset.startsWith('refusals-'));
  out.push({
    key: 'refusals (proxy)',
    tag: 'proxy',
    standsFor: ['refusals-dangerous', 'refusals-offensive'],
    rule:
      'RM-Bench safety-refuse items from RewardBench refusals-dangerous/-offensive prompts: refusal vs ' +
      'compliance, RM-Bench style 1',
    sources: ['rmbench-safety-refuse'],
    pairs: refuse.map(rmBenchPair),
  });
  const xs = (await loadXsTest()).items;
  for (const key of ['xstest-should-refuse', 'xstest-should-respond']) {
    out.push({
      key,
      tag: 'approximate',
      rule:
        'XSTest prompts, one pair per prompt from the 5 published v2 completion files by human label ' +
        '(src/data/loaders/xstest.ts)',
      sources: ['xstest-prompts', 'xstest-completions-*'],
      pairs: xs.filter((p) => p.subset === key).map(asEvalPair),
    });
  }
  if (options.mathPairs && options.mathPairs.length) {
    out.push({
      key: 'math-prm (proxy)',
      tag: 'proxy',
      standsFor: ['math-prm'],
      rule: 'held-out GSM8K split (prompt hash): correct solution vs a wrong model solution',
      sources: ['gsm8k-model-solutions'],
      pairs: options.mathPairs.map(asEvalPair),
    });
  }
  for (const lang of HEP_LANGUAGES) {
    out.push({
      key: `hep-${lang}`,
      tag: 'exact',
      rule: 'HumanEvalPack canonical vs buggy solution, RewardBench prompt form',
      sources: [`humanevalpack-${lang}`],
      pairs: (await loadHumanEvalPack(lang)).items.map(asEvalPair),
    });
  }
  for (const [source, pairs] of Object.entries(options.heldOut ?? {})) {
    if (pairs.length === 0) continue;
    out.push({
      key: `held-out:${source}`,
      tag: 'in-distribution',
      rule: 'fixed held-out split of a training source (prompt hash), never trained on',
      sources: [source],
      pairs: pairs.map(asEvalPair),
    });
  }
  return out;
}

/** RewardBench's section formula over lite subsets: weight = sum of EXAMPLE_COUNTS of the subsets each stands for. */
export function liteSectionScores(
  subsets: readonly Pick<BenchSubset, 'key' | 'standsFor'>[],
  acc: Record<string, number>,
  weights: WeightsVersion = 'current',
): Record<Section | 'score', number> {
  const w = subsetWeights(weights);
  const num: Record<string, number> = {};
  const den: Record<string, number> = {};
  for (const s of subsets) {
    if (acc[s.key] === undefined) continue;
    const stands = s.standsFor ?? [s.key];
    const section = SUBSET_SECTION[stands[0]];
    if (!section) continue;
    const weight = stands.reduce((a, k) => a + w[k], 0);
    num[section] = (num[section] ?? 0) + acc[s.key] * weight;
    den[section] = (den[section] ?? 0) + weight;
  }
  const out = {} as Record<Section | 'score', number>;
  for (const sec of REWARDBENCH_SECTIONS) out[sec] = den[sec] ? num[sec] / den[sec] : 0;
  out.score = meanOfSections(out);
  return out;
}

/** RewardBench subsets no lite subset stands for, by section. */
export function liteMissing(subsets: readonly Pick<BenchSubset, 'key' | 'standsFor'>[]): Record<Section, string[]> {
  const covered = new Set(subsets.flatMap((s) => s.standsFor ?? [s.key]));
  const out = {} as Record<Section, string[]>;
  for (const sec of REWARDBENCH_SECTIONS) out[sec] = SECTION_SUBSETS[sec].filter((k) => !covered.has(k));
  return out;
}

export async function rewardBenchLite(options: LiteOptions = {}): Promise<PairwiseBenchmark> {
  const subsets = await buildRewardBenchLiteSubsets(options);
  const scored = subsets.filter((s) => s.tag !== 'in-distribution');
  const missing = liteMissing(scored);
  const notes = REWARDBENCH_SECTIONS.filter((sec) => missing[sec].length).map(
    (sec) => `${sec} is partial: missing ${missing[sec].join(', ')}`,
  );
  notes.push(
    'proxy subsets are weighted by the RewardBench subsets they stand for; in-distribution subsets are not in ' +
      'the score',
  );
  return {
    name: 'rewardbench-lite',
    subsets,
    reportOnly: (s) => s.tag === 'in-distribution',
    metrics: (acc) => liteSectionScores(scored, acc, options.weights ?? 'current'),
    notes,
  };
}
