// RewardBench's four sections (paper-facts §7.3) and the score as their unweighted mean, as the Skywork paper
// reports it. Defined here, below evaluation (which computes section scores) and reports (which print the paper's
// and ours), so both name the sections from one list.

export const REWARDBENCH_SECTIONS = ['Chat', 'Chat Hard', 'Safety', 'Reasoning'] as const;
export type Section = (typeof REWARDBENCH_SECTIONS)[number];
export type SectionScores = Record<Section, number>;

/** Unweighted mean of the four sections: the score the Skywork paper and the Sept-Oct 2024 leaderboard print. */
export function meanOfSections(sections: SectionScores): number {
  return REWARDBENCH_SECTIONS.reduce((sum, s) => sum + sections[s], 0) / REWARDBENCH_SECTIONS.length;
}
