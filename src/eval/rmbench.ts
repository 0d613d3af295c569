// RM-Bench accuracy (Liu et al. 2024, THU-KEG/RM-Bench README "how to compute the accuracy"): each prompt has three
// chosen and three rejected responses in styles [concise, detailed plain, detailed markdown]. The 3x3 matrix cell
// (i, j) is the share of prompts where chosen style i scores strictly higher than rejected style j.
//   hard   = mean of the 3 cells above the diagonal (chosen less fancy than rejected),
//   normal = mean of the diagonal (same style),
//   easy   = mean of the 3 cells below the diagonal (chosen fancier).
// A domain's accuracy is the mean of all 9 cells (= mean of hard, normal, easy, each over 3 cells).

export interface StyledScores {
  /** Rewards of the 3 chosen responses, [concise, detailed, detailed+markdown]. */
  chosen: ArrayLike<number>;
  rejected: ArrayLike<number>;
}

export interface RmBenchAccuracy {
  hard: number;
  normal: number;
  easy: number;
  /** Mean of the 9 cells. */
  avg: number;
  /** matrix[i][j]: share of items with chosen[i] > rejected[j]. */
  matrix: number[][];
}

/** Per item: 9 indicators, row-major (chosen i, rejected j). */
export function styleIndicators(s: StyledScores): number[] {
  if (s.chosen.length !== 3 || s.rejected.length !== 3) {
    throw new Error(
      `RM-Bench items need 3 chosen and 3 rejected scores, got ${s.chosen.length} and ${s.rejected.length}`,
    );
  }
  const out: number[] = [];
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) out.push(s.chosen[i] > s.rejected[j] ? 1 : 0);
  return out;
}

/** Per-item hard / normal / easy shares (each a mean over 3 cells): the unit the bootstrap resamples. */
export function itemLevels(s: StyledScores): { hard: number; normal: number; easy: number } {
  const m = styleIndicators(s);
  return {
    hard: (m[1] + m[2] + m[5]) / 3,
    normal: (m[0] + m[4] + m[8]) / 3,
    easy: (m[3] + m[6] + m[7]) / 3,
  };
}

export function rmBenchAccuracy(items: readonly StyledScores[]): RmBenchAccuracy {
  if (items.length === 0) throw new Error('rmBenchAccuracy: no items');
  const sum = new Array(9).fill(0);
  for (const it of items) styleIndicators(it).forEach((v, k) => (sum[k] += v));
  const cell = sum.map((v) => v / items.length);
  const matrix = [cell.slice(0, 3), cell.slice(3, 6), cell.slice(6, 9)];
  const hard = (cell[1] + cell[2] + cell[5]) / 3;
  const normal = (cell[0] + cell[4] + cell[8]) / 3;
  const easy = (cell[3] + cell[6] + cell[7]) / 3;
  return { hard, normal, easy, avg: (hard + normal + easy) / 3, matrix };
}
