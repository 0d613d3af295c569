// The offline workbench recipe: the paper's tricks applied to the real sources in ../shared/data, each paper role
// played by a stand-in (shared/data/README.md):
//   Magpie (AI-judged, offsets + per-category top-k)  AlpacaEval best-of-11 (best vs worst, GPT-4-turbo win rate),
//                                                     UltraFeedback (GPT-4 scores), the Magpie-PO sample (ArmoRM)
//   Magpie's math focus                               GSM8K gold solution vs a wrong model solution
//   HelpSteer2 (human judgements)                     HH-RLHF helpful (3 splits), PandaLM (3 human votes), LLMBar
// Processed
//   WildGuardMix (two-stage RM filter)                HH-RLHF harmless-base (red-team prompts: all adversarial)
//   OffsetBias                                        none offline
// Order: pair-making -> held-out split -> decontamination against every benchmark prompt we hold -> two-stage
// filter -> offsets + top-k -> dedup -> mix to targets. The judges' scales differ (win rate in [0,1], GPT-4 1-10,
// ArmoRM ~0.1), so before the offsets each source's selection score becomes its within-source percentile.
import type { PreferencePair, ResponseGroup } from '../../data/schema.js';
import type { RewardScorer } from '../../model/types.js';
import { guessTaskCategory } from '../categories.js';
import type { BenchmarkPrompt } from '../decontaminate.js';
import { twoStageRewardModelFilter } from '../filter.js';
import { mixToTargets } from '../mix.js';
import { bestVsWorstOfN } from '../pairs.js';
import { countBySource } from '../report.js';
import { adjustArmoScores, selectionScore, selectTopKPerCategory, type Quota } from '../select.js';
import { decontaminateStep, dedupStep, heldOutStep, noDecontamination, StepLog } from './steps.js';
import { resolveFlags, type Mix, type RecipeOptions, type SourceUse } from './types.js';

export interface WorkbenchInputs {
  alpacaEvalBestOfN: ResponseGroup[];
  magpiePo: ResponseGroup[];
  ultraFeedback: PreferencePair[];
  gsm8k: PreferencePair[];
  hhHelpful: PreferencePair[];
  pandaLM: PreferencePair[];
  llmBarProcessed: PreferencePair[];
  hhHarmless: PreferencePair[];
  benchmarks: BenchmarkPrompt[];
}

/** Recipe data: the workbench's parameters, each with its reason. */
export const WORKBENCH_SPEC = {
  /** Analogue of Magpie Air's -0.1: AlpacaEval samples come from one 13B model (tulu-2-dpo-13b), the weakest generator
   * here. */
  offsets: { 'alpacaeval-bon': 0.1 } as Record<string, number>,
  /** The paper's ordering (math = code > other) at rates for a pool ~170x smaller than Magpie's 344K. */
  quotas: { math: { ratio: 0.6 }, code: { ratio: 0.6 }, other: { ratio: 0.4 } } as Record<string, Quota>,
  /** Per-source targets after curation (sources not named are kept whole): the human-judged and safety roles are
   * capped so the AI-judged + math roles stay the majority, as Magpie is in paper Table 1. */
  targets: { 'hh-helpful': 800, 'hh-harmless': 600 } as Record<string, number>,
  decontam: { n: 8, threshold: 1 },
  aiJudged: ['alpacaeval-bon', 'ultrafeedback', 'magpie-po-example'],
};

export interface WorkbenchOptions extends RecipeOptions {
  /** A reward model trained on the other sources, for the HH-harmless two-stage filter. */
  scorer?: RewardScorer;
}

const relabel = (
  pairs: PreferencePair[],
  source: string,
  extra: (p: PreferencePair) => Partial<PreferencePair> = () => ({}),
) => pairs.map((p) => ({ ...p, source, ...extra(p) }));

/** Within-source percentile (mid-rank / n) of the selection score, so judges on different scales can be ranked
 * together. */
export function percentileWithinSource(pairs: readonly PreferencePair[]): Map<string, number> {
  const out = new Map<string, number>();
  const bySource = new Map<string, { id: string; s: number }[]>();
  for (const p of pairs) {
    const s = selectionScore(p);
    if (s === undefined) continue;
    let l = bySource.get(p.source);
    if (!l) bySource.set(p.source, (l = []));
    l.push({ id: p.id, s });
  }
  for (const l of bySource.values()) {
    l.sort((a, b) => a.s - b.s);
    for (let i = 0; i < l.length; ) {
      let j = i;
      while (j + 1 < l.length && l[j + 1].s === l[i].s) j++;
      for (let k = i; k <= j; k++) out.set(l[k].id, ((i + j) / 2 + 0.5) / l.length);
      i = j + 1;
    }
  }
  return out;
}

