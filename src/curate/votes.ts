// Votes -> pairs: several annotators compare two responses; the majority side is chosen and the vote margin
// (winner votes minus loser votes) is kept as the pair's margin. Tie votes are abstentions; a split decision
// (equal votes for both sides) gives no pair. Used for PandaLM's three human annotators.
import type { Message, PreferencePair } from '../data/schema.js';
import { DropCounter, stepReport, type StepResult } from './report.js';

/** One vote: "a" or "b" prefers that response; "tie" abstains. */
export type Vote = 'a' | 'b' | 'tie';

export interface VoteRecord {
  id: string;
  source: string;
  prompt: Message[];
  a: string;
  b: string;
  votes: Vote[];
  aModel?: string;
  bModel?: string;
  category?: string;
  meta?: PreferencePair['meta'];
}

export interface VotesOptions {
  /** Smallest winner-minus-loser vote count that makes a pair (default 1: any strict majority). */
  minMargin?: number;
}

export function pairsFromVotes(records: readonly VoteRecord[], options: VotesOptions = {}): StepResult<PreferencePair> {
  const minMargin = options.minMargin ?? 1;
  const drops = new DropCounter();
  const out: PreferencePair[] = [];
  for (const r of records) {
    let na = 0,
      nb = 0,
      nt = 0;
    for (const v of r.votes) {
      if (v === 'a') na++;
      else if (v === 'b') nb++;
      else nt++;
    }
    const margin = Math.abs(na - nb);
    if (na === nb) {
      drops.drop(r.votes.length === nt ? 'all votes tie' : 'split vote');
      continue;
    }
    if (margin < minMargin) {
      drops.drop(`margin below ${minMargin}`);
      continue;
    }
    if (r.a === r.b) {
      drops.drop('identical responses');
      continue;
    }
    const aWins = na > nb;
    const pair: PreferencePair = {
      id: r.id,
      source: r.source,
      prompt: r.prompt,
      chosen: aWins ? r.a : r.b,
      rejected: aWins ? r.b : r.a,
      margin,
      meta: { ...(r.meta ?? {}), votesFor: aWins ? na : nb, votesAgainst: aWins ? nb : na, votesTie: nt },
    };
    const cm = aWins ? r.aModel : r.bModel,
      rm = aWins ? r.bModel : r.aModel;
    if (cm !== undefined) pair.chosenModel = cm;
    if (rm !== undefined) pair.rejectedModel = rm;
    if (r.category !== undefined) pair.category = r.category;
    out.push(pair);
  }
  return {
    items: out,
    report: stepReport('pairsFromVotes', records.length, out.length, drops.counts, {
      minMargin,
      rule: 'majority side chosen; margin = winner votes - loser votes; tie votes abstain',
    }),
  };
}
