// The workbench's replay of the paper's experiments, as data: which training mixes exist, which runs train on them,
// and which runs each experiment compares. Everything else (runner, aggregation, tables, conclusions) reads this.
//
//   1 loss ablation (paper Table 3)         the nine losses + BT with reward centring, one mix, one model, one schedule
//   2 data ablation (Table 2, 700K/378K/80K) uncurated pool vs curated mix at equal training steps and at equal epochs
//   3 decontamination (v0.1 vs v0.2)        curated (decontaminated) vs + the contaminated AlpacaEval pairs, and vs
//                                            no decontamination at all; plus the n-gram contamination table
//   4 two-stage safety filter (WildGuardMix) HH harmless filtered by a model trained on the other sources vs unfiltered
//   5 offsets and top-k (Magpie)            with vs without per-source offsets, with vs without per-category top-k
//   6 JudgeBench leaderboard                the five real reward models' stored scores beside ours
//   7 transformer loss ablation             the losses on the small transformer, same mix, on the machine's best
//                                            backend at a size chosen per backend (transformerSizing.ts); its own
//                                            named experiment (preset transformer), committed and reused by hash
import type { CurationFlags } from '../curate/recipes/types.js';
import type { LossParams } from '../losses/types.js';

/** A training mix: a recipe run with flags, or one derived from other mixes (by reading their written files). */
export interface MixSpec {
  id: string;
  description: string;
  recipe: 'workbench' | 'uncurated';
  flags?: Partial<CurationFlags>;
  /** Run id whose trained model scores HH harmless in the two-stage filter (paper §2.3: an RM on the other sources). */
  scorer?: string;
  /** Derived mixes: built from other mixes' files instead of a recipe. */
  derive?:
    | { kind: 'drop-sources'; from: string; sources: string[] }
    /** `base` plus the pairs of `from` that `base`'s decontamination flagged, restricted to `sources` (v0.1 = v0.2 +
     * removed). */
    | { kind: 'add-flagged'; base: string; from: string; sources: string[] };
}

/** The reward models a run can train (src/model/factory.ts); runs that name none train the bag-of-n-grams model. */
export type ModelKind = 'bow' | 'transformer';
export const DEFAULT_MODEL: ModelKind = 'bow';

export interface RunSpec {
  id: string;
  mix: string;
  /** The reward model trained (default bow). */
  model?: ModelKind;
  loss: string;
  lossParams?: LossParams;
  /** Train exactly as many steps as the named run's mix gives at the preset's epochs (equal-steps comparisons). */
  stepsLike?: string;
  /** Trains once with this fixed seed (a helper model, e.g. the safety scorer), not once per experiment seed. */
  fixedSeed?: number;
  description: string;
}

export type ExperimentId =
  | 'loss-ablation'
  | 'data-ablation'
  | 'decontamination'
  | 'safety-filter'
  | 'offsets-topk'
  | 'judgebench'
  | 'transformer-loss-ablation';

export interface ExperimentSpec {
  id: ExperimentId;
  title: string;
  /** What the paper did and found, in one or two sentences (paper-facts section in brackets). */
  paper: string;
  question: string;
  /** Run ids compared, the reference first. */
  runs: string[];
  /** Row label per run id. */
  labels: Record<string, string>;
  /** Planned only where a real GPU adapter is present (a software one such as SwiftShader does not count). */
  needsGpu?: boolean;
}

/** The curated workbench mix every ablation starts from: all tricks on, HH harmless through the trained filter. */
export const REFERENCE_MIX = 'curated';
export const REFERENCE_RUN = 'bt';
export const SCORER_RUN = 'safety-scorer';

