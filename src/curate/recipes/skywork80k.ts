// The paper's recipes over its Hugging Face sources (paper-facts §1-§2):
//   skywork-80k-v0.1  HelpSteer2 ratings -> pairs; OffsetBias whole; WildGuardMix through the two-stage RM filter;
//                     Magpie Ultra / Pro (Llama 3.1) / Pro (Llama 3) / Air: ArmoRM mean - per-source offsets, then
//                     independent top-k of math / code / other over the combined Magpie pool.
//   skywork-80k-v0.2  v0.1, then Magpie Ultra pairs with an n-gram overlap with RewardBench prompts removed.
// The inputs are tables already loaded in the HF schemas (the HF loaders in src/data); the counts are compared with
// paper Table 1 (paperCheck) — they can only match when run on the real HF data with the paper's exact pools.
import type { PreferencePair, ResponseGroup } from '../../data/schema.js';
import type { RewardScorer } from '../../model/types.js';
import type { BenchmarkPrompt } from '../decontaminate.js';
import { twoStageRewardModelFilter } from '../filter.js';
import { pairsFromRatings } from '../pairs.js';
import { countBySource } from '../report.js';
import {
  adjustArmoScores,
  MAGPIE_ARMO_OFFSETS,
  MAGPIE_SOURCES,
  SKYWORK_TOPK,
  selectTopKPerCategory,
  type Quota,
} from '../select.js';
import { HF_SOURCES, PAPER_TABLE1_V01, PAPER_TABLE1_V02, paperCheck } from './paperCounts.js';
import { decontaminateStep, heldOutStep, noDecontamination, StepLog } from './steps.js';
import { resolveFlags, type Mix, type RecipeOptions, type SourceUse } from './types.js';

export interface Skywork80kInputs {
  /** HelpSteer2 prompts with their rated responses (ratings.helpfulness). */
  helpsteer2: ResponseGroup[];
  offsetbias: PreferencePair[];
  /** WildGuardMix pairs with meta.adversarial. */
  wildguardmix: PreferencePair[];
  /** Magpie DPO pairs, `source` one of MAGPIE_SOURCES, with meta.meanScore (mean ArmoRM) and Magpie's category. */
  magpie: PreferencePair[];
  /** The RM trained on the other sources (the paper used its 27B model) for the WildGuardMix filter. */
  scorer?: RewardScorer;
  /** RewardBench prompts, for v0.2's decontamination. */
  rewardbenchPrompts?: BenchmarkPrompt[];
}

export interface Skywork80kOptions extends RecipeOptions {
  version?: 'v0.1' | 'v0.2';
  quotas?: Readonly<Record<string, Quota>>;
  decontam?: { n?: number; threshold?: number };
}

const LIMITS = [
  'The 30% / 30% / 10% top-k ratios come from secondary summaries ([S]), not the paper text; per-category ' +
    'pool sizes were not published, so Table 1 counts may not be reproduced exactly.',
  'The HelpSteer2 pairing rule (higher helpfulness wins, ties dropped) is from a secondary source ([S]).',
  'The v0.2 decontamination gist (n, threshold, normalisation) was not read; n = 8 ("> 7-gram") with ' +
    'threshold 1 is ours.',
  'Without an injected scorer the WildGuardMix filter cannot run; that stage is then skipped and the report says so.',
];

