// Two-stage reward-model filter (paper-facts §2.3, WildGuardMix). A reward model trained on the OTHER sources
// scores both sides of every pair of this source. Stage one drops pairs by a rule (the paper's summaries [S]:
// drop non-adversarial pairs, which an earlier RM already got right); stage two keeps only pairs the model orders
// correctly (chosen score > rejected score, strict: the README's wording [A]). Any RewardScorer can be passed in:
// a trained run, or a plain function in tests. Curation never imports a model implementation.
import type { PreferencePair } from '../data/schema.js';
import type { RewardScorer } from '../model/types.js';
import { DropCounter, stepReport, type StepReport } from './report.js';

export type StageOneRule =
  /** Keep every pair. */
  | { kind: 'none' }
  /** Drop pairs whose meta[field] is not true (default field "adversarial"). */
  | { kind: 'drop-non-adversarial'; field?: string }
  /** Drop pairs the model already separates by at least `margin` (already easy: little to learn). */
  | { kind: 'drop-easy'; margin: number }
  /** Anything else: drop when `drop` says so. */
  | {
      kind: 'custom';
      name: string;
      drop: (pair: PreferencePair, chosenScore: number, rejectedScore: number) => boolean;
    };

export interface TwoStageOptions {
  stageOne?: StageOneRule;
  /** Stage two keeps pairs with chosen - rejected > minMargin (default 0: strictly correct order). */
  minMargin?: number;
  scope?: string;
}

export interface TwoStageResult {
  items: PreferencePair[];
  stageOne: StepReport;
  stageTwo: StepReport;
  /** Scores the model gave, in input order (chosen[i], rejected[i]). */
  chosenScores: Float64Array;
  rejectedScores: Float64Array;
}

function ruleName(rule: StageOneRule): string {
  switch (rule.kind) {
    case 'none':
      return 'none';
    case 'drop-non-adversarial':
      return `drop pairs without meta.${rule.field ?? 'adversarial'} = true`;
    case 'drop-easy':
      return `drop pairs the model already separates by >= ${rule.margin}`;
    case 'custom':
      return rule.name;
  }
}

function stageOneDrops(rule: StageOneRule, p: PreferencePair, c: number, r: number): string | undefined {
  switch (rule.kind) {
    case 'none':
      return undefined;
    case 'drop-non-adversarial':
      return p.meta?.[rule.field ?? 'adversarial'] === true ? undefined : 'non-adversarial';
    case 'drop-easy':
      return c - r >= rule.margin ? 'already easy for the model' : undefined;
    case 'custom':
      return rule.drop(p, c, r) ? rule.name : undefined;
  }
}

export async function twoStageRewardModelFilter(
  pairs: readonly PreferencePair[],
  scorer: RewardScorer,
  options: TwoStageOptions = {},
): Promise<TwoStageResult> {
  const rule = options.stageOne ?? { kind: 'drop-non-adversarial' };
  const minMargin = options.minMargin ?? 0;
  const items = pairs.flatMap((p) => [
    { prompt: p.prompt, response: p.chosen },
    { prompt: p.prompt, response: p.rejected },
  ]);
  const scores = items.length ? await scorer.score(items) : new Float64Array(0);
  if (scores.length !== items.length) {
    throw new Error(`scorer "${scorer.name}" returned ${scores.length} scores for ${items.length} responses`);
  }
  const n = pairs.length;
  const chosenScores = new Float64Array(n),
    rejectedScores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    chosenScores[i] = scores[2 * i];
    rejectedScores[i] = scores[2 * i + 1];
  }

  const one = new DropCounter();
  const afterOne: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = chosenScores[i],
      r = rejectedScores[i];
    if (!Number.isFinite(c) || !Number.isFinite(r)) {
      one.drop('score not finite');
      continue;
    }
    const why = stageOneDrops(rule, pairs[i], c, r);
    if (why) one.drop(why);
    else afterOne.push(i);
  }
  const two = new DropCounter();
  const kept: PreferencePair[] = [];
  for (const i of afterOne) {
    const d = chosenScores[i] - rejectedScores[i];
    if (d > minMargin) {
      kept.push({
        ...pairs[i],
        meta: { ...(pairs[i].meta ?? {}), filterChosenScore: chosenScores[i], filterRejectedScore: rejectedScores[i] },
      });
    } else two.drop(d === 0 ? 'tied by the model' : d < 0 ? 'model orders it wrongly' : `model margin <= ${minMargin}`);
  }
  const common = { scorer: scorer.name, source: 'paper-facts §2.3 ([A] README; stage-one rule [S])' };
  const extra = options.scope !== undefined ? { scope: options.scope } : {};
  return {
    items: kept,
    stageOne: stepReport(
      'twoStageRewardModelFilter:stageOne',
      n,
      afterOne.length,
      one.counts,
      { ...common, rule: ruleName(rule) },
      extra,
    ),
    stageTwo: stepReport(
      'twoStageRewardModelFilter:stageTwo',
      afterOne.length,
      kept.length,
      two.counts,
      { ...common, rule: `keep chosen - rejected > ${minMargin}` },
      extra,
    ),
    chosenScores,
    rejectedScores,
  };
}
