// Pair-making: turning rated, scored or voted responses into (chosen, rejected) pairs.
//   pairsFromRatings  the HelpSteer2 rule: the response with the higher helpfulness rating is chosen, ties dropped
//                     (paper-facts §2.2, source [S]: Korean blog citing the HelpSteer2 paper; not in [A]/[T]).
//   bestVsWorstOfN    Magpie DPO style: highest-scored vs lowest-scored of N responses (paper-facts §2.1 [S]).
//   allPairsOfN       every ordered pair of N scored responses (the "no tricks" pool of the uncurated recipe).
// Scores, ratings and the mean score of the N responses travel with each pair for later selection steps.
import type { PreferencePair, ResponseGroup, ScoredResponse } from '../data/schema.js';
import { DropCounter, stepReport, type StepResult } from './report.js';

export interface RatingsOptions {
  /** The rating that decides (HelpSteer2: "helpfulness"). */
  attribute?: string;
  /** Source name for the output pairs (default: the group's source). */
  source?: string;
}

function baseFields(g: ResponseGroup, source: string | undefined) {
  const p: Partial<PreferencePair> = { source: source ?? g.source, prompt: g.prompt };
  if (g.category !== undefined) p.category = g.category;
  if (g.split !== undefined) p.split = g.split;
  return p;
}

function ordered(
  g: ResponseGroup,
  id: string,
  source: string | undefined,
  win: ScoredResponse,
  lose: ScoredResponse,
  sw: number,
  sl: number,
  meta: PreferencePair['meta'],
): PreferencePair {
  const pair = {
    ...baseFields(g, source),
    id,
    chosen: win.text,
    rejected: lose.text,
    margin: sw - sl,
    chosenScore: sw,
    rejectedScore: sl,
  } as PreferencePair;
  if (win.model !== undefined) pair.chosenModel = win.model;
  if (lose.model !== undefined) pair.rejectedModel = lose.model;
  const m = { ...(g.meta ?? {}), ...(meta ?? {}) };
  if (Object.keys(m).length) pair.meta = m;
  return pair;
}

/**
 * Ratings -> pairs (HelpSteer2 rule). Every two rated responses of a prompt are compared on `attribute`; the higher
 * one is chosen, equal ratings are dropped. HelpSteer2 has two responses per prompt, so one comparison per prompt;
 * with N > 2 all N(N-1)/2 comparisons are made. The report counts comparisons (a group with fewer than two rated
 * responses counts as one dropped comparison).
 */
export function pairsFromRatings(
  groups: readonly ResponseGroup[],
  options: RatingsOptions = {},
): StepResult<PreferencePair> {
  const attribute = options.attribute ?? 'helpfulness';
  const drops = new DropCounter();
  const out: PreferencePair[] = [];
  let input = 0;
  for (const g of groups) {
    const rated = g.responses
      .map((r, i) => ({ r, i, v: r.ratings?.[attribute] }))
      .filter((x): x is { r: ScoredResponse; i: number; v: number } => typeof x.v === 'number' && Number.isFinite(x.v));
    if (rated.length < 2) {
      input++;
      drops.drop(`fewer than 2 responses rated on ${attribute}`);
      continue;
    }
    for (let a = 0; a < rated.length; a++) {
      for (let b = a + 1; b < rated.length; b++) {
        input++;
        const x = rated[a],
          y = rated[b];
        if (x.v === y.v) {
          drops.drop(`tied ${attribute}`);
          continue;
        }
        if (x.r.text === y.r.text) {
          drops.drop('identical responses');
          continue;
        }
        const [w, l] = x.v > y.v ? [x, y] : [y, x];
        const id = rated.length === 2 ? g.id : `${g.id}:${w.i}>${l.i}`;
        out.push(ordered(g, id, options.source, w.r, l.r, w.v, l.v, { rule: `higher ${attribute} wins` }));
      }
    }
  }
  return {
    items: out,
    report: stepReport('pairsFromRatings', input, out.length, drops.counts, {
      attribute,
      rule: 'higher rating chosen; ties dropped',
      ruleSource: 'paper-facts §2.2 [S] (HelpSteer2 paper rule)',
    }),
  };
}

