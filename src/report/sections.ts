// RewardBench's four sections (paper-facts §7.3) and the score as their unweighted mean, as the Skywork paper reports
// it.

export const SECTIONS = ['Chat', 'Chat Hard', 'Safety', 'Reasoning'] as const;
export type SectionName = (typeof SECTIONS)[number];
export type SectionScores = Record<SectionName, number>;

/** Unweighted mean of the four sections: the score the Skywork paper and the Sept-Oct 2024 leaderboard print. */
export function meanOfSections(sections: SectionScores): number {
  return SECTIONS.reduce((sum, s) => sum + sections[s], 0) / SECTIONS.length;
}