export const MIXES: MixSpec[] = [
  {
    id: 'no-filter',
    recipe: 'workbench',
    flags: { filter: false },
    description:
      'workbench recipe, every trick except the two-stage filter: HH harmless kept unfiltered (then capped ' +
      'like every variant)',
  },
  {
    id: 'scorer-data',
    recipe: 'workbench',
    derive: { kind: 'drop-sources', from: 'no-filter', sources: ['hh-harmless'] },
    description:
      'the curated mix without HH harmless: "the other sources" the safety scorer is trained on (paper §2.3)',
  },
  {
    id: 'curated',
    recipe: 'workbench',
    scorer: SCORER_RUN,
    description:
      'workbench recipe, all tricks on; HH harmless filtered by the safety scorer (chosen must out-score rejected)',
  },
  {
    id: 'uncurated',
    recipe: 'uncurated',
    description:
      'uncurated pool: all pairs of differently scored AlpacaEval samples, every source as loaded, no tricks',
  },
  {
    id: 'no-decontam',
    recipe: 'workbench',
    scorer: SCORER_RUN,
    flags: { decontaminate: false },
    description: 'curated recipe with decontamination off (every benchmark-overlapping pair kept)',
  },
  {
    id: 'contaminated-alpacaeval',
    recipe: 'workbench',
    derive: { kind: 'add-flagged', base: 'curated', from: 'no-decontam', sources: ['alpacaeval-bon'] },
    description: 'curated mix plus the AlpacaEval pairs decontamination removed (our v0.1 to the curated v0.2)',
  },
  {
    id: 'no-offsets',
    recipe: 'workbench',
    scorer: SCORER_RUN,
    flags: { offsets: false },
    description: 'curated recipe without the per-source score offset',
  },
  {
    id: 'no-topk',
    recipe: 'workbench',
    scorer: SCORER_RUN,
    flags: { topk: false },
    description: 'curated recipe without per-category top-k (all AI-judged pairs kept)',
  },
];

/** The nine registered pairwise losses in the paper's Table 3 order, then ours (bt-margin), then BT + centring. */
export const LOSS_VARIANTS: { id: string; loss: string; lossParams?: LossParams; label: string }[] = [
  { id: 'focal', loss: 'focal', label: 'Focal (γ = 2)' },
  { id: 'focal-penalty', loss: 'focal-penalty', label: 'Focal with penalty (γ = 2)' },
  { id: 'hinge', loss: 'hinge', label: 'Hinge (m = 1)' },
  { id: 'margin-mse', loss: 'margin-mse', label: 'MarginMSE (m = 1)' },
  { id: 'cross-entropy', loss: 'cross-entropy', label: 'Cross-entropy' },
  { id: 'tempered-log', loss: 'tempered-log', label: 'Tempered log (t = 0.5)' },
  { id: 'bt-temperature', loss: 'bt-temperature', label: 'Temperature-adjusted BT (T = 2)' },
  { id: 'bt', loss: 'bt', label: 'Bradley-Terry' },
  { id: 'bt-margin', loss: 'bt-margin', label: 'BT with per-pair margin (not in Table 3)' },
  { id: 'bt-centred', loss: 'bt', lossParams: { center: 0.01 }, label: 'BT + reward centring (λ = 0.01)' },
];

/** The nine registered pairwise losses (the loss ablation without BT + centring, a BT variant, not a loss). */
export const TRANSFORMER_LOSS_VARIANTS = LOSS_VARIANTS.filter((v) => !v.lossParams);
/** Run ids of the transformer loss ablation: the loss ablation's ids with this prefix. */
export const TRANSFORMER_RUN_PREFIX = 'transformer-';

/** The model a run trains. */
export function modelOf(run: Pick<RunSpec, 'model'>): ModelKind {
  return run.model ?? DEFAULT_MODEL;
}

/** The bare loss variant id of a run of either loss ablation ('transformer-focal' -> 'focal'). */
export function lossVariantId(runId: string): string {
  return runId.startsWith(TRANSFORMER_RUN_PREFIX) ? runId.slice(TRANSFORMER_RUN_PREFIX.length) : runId;
}

/** Reference first, then the plan's order. */
const referenceFirst = (ids: string[], reference: string) =>
  ids.sort((a, b) => (a === reference ? -1 : b === reference ? 1 : 0));

