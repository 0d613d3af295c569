// The scoring set-up check: a user's rewards for JudgeBench's pairs set beside the real rewards a published reward
// model gave the same pairs (the reference scores the workbench ships, ScalerLab/JudgeBench outputs/). If the user
// scored that same model, a correct set-up (chat template, pad token, reward position, attention, truncation) orders
// the pairs as the shipped scores do; a wrong one shows up as pairs ordered the other way, a different ranking of
// the responses, and a different overall accuracy. Run it on a published model before trusting a new model's numbers.
import { SETUP_CHECK_DEFAULTS } from '../config/defaults.js';
import { JUDGEBENCH_SCORE_IDS, loadJudgeBenchRewardScores } from '../data/loaders/judgeBench.js';
import { judgeBenchReferenceLeaderboard } from '../eval/judgebench.js';
import type { ScoreTable } from '../eval/scoreTable.js';
import { InputError } from '../util/errors.js';

export interface AgainstReport {
  reference: { id: string; model: string; overall: number };
  pairs: number;
  /** Pairs ordered the same way (chosen above, below or tied with rejected) by both. */
  agreeing: number;
  pairAgreement: number;
  /** Spearman correlation of the two models' rewards over every response (both sides of every pair). */
  rankCorrelation: number;
  /** The user's overall accuracy minus the reference's (fractions). */
  overallDifference: number;
  reproduces: boolean;
  /** Why not, one line per failed criterion (empty when it reproduces). */
  reasons: string[];
  thresholds: typeof SETUP_CHECK_DEFAULTS;
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9.]+/g, '-');

/** The shipped reference by its Hub name (with or without the organisation) or its source id. */
export async function resolveReference(name: string): Promise<{ id: string; model: string }> {
  const want = norm(name);
  const known: { id: string; model: string }[] = [];
  for (const id of JUDGEBENCH_SCORE_IDS) {
    const model = (await loadJudgeBenchRewardScores(id)).items[0]?.judgeModel ?? id;
    known.push({ id, model });
    const short = model.split('/').pop() ?? model;
    if ([id, model, short].some((x) => norm(x) === want)) return { id, model };
  }
  throw new Error(
    `--against ${name}: no shipped JudgeBench scores for that model; known: ${known.map((k) => k.model).join(', ')}`,
  );
}

/** Average ranks (1-based; ties share their mean rank). */
function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k][1]] = r;
    i = j + 1;
  }
  return out;
}

/** Spearman's rho: Pearson's correlation of the average ranks. */
export function spearman(a: readonly number[], b: readonly number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  const ma = mean(ra);
  const mb = mean(rb);
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < ra.length; i++) {
    num += (ra[i] - ma) * (rb[i] - mb);
    da += (ra[i] - ma) ** 2;
    db += (rb[i] - mb) ** 2;
  }
  return da && db ? num / Math.sqrt(da * db) : 0;
}

/** The user's table against the reference's shipped rewards on every JudgeBench pair; `overall` is the user's. */
export async function compareAgainst(table: ScoreTable, reference: string, overall: number): Promise<AgainstReport> {
  const ref = await resolveReference(reference);
  const items = (await loadJudgeBenchRewardScores(ref.id)).items;
  const board = (await judgeBenchReferenceLeaderboard()).find((r) => r.id === ref.id)!;
  const mine: number[] = [];
  const theirs: number[] = [];
  let agreeing = 0;
  for (const it of items) {
    const s = table.scores.get(it.pair_id);
    if (!s) throw new InputError({ file: table.file }, `no score for JudgeBench pair "${it.pair_id}"`);
    const aWins = it.label === 'A>B';
    const rc = aWins ? it.scoreA : it.scoreB;
    const rr = aWins ? it.scoreB : it.scoreA;
    if (Math.sign(s.chosen - s.rejected) === Math.sign(rc - rr)) agreeing++;
    mine.push(s.chosen, s.rejected);
    theirs.push(rc, rr);
  }
  const t = SETUP_CHECK_DEFAULTS;
  const pairAgreement = agreeing / items.length;
  const rankCorrelation = spearman(mine, theirs);
  const overallDifference = overall - board.accuracy.overall;
  const reasons: string[] = [];
  if (pairAgreement < t.minPairAgreement)
    reasons.push(
      `${items.length - agreeing} of ${items.length} pairs ordered differently ` +
        `(agreement ${(100 * pairAgreement).toFixed(1)}% < ${100 * t.minPairAgreement}%)`,
    );
  if (rankCorrelation < t.minRankCorrelation)
    reasons.push(`rank correlation ${rankCorrelation.toFixed(3)} < ${t.minRankCorrelation}`);
  if (Math.abs(overallDifference) > t.maxOverallDifference)
    reasons.push(
      `overall ${(100 * overall).toFixed(2)} vs ${(100 * board.accuracy.overall).toFixed(2)} ` +
        `(difference ${(100 * overallDifference).toFixed(2)} points > ${100 * t.maxOverallDifference})`,
    );
  return {
    reference: { id: ref.id, model: ref.model, overall: board.accuracy.overall },
    pairs: items.length,
    agreeing,
    pairAgreement,
    rankCorrelation,
    overallDifference,
    reproduces: reasons.length === 0,
    reasons,
    thresholds: t,
  };
}

/** The verdict as lines for the terminal. */
export function againstLines(r: AgainstReport): string[] {
  return [
    `against ${r.reference.model} (shipped JudgeBench scores, overall ${(100 * r.reference.overall).toFixed(2)}):`,
    `  pair agreement ${r.agreeing}/${r.pairs} (${(100 * r.pairAgreement).toFixed(1)}%), rank correlation ` +
      `${r.rankCorrelation.toFixed(3)}, overall difference ${(100 * r.overallDifference).toFixed(2)} points`,
    r.reproduces
      ? '  the scoring set-up reproduces it'
      : `  the scoring set-up does NOT reproduce it: ${r.reasons.join('; ')} (check the chat template, pad ` +
        `token, reward position, attention and truncation)`,
  ];
}