export async function skywork80k(inputs: Skywork80kInputs, options: Skywork80kOptions = {}): Promise<Mix> {
  const version = options.version ?? 'v0.1';
  const seed = options.seed ?? 0;
  const flags = resolveFlags(options.flags);
  const log = new StepLog();
  const hs2 = log.take(
    pairsFromRatings(inputs.helpsteer2, { attribute: 'helpfulness', source: HF_SOURCES.helpsteer2 }),
    HF_SOURCES.helpsteer2,
  );
  const offsetbias: PreferencePair[] = inputs.offsetbias.map((p) => ({ ...p, source: HF_SOURCES.offsetbias }));
  const wgPool: PreferencePair[] = inputs.wildguardmix.map((p) => ({ ...p, source: HF_SOURCES.wildguardmix }));
  const before = countBySource([...hs2, ...offsetbias, ...wgPool, ...inputs.magpie]);

  let wg = wgPool;
  if (flags.filter && inputs.scorer) {
    const r = await twoStageRewardModelFilter(wgPool, inputs.scorer, {
      stageOne: { kind: 'drop-non-adversarial' },
      scope: HF_SOURCES.wildguardmix,
    });
    log.push(r.stageOne, r.stageTwo);
    wg = r.items;
  } else {
    log.push({
      step: 'twoStageRewardModelFilter',
      scope: HF_SOURCES.wildguardmix,
      input: wgPool.length,
      kept: wgPool.length,
      dropped: {},
      params: {},
      notes: [
        flags.filter
          ? 'skipped: no scorer injected (the paper used its 27B RM trained on the other sources)'
          : 'skipped: --no-filter',
      ],
    });
  }

  let magpie = inputs.magpie;
  magpie = log.take(adjustArmoScores(magpie, { offsets: flags.offsets ? MAGPIE_ARMO_OFFSETS : {} }), 'magpie');
  if (flags.topk)
    magpie = log.take(selectTopKPerCategory(magpie, { quotas: options.quotas ?? SKYWORK_TOPK }), 'magpie');

  let mix = [...hs2, ...offsetbias, ...wg, ...magpie];
  let decontamination = noDecontamination(
    version === 'v0.1' ? 'v0.1 is not decontaminated (paper-facts §1.2)' : 'no RewardBench prompts given',
    new StepLog(),
    mix.length,
  );
  if (version === 'v0.2' && flags.decontaminate && inputs.rewardbenchPrompts?.length) {
    const r = decontaminateStep(log, mix, inputs.rewardbenchPrompts, options.decontam, [MAGPIE_SOURCES.ultra]);
    mix = r.items;
    decontamination = r.summary;
  } else if (version === 'v0.2') {
    decontamination = noDecontamination(
      flags.decontaminate ? 'no RewardBench prompts given' : '--no-decontaminate',
      log,
      mix.length,
    );
  }
  const check = paperCheck(version === 'v0.1' ? PAPER_TABLE1_V01 : PAPER_TABLE1_V02, countBySource(mix));
  const { train, heldOut } = heldOutStep(log, mix, options.heldOutFraction ?? 0, options.heldOutSalt);
  return {
    recipe: `skywork-80k-${version}`,
    seed,
    flags,
    train,
    heldOut,
    steps: log.steps,
    composition: { before, after: countBySource(train) },
    sources: skyworkSources(),
    rules: [
      'HelpSteer2: higher helpfulness chosen, ties dropped (paper-facts §2.2 [S]).',
      'OffsetBias: used whole (paper-facts §2.4).',
      'WildGuardMix: stage one drops non-adversarial pairs, stage two keeps pairs the RM orders correctly ' +
        '(paper-facts §2.3).',
      `Magpie: ArmoRM mean minus offsets ${JSON.stringify(flags.offsets ? MAGPIE_ARMO_OFFSETS : {})} (§2.1 ` +
        `[A]); top-k per math / code / other ` +
        `${flags.topk ? JSON.stringify(options.quotas ?? SKYWORK_TOPK) : 'off'} (§2.1 [S]).`,
      ...(version === 'v0.2'
        ? ['v0.2: Magpie Ultra pairs with an n-gram overlap with RewardBench prompts removed (§2.5 [A]).']
        : []),
      `Held-out split: ${options.heldOutFraction ?? 0} of prompts by prompt hash (default 0 for the paper ` +
        `recipes, so Table 1 counts are comparable).`,
    ],
    decontamination,
    limits: LIMITS,
    paperCheck: check,
    params: {
      version,
      quotas: options.quotas ?? SKYWORK_TOPK,
      heldOutFraction: options.heldOutFraction ?? 0,
      scorer: inputs.scorer?.name ?? null,
    },
  };
}

function skyworkSources(): SourceUse[] {
  const magpie = (s: string, gen: string): SourceUse => ({
    source: s,
    origin: [`Magpie-Align DPO (${gen})`],
    paperRole: 'Magpie (ArmoRM-scored best-vs-worst)',
    licence: 'see the Magpie-Align HF card (Llama licence terms; not checked offline)',
    rule: 'ArmoRM mean - offset, top-k per category',
  });
  return [
    {
      source: HF_SOURCES.helpsteer2,
      origin: ['nvidia/HelpSteer2'],
      paperRole: 'HelpSteer2',
      licence: 'CC-BY-4.0 per the HF card (not checked offline)',
      rule: 'higher helpfulness wins, ties dropped',
    },
    {
      source: HF_SOURCES.offsetbias,
      origin: ['NCSOFT/offsetbias'],
      paperRole: 'OffsetBias',
      licence: 'see the NCSOFT/offsetbias HF card (not checked offline)',
      rule: 'used whole',
    },
    {
      source: HF_SOURCES.wildguardmix,
      origin: ['allenai/wildguardmix'],
      paperRole: 'WildGuardMix',
      licence: 'see the allenai/wildguardmix HF card (gated; not checked offline)',
      rule: 'two-stage RM filter',
    },
    magpie(HF_SOURCES.ultra, 'Llama 3.1 405B Instruct'),
    magpie(HF_SOURCES.proLlama31, 'Llama 3.1 70B Instruct'),
    magpie(HF_SOURCES.proLlama3, 'Llama 3 70B Instruct'),
    magpie(HF_SOURCES.air, 'Llama 3 8B Instruct'),
  ];
}