export interface ScoreOptions {
  /** The score of one response (default: its `score`). */
  scoreOf?: (r: ScoredResponse) => number | undefined;
  source?: string;
}

function scoredOf(g: ResponseGroup, scoreOf: (r: ScoredResponse) => number | undefined) {
  return g.responses
    .map((r, i) => ({ r, i, s: scoreOf(r) }))
    .filter((x): x is { r: ScoredResponse; i: number; s: number } => typeof x.s === 'number' && Number.isFinite(x.s));
}

/**
 * Best vs worst of N (Magpie DPO style): chosen = highest score, rejected = lowest; on equal scores the earlier
 * response wins the tie for its slot. A group whose scores are all equal gives no pair. meta.meanScore is the mean
 * score of all N scored responses: the quantity Skywork ranks Magpie prompts by (paper-facts §2.1 [A]).
 */
export function bestVsWorstOfN(
  groups: readonly ResponseGroup[],
  options: ScoreOptions = {},
): StepResult<PreferencePair> {
  const scoreOf = options.scoreOf ?? ((r: ScoredResponse) => r.score);
  const drops = new DropCounter();
  const out: PreferencePair[] = [];
  for (const g of groups) {
    const scored = scoredOf(g, scoreOf);
    if (scored.length < 2) {
      drops.drop('fewer than 2 scored responses');
      continue;
    }
    let best = scored[0],
      worst = scored[0],
      sum = 0;
    for (const x of scored) {
      sum += x.s;
      if (x.s > best.s) best = x;
      if (x.s < worst.s) worst = x;
    }
    if (best.s === worst.s) {
      drops.drop('all scores tied');
      continue;
    }
    if (best.r.text === worst.r.text) {
      drops.drop('identical responses');
      continue;
    }
    out.push(
      ordered(g, g.id, options.source, best.r, worst.r, best.s, worst.s, {
        meanScore: sum / scored.length,
        nScored: scored.length,
        chosenIndex: best.i,
        rejectedIndex: worst.i,
      }),
    );
  }
  return {
    items: out,
    report: stepReport('bestVsWorstOfN', groups.length, out.length, drops.counts, {
      rule: 'highest score chosen, lowest rejected; all-tied groups dropped',
      ruleSource: 'paper-facts §2.1 [S] (Magpie DPO)',
    }),
  };
}

/** Every pair of differently scored responses, higher score chosen (N(N-1)/2 comparisons per group; ties dropped). */
export function allPairsOfN(groups: readonly ResponseGroup[], options: ScoreOptions = {}): StepResult<PreferencePair> {
  const scoreOf = options.scoreOf ?? ((r: ScoredResponse) => r.score);
  const drops = new DropCounter();
  const out: PreferencePair[] = [];
  let input = 0;
  for (const g of groups) {
    const scored = scoredOf(g, scoreOf);
    if (scored.length < 2) {
      input++;
      drops.drop('fewer than 2 scored responses');
      continue;
    }
    const mean = scored.reduce((a, x) => a + x.s, 0) / scored.length;
    for (let a = 0; a < scored.length; a++) {
      for (let b = a + 1; b < scored.length; b++) {
        input++;
        const x = scored[a],
          y = scored[b];
        if (x.s === y.s) {
          drops.drop('tied scores');
          continue;
        }
        if (x.r.text === y.r.text) {
          drops.drop('identical responses');
          continue;
        }
        const [w, l] = x.s > y.s ? [x, y] : [y, x];
        out.push(
          ordered(g, `${g.id}:${w.i}>${l.i}`, options.source, w.r, l.r, w.s, l.s, {
            meanScore: mean,
            nScored: scored.length,
            chosenIndex: w.i,
            rejectedIndex: l.i,
          }),
        );
      }
    }
  }
  return {
    items: out,
    report: stepReport('allPairsOfN', input, out.length, drops.counts, {
      rule: 'every pair of differently scored responses, higher score chosen',
    }),
  };
}