export const RUNS: RunSpec[] = [
  {
    id: SCORER_RUN,
    mix: 'scorer-data',
    loss: 'bt',
    fixedSeed: 1000,
    description: 'safety scorer for the two-stage filter: BT on the other sources',
  },
  ...LOSS_VARIANTS.map(
    (v): RunSpec => ({
      id: v.id,
      mix: REFERENCE_MIX,
      loss: v.loss,
      lossParams: v.lossParams,
      description: `loss ablation: ${v.label}`,
    }),
  ),
  {
    id: 'uncurated-equal-steps',
    mix: 'uncurated',
    loss: 'bt',
    stepsLike: REFERENCE_RUN,
    description: 'uncurated pool, as many steps as the curated run',
  },
  {
    id: 'uncurated-equal-epochs',
    mix: 'uncurated',
    loss: 'bt',
    description: 'uncurated pool, the same number of epochs as the curated run',
  },
  { id: 'no-decontam', mix: 'no-decontam', loss: 'bt', description: 'no decontamination' },
  {
    id: 'contaminated-alpacaeval',
    mix: 'contaminated-alpacaeval',
    loss: 'bt',
    description: 'curated + contaminated AlpacaEval pairs',
  },
  { id: 'no-filter', mix: 'no-filter', loss: 'bt', description: 'HH harmless unfiltered' },
  { id: 'no-offsets', mix: 'no-offsets', loss: 'bt', description: 'no per-source offsets' },
  { id: 'no-topk', mix: 'no-topk', loss: 'bt', description: 'no per-category top-k' },
  ...TRANSFORMER_LOSS_VARIANTS.map(
    (v): RunSpec => ({
      id: `${TRANSFORMER_RUN_PREFIX}${v.id}`,
      mix: REFERENCE_MIX,
      model: 'transformer',
      loss: v.loss,
      description: `transformer loss ablation: ${v.label}`,
    }),
  ),
];

export const EXPERIMENTS: ExperimentSpec[] = [
  {
    id: 'loss-ablation',
    title: 'Loss ablation (paper Table 3)',
    paper:
      'Gemma-2-27B on the 80K v0.1 set: Bradley-Terry 93.8 on top, focal and temperature-adjusted BT within ' +
      '0.2, cross-entropy 6 points behind (paper-facts §3).',
    question: 'With identical data, model and schedule, does Bradley-Terry come out on top, tied, or behind?',
    runs: referenceFirst(
      LOSS_VARIANTS.map((v) => v.id),
      REFERENCE_RUN,
    ),
    labels: Object.fromEntries(LOSS_VARIANTS.map((v) => [v.id, v.label])),
  },
  {
    id: 'data-ablation',
    title: 'Data ablation: curated mix vs uncurated pool (paper Table 2, 700K vs 378K vs 80K)',
    paper:
      'Same recipe, different data: the curated 80K set beats the 378K pool it was selected from (92.5 vs ' +
      '91.8 on Llama-3.1-8B, 93.8 vs 92.6 on Gemma-2-27B) and the 700K mixture by more (paper-facts §4.1).',
    question:
      'Does the curated mix beat the far larger uncurated pool it is selected from, at equal training steps ' +
      'and at equal epochs?',
    runs: ['bt', 'uncurated-equal-steps', 'uncurated-equal-epochs'],
    labels: {
      bt: 'curated mix (BT)',
      'uncurated-equal-steps': 'uncurated pool, equal steps',
      'uncurated-equal-epochs': 'uncurated pool, equal epochs',
    },
  },
  {
    id: 'decontamination',
    title: 'Decontamination (80K v0.1 vs v0.2)',
    paper:
      'Removing 4,957 Magpie-Ultra pairs that overlap RewardBench prompts raised the score by 0.5-0.6 (Chat ' +
      'moved -1.1 on 8B, +0.3 on 27B) (paper-facts §4.2).',
    question:
      'How do the scores, in particular Chat on the AlpacaEval-prompt proxy, move when the contaminated ' +
      'AlpacaEval pairs are trained on?',
    runs: ['bt', 'contaminated-alpacaeval', 'no-decontam'],
    labels: {
      bt: 'curated, decontaminated (v0.2 role)',
      'contaminated-alpacaeval': '+ contaminated AlpacaEval pairs (v0.1 role)',
      'no-decontam': 'no decontamination at all',
    },
  },
  {
    id: 'safety-filter',
    title: 'Two-stage safety filter (WildGuardMix role)',
    paper:
      'Only WildGuardMix pairs that an RM trained on the other sources already ranked right were kept: Safety ' +
      'improved while Chat, Chat Hard and Reasoning were largely preserved (paper-facts §2.3).',
    question:
      'Does filtering HH harmless with a scorer trained on the other sources change Safety, and at what cost ' +
      'to the other sections?',
    runs: ['bt', 'no-filter'],
    labels: { bt: 'HH harmless filtered (two-stage)', 'no-filter': 'HH harmless unfiltered' },
  },
  {
    id: 'offsets-topk',
    title: 'Score offsets and per-category top-k (Magpie role)',
    paper:
      'ArmoRM scores lowered by 0.1 (Air) and 0.05 (Pro Llama 3), then top 30% of math and code and top 10% ' +
      "of the rest kept; not ablated in the paper's tables (paper-facts §2.1).",
    question: 'What do the per-source offset and the per-category top-k change?',
    runs: ['bt', 'no-offsets', 'no-topk'],
    labels: { bt: 'offsets + top-k (curated)', 'no-offsets': 'no offsets', 'no-topk': 'no top-k' },
  },
  {
    id: 'judgebench',
    title: 'JudgeBench leaderboard: five real reward models and ours',
    paper:
      'JudgeBench (Tan et al.) Table 3 on the 350 GPT-4o pairs: Skywork-Reward-Gemma-2-27B 64.3, Llama-3.1-8B ' +
      '62.3 (stored scores rescored with the JudgeBench rule).',
    question: 'Where do our from-scratch models sit next to the real reward models on objectively-correct pairs?',
    runs: ['bt', 'uncurated-equal-epochs'],
    labels: { bt: 'ours: curated mix, BT', 'uncurated-equal-epochs': 'ours: uncurated pool, BT, equal epochs' },
  },
  {
    id: 'transformer-loss-ablation',
    title: 'Loss ablation on the transformer (paper Table 3)',
    paper:
      'Gemma-2-27B on the 80K v0.1 set: Bradley-Terry 93.8 on top, focal and temperature-adjusted BT within ' +
      '0.2, cross-entropy 6 points behind (paper-facts §3).',
    question:
      'Does a small transformer trained on the same mix (on the best backend of the machine, stopped on a ' +
      'validation split) rank the losses as the bag-of-n-grams model does, with Bradley-Terry on top?',
    runs: referenceFirst(
      TRANSFORMER_LOSS_VARIANTS.map((v) => `${TRANSFORMER_RUN_PREFIX}${v.id}`),
      `${TRANSFORMER_RUN_PREFIX}${REFERENCE_RUN}`,
    ),
    labels: Object.fromEntries(TRANSFORMER_LOSS_VARIANTS.map((v) => [`${TRANSFORMER_RUN_PREFIX}${v.id}`, v.label])),
  },
];