/** Pair-making for every workbench source (shared with the uncurated recipe, which pairs AlpacaEval differently). */
export function workbenchPool(
  inputs: WorkbenchInputs,
  log: StepLog,
  alpaca: 'best-vs-worst' | PreferencePair[] = 'best-vs-worst',
): PreferencePair[] {
  const guess = (p: PreferencePair) => ({ category: p.category ?? guessTaskCategory(p.prompt) });
  const ae = alpaca === 'best-vs-worst' ? log.take(bestVsWorstOfN(inputs.alpacaEvalBestOfN), 'alpacaeval-bon') : alpaca;
  return [
    ...relabel(ae, 'alpacaeval-bon', guess),
    ...relabel(log.take(bestVsWorstOfN(inputs.magpiePo), 'magpie-po-example'), 'magpie-po-example'),
    ...relabel(inputs.ultraFeedback, 'ultrafeedback', (p) => ({
      ...guess(p),
      meta: { ...(p.meta ?? {}), meanScore: ((p.chosenScore ?? NaN) + (p.rejectedScore ?? NaN)) / 2 },
    })),
    ...relabel(inputs.gsm8k, 'gsm8k', () => ({ category: 'math' })),
    ...relabel(inputs.hhHelpful, 'hh-helpful'),
    ...relabel(inputs.pandaLM, 'pandalm'),
    ...relabel(inputs.llmBarProcessed, 'llmbar-processed'),
    ...relabel(inputs.hhHarmless, 'hh-harmless', (p) => ({ meta: { ...(p.meta ?? {}), adversarial: true } })),
  ];
}

