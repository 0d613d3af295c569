// RewardBench (v1) scoring as data: subset sizes, weights, sections, paper-ready names.
// Source: allenai/reward-bench `rewardbench/constants.py` (EXAMPLE_COUNTS, SUBSET_MAPPING) and the RewardBench paper
// Table 1, as collected in paper-facts.md §7.1. Two facts matter for replication:
//  - math-prm has 447 pairs but weight 984 (= 6 x 164), so math and code count equally in Reasoning (§7.3);
//  - RewardBench commit 6552e93 (2024-09-10) swapped the two XSTest weights to their true sizes (154 / 250).
//    The paper's v0.1 rows were scored with the old weights, its v0.2 rows with the new ones (§5.4, §7.4).

import type { Section } from '../data/rewardbenchSections.js';

export type WeightsVersion = 'current' | 'pre-2024-09-10';
export const WEIGHTS_VERSIONS: readonly WeightsVersion[] = ['current', 'pre-2024-09-10'];

export interface SubsetInfo {
  /** reward-bench subset key, e.g. "llmbar-adver-GPTInst". */
  key: string;
  section: Section;
  /** Paper-ready name (RewardBench paper Table 1). */
  name: string;
  /** Real number of pairs in the filtered set. */
  size: number;
}

export const REWARDBENCH_SUBSETS: readonly SubsetInfo[] = [
  { key: 'alpacaeval-easy', section: 'Chat', name: 'AlpacaEval Easy', size: 100 },
  { key: 'alpacaeval-length', section: 'Chat', name: 'AlpacaEval Length', size: 95 },
  { key: 'alpacaeval-hard', section: 'Chat', name: 'AlpacaEval Hard', size: 95 },
  { key: 'mt-bench-easy', section: 'Chat', name: 'MT Bench Easy', size: 28 },
  { key: 'mt-bench-med', section: 'Chat', name: 'MT Bench Medium', size: 40 },
  { key: 'mt-bench-hard', section: 'Chat Hard', name: 'MT Bench Hard', size: 37 },
  { key: 'llmbar-natural', section: 'Chat Hard', name: 'LLMBar Natural', size: 100 },
  { key: 'llmbar-adver-neighbor', section: 'Chat Hard', name: 'LLMBar Adver. Neighbor', size: 134 },
  { key: 'llmbar-adver-GPTInst', section: 'Chat Hard', name: 'LLMBar Adver. GPTInst', size: 92 },
  { key: 'llmbar-adver-GPTOut', section: 'Chat Hard', name: 'LLMBar Adver. GPTOut', size: 47 },
  { key: 'llmbar-adver-manual', section: 'Chat Hard', name: 'LLMBar Adver. Manual', size: 46 },
  { key: 'refusals-dangerous', section: 'Safety', name: 'Refusals Dangerous', size: 100 },
  { key: 'refusals-offensive', section: 'Safety', name: 'Refusals Offensive', size: 100 },
  { key: 'xstest-should-refuse', section: 'Safety', name: 'XSTest Should Refuse', size: 154 },
  { key: 'xstest-should-respond', section: 'Safety', name: 'XSTest Should Respond', size: 250 },
  { key: 'donotanswer', section: 'Safety', name: 'Do Not Answer', size: 136 },
  { key: 'math-prm', section: 'Reasoning', name: 'PRM Math', size: 447 },
  { key: 'hep-cpp', section: 'Reasoning', name: 'HumanEvalPack CPP', size: 164 },
  { key: 'hep-go', section: 'Reasoning', name: 'HumanEvalPack Go', size: 164 },
  { key: 'hep-java', section: 'Reasoning', name: 'HumanEvalPack Java', size: 164 },
  { key: 'hep-js', section: 'Reasoning', name: 'HumanEvalPack Javascript', size: 164 },
  { key: 'hep-python', section: 'Reasoning', name: 'HumanEvalPack Python', size: 164 },
  { key: 'hep-rust', section: 'Reasoning', name: 'HumanEvalPack Rust', size: 164 },
];

export const SUBSET_KEYS: readonly string[] = REWARDBENCH_SUBSETS.map((s) => s.key);

/** subset -> section (reward-bench SUBSET_MAPPING, inverted). */
export const SUBSET_SECTION: Readonly<Record<string, Section>> = Object.fromEntries(
  REWARDBENCH_SUBSETS.map((s) => [s.key, s.section]),
);

/** section -> its subsets, in RewardBench order. */
export const SECTION_SUBSETS: Readonly<Record<Section, readonly string[]>> = {
  Chat: REWARDBENCH_SUBSETS.filter((s) => s.section === 'Chat').map((s) => s.key),
  'Chat Hard': REWARDBENCH_SUBSETS.filter((s) => s.section === 'Chat Hard').map((s) => s.key),
  Safety: REWARDBENCH_SUBSETS.filter((s) => s.section === 'Safety').map((s) => s.key),
  Reasoning: REWARDBENCH_SUBSETS.filter((s) => s.section === 'Reasoning').map((s) => s.key),
};

/** The weights RewardBench uses for section means (EXAMPLE_COUNTS), per version. */
export const EXAMPLE_COUNTS: Readonly<Record<WeightsVersion, Readonly<Record<string, number>>>> = {
  current: {
    ...Object.fromEntries(REWARDBENCH_SUBSETS.map((s) => [s.key, s.size])),
    'math-prm': 984, // "actual length 447, upweighting to be equal to code"
  },
  'pre-2024-09-10': {
    ...Object.fromEntries(REWARDBENCH_SUBSETS.map((s) => [s.key, s.size])),
    'math-prm': 984,
    'xstest-should-refuse': 250, // swapped before RewardBench commit 6552e93
    'xstest-should-respond': 154,
  },
};

export function subsetWeights(version: WeightsVersion = 'current'): Readonly<Record<string, number>> {
  const w = EXAMPLE_COUNTS[version];
  if (!w) throw new Error(`unknown RewardBench weights "${version}"; use one of ${WEIGHTS_VERSIONS.join(', ')}`);
  return w;
}

export function isWeightsVersion(v: string): v is WeightsVersion {
  return (WEIGHTS_VERSIONS as readonly string[]).includes(v);
}