export function mixSpec(id: string): MixSpec {
  const m = MIXES.find((x) => x.id === id);
  if (!m) throw new Error(`unknown mix "${id}"; known: ${MIXES.map((x) => x.id).join(', ')}`);
  return m;
}

export function runSpec(id: string): RunSpec {
  const r = RUNS.find((x) => x.id === id);
  if (!r) throw new Error(`unknown run "${id}"; known: ${RUNS.map((x) => x.id).join(', ')}`);
  return r;
}

export function experimentSpec(id: string): ExperimentSpec {
  const e = EXPERIMENTS.find((x) => x.id === id);
  if (!e) throw new Error(`unknown experiment "${id}"; known: ${EXPERIMENTS.map((x) => x.id).join(', ')}`);
  return e;
}

/** Run ids the given experiments need, with the runs and mixes they depend on (scorer, equal-steps reference). */
export function closure(experiments: readonly ExperimentSpec[]): { runs: RunSpec[]; mixes: MixSpec[] } {
  const runIds = new Set<string>();
  const addRun = (id: string) => {
    if (runIds.has(id)) return;
    runIds.add(id);
    const r = runSpec(id);
    if (r.stepsLike) addRun(r.stepsLike);
    addMix(r.mix);
  };
  const mixIds = new Set<string>();
  const addMix = (id: string) => {
    if (mixIds.has(id)) return;
    const m = mixSpec(id);
    if (m.scorer) addRun(m.scorer);
    if (m.derive?.kind === 'drop-sources') addMix(m.derive.from);
    if (m.derive?.kind === 'add-flagged') {
      addMix(m.derive.base);
      addMix(m.derive.from);
    }
    mixIds.add(id);
  };
  for (const e of experiments) e.runs.forEach(addRun);
  return { runs: RUNS.filter((r) => runIds.has(r.id)), mixes: MIXES.filter((m) => mixIds.has(m.id)) };
}