export async function workbenchRecipe(inputs: WorkbenchInputs, options: WorkbenchOptions = {}): Promise<Mix> {
  const seed = options.seed ?? 0;
  const flags = resolveFlags(options.flags);
  const log = new StepLog();
  const pool = workbenchPool(inputs, log);
  const before = countBySource(pool);
  const notes: string[] = [];

  let { train, heldOut } = heldOutStep(log, pool, options.heldOutFraction, options.heldOutSalt);
  let decontamination;
  if (flags.decontaminate) {
    const r = decontaminateStep(log, train, inputs.benchmarks, WORKBENCH_SPEC.decontam);
    train = r.items;
    decontamination = r.summary;
  } else decontamination = noDecontamination('--no-decontaminate', log, train.length);

  const harmless = train.filter((p) => p.source === 'hh-harmless');
  let keptHarmless = harmless;
  if (flags.filter && options.scorer) {
    const r = await twoStageRewardModelFilter(harmless, options.scorer, {
      stageOne: { kind: 'drop-non-adversarial' },
      scope: 'hh-harmless',
    });
    log.push(r.stageOne, r.stageTwo);
    keptHarmless = r.items;
  } else {
    const why = flags.filter
      ? 'stage two skipped: no scorer injected (pass one, e.g. a run trained on the other sources; the paper ' +
        'used its 27B RM). Stand-in: all pairs kept, then capped by the hh-harmless target.'
      : 'skipped: --no-filter';
    log.push({
      step: 'twoStageRewardModelFilter',
      scope: 'hh-harmless',
      input: harmless.length,
      kept: harmless.length,
      dropped: {},
      params: {
        stageOne: 'drop non-adversarial (HH harmless-base prompts are red-team prompts: all marked adversarial)',
      },
      notes: [why],
    });
    notes.push(why);
  }
  const ai = train.filter((p) => WORKBENCH_SPEC.aiJudged.includes(p.source));
  const rest = train.filter((p) => !WORKBENCH_SPEC.aiJudged.includes(p.source) && p.source !== 'hh-harmless');
  const pct = percentileWithinSource(ai);
  let selected = log.take(
    adjustArmoScores(ai, { offsets: flags.offsets ? WORKBENCH_SPEC.offsets : {}, scoreOf: (p) => pct.get(p.id) }),
    'ai-judged',
  );
  if (flags.topk) selected = log.take(selectTopKPerCategory(selected, { quotas: WORKBENCH_SPEC.quotas }), 'ai-judged');
  let mix = [...selected, ...rest, ...keptHarmless];
  if (flags.dedup) mix = dedupStep(log, mix, seed);
  mix = log.take(mixToTargets(mix, WORKBENCH_SPEC.targets, { seed, others: 'keep' }));
  heldOut = heldOut.slice().sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  return {
    recipe: 'workbench',
    seed,
    flags,
    train: mix,
    heldOut,
    steps: log.steps,
    composition: { before, after: countBySource(mix) },
    sources: WORKBENCH_SOURCES,
    rules: [
      'AI-judged (Magpie role): best vs worst of N by judge score; selection score = within-source percentile ' +
        'of the mean judge score; ' +
        `offsets ${flags.offsets ? JSON.stringify(WORKBENCH_SPEC.offsets) : 'off'}; top-k per math / code / ` +
        `other ${flags.topk ? JSON.stringify(WORKBENCH_SPEC.quotas) : 'off'} (categories guessed by keywords ` +
        `where the source has none).`,
      'GSM8K (math focus): gold solution chosen over the first wrong model solution; kept whole.',
      'Human-judged (HelpSteer2 role): HH helpful chosen/rejected as labelled; PandaLM majority of 3 votes, ' +
        'ties dropped; LLMBar Processed as labelled.',
      `Safety (WildGuardMix role): HH harmless-base through the two-stage filter ` +
        `(${options.scorer ? `scorer ${options.scorer.name}` : 'no scorer: stage two skipped'}).`,
      `Decontamination: word ${WORKBENCH_SPEC.decontam.n}-grams against llmbar, hep, xstest, rmbench, ` +
        `judgebench and mt-bench prompts (${flags.decontaminate ? 'on' : 'off'}).`,
      `Held-out split: ${options.heldOutFraction ?? 0.1} of prompts by sha256 prompt hash, excluded from training.`,
      `Dedup: exact + MinHash near-duplicates (${flags.dedup ? 'on' : 'off'}); targets ` +
        `${JSON.stringify(WORKBENCH_SPEC.targets)} by seeded sampling.`,
    ],
    decontamination,
    limits: [
      'Stand-ins are far smaller than the paper sources (about 15K pairs before curation vs 378K) and come ' +
        'from other judges and generators.',
      'No OffsetBias stand-in exists offline; that role is absent.',
      "Task categories for AlpacaEval and UltraFeedback are keyword guesses, not Magpie's LLM labels.",
      'AlpacaEval prompts are RewardBench alpacaeval-* prompts; only those also held in RM-Bench chat are ' +
        "caught by decontamination (RewardBench's own alpacaeval subsets are not held offline).",
      ...notes,
    ],
    params: {
      spec: WORKBENCH_SPEC,
      heldOutFraction: options.heldOutFraction ?? 0.1,
      scorer: options.scorer?.name ?? null,
    },
  };
}

const S = (source: string, origin: string[], paperRole: string, rule: string): SourceUse => ({
  source,
  origin,
  paperRole,
  licence: 'see manifest',
  rule,
});
export const WORKBENCH_SOURCES: SourceUse[] = [
  S(
    'alpacaeval-bon',
    Array.from({ length: 11 }, (_, k) => `alpacaeval-bon-${k}`),
    'Magpie (AI-judged best-vs-worst)',
    'best vs worst of 11 by GPT-4-turbo win rate; offsets + top-k',
  ),
  S('ultrafeedback', ['ultrafeedback-train', 'ultrafeedback-eval'], 'Magpie (AI-judged)', 'GPT-4 scores; top-k'),
  S('magpie-po-example', ['magpie-po-example'], 'Magpie (real ArmoRM sample)', 'best vs worst of 5 by ArmoRM; top-k'),
  S('gsm8k', ['gsm8k-model-solutions'], 'Magpie math focus', 'gold vs wrong model solution'),
  S(
    'hh-helpful',
    ['hh-helpful-base', 'hh-helpful-online', 'hh-helpful-rejection-sampled'],
    'HelpSteer2 (human)',
    'human chosen/rejected; capped',
  ),
  S('pandalm', ['pandalm-testset'], 'HelpSteer2 (human)', 'majority of 3 human votes'),
  S(
    'llmbar-processed',
    ['llmbar-processed-mtbench', 'llmbar-processed-llmeval2', 'llmbar-processed-faireval'],
    'HelpSteer2 (human)',
    'human labels',
  ),
  S('hh-harmless', ['hh-harmless-base'], 'WildGuardMix (adversarial safety)', 'two-stage RM filter; capped'),
];
