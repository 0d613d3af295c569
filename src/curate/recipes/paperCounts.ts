// The paper's published counts, labelled as the paper's (paper-facts §1). Source names are the ones the HF recipes
// write in the mix's `source` column.
import { MAGPIE_SOURCES } from '../select.js';

export const HF_SOURCES = {
  helpsteer2: 'helpsteer2',
  offsetbias: 'offsetbias',
  wildguardmix: 'wildguardmix',
  ...MAGPIE_SOURCES,
} as const;

/** Skywork-Reward-Preference-80K-v0.1, paper Table 1 [T]; total 81,973 also on the HF card [A]. */
export const PAPER_TABLE1_V01: Readonly<Record<string, number>> = {
  [HF_SOURCES.helpsteer2]: 7221,
  [HF_SOURCES.offsetbias]: 8504,
  [HF_SOURCES.wildguardmix]: 6709,
  [HF_SOURCES.ultra]: 27785,
  [HF_SOURCES.proLlama3]: 2030,
  [HF_SOURCES.proLlama31]: 29682,
  [HF_SOURCES.air]: 42,
};

/** v0.2: 4,957 Magpie Ultra pairs removed [A]; the per-source split is derived [C] (only Ultra changes). */
export const PAPER_V02_REMOVED_ULTRA = 4957;
export const PAPER_TABLE1_V02: Readonly<Record<string, number>> = {
  ...PAPER_TABLE1_V01,
  [HF_SOURCES.ultra]: PAPER_TABLE1_V01[HF_SOURCES.ultra] - PAPER_V02_REMOVED_ULTRA,
};

/** The pool before selection ("Preference 378K"), per secondary source only [S] (paper-facts §1.3). */
export const PAPER_POOL_378K: Readonly<Record<string, number>> = {
  [HF_SOURCES.proLlama31]: 98000,
  [HF_SOURCES.proLlama3]: 98000,
  [HF_SOURCES.air]: 98000,
  [HF_SOURCES.ultra]: 50000,
  [HF_SOURCES.wildguardmix]: 18548,
  [HF_SOURCES.offsetbias]: 8504,
  [HF_SOURCES.helpsteer2]: 7221,
};

export function paperCheck(expected: Readonly<Record<string, number>>, ours: Record<string, number>) {
  return Object.keys(expected).map((source) => ({
    source,
    paper: expected[source],
    ours: ours[source] ?? 0,
    diff: (ours[source] ?? 0) - expected[source],
  }));
}
