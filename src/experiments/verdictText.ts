// Every verdict sentence of the headline table and CONCLUSIONS.md as data: per sentence, a table of cases, each
// case a template with {named} fields. headline.ts and conclusions.ts only decide which case holds (from the
// seed CIs and chance relations) and which numbers fill it; `say` does the rest. Changing a wording here changes
// the committed results (figures/results), which a test regenerates byte for byte.

/** One sentence: case name -> template with {field} placeholders ('' = nothing is said in that case). */
export type Sentence<C extends string> = Readonly<Record<C, string>>;
export type Fields = Readonly<Record<string, string | number>>;

/** The template of case `c`, its {fields} filled in; a field the template names but `fields` lacks is an error. */
export function say<C extends string>(sentence: Sentence<C>, c: C, fields: Fields = {}): string {
  const template = sentence[c];
  if (template === undefined) throw new Error(`no sentence for case "${c}"`);
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = fields[name];
    if (v === undefined) throw new Error(`sentence case "${c}": field {${name}} was not given`);
    return String(v);
  });
}

/** The direction of a difference when its seed CI resolves one. */
export type Direction = 'up' | 'down' | 'none';

/** "beats" for one subject, "beat" for several. */
export const beats = (n: number) => (n === 1 ? 'beats' : 'beat');

// --- the headline table (headline.ts) ---

export const HEADLINE_VERDICT = {
  unresolved: 'within our seed noise: unresolved',
  'moved-without-signal':
    'unresolved: it moved only on a metric without signal (the reference does not beat chance and length there)',
  'held-out-only':
    'held-out {direction}; cannot compare with the paper: it prints RewardBench only, where our RB-lite has no signal',
  'metrics-disagree': 'held-out and RB-lite disagree in sign',
  'no-paper-number': 'resolved ({direction}); the paper has no number',
  'paper-models-disagree': "resolved; the paper's two models disagree in sign",
  agrees: 'agrees with the paper in direction',
  disagrees: 'disagrees with the paper in direction',
} as const satisfies Sentence<string>;

// --- CONCLUSIONS.md (conclusions.ts) ---

/** A seed-paired difference in running text; {diff} is "+1.2 [+0.1, +2.3]" or "+1.2 (one seed: no CI)". */
export const DIFFERENCE = {
  missing: 'not measured',
  beyond: '{diff} points{ci}, beyond the seed CI',
  within: '{diff} points{ci}, within the seed noise',
  'no signal': '{diff} points{ci}, no signal (not read)',
} as const satisfies Sentence<string>;

export const TRAINED_ON = {
  curated: '{pairs} curated pairs',
  'no-curated-mix': 'the workbench mixes',
} as const satisfies Sentence<string>;

/** What the models are, by the model kinds the results hold. */
export const MODELS_ARE = {
  bow: 'hashed bag-of-n-gram MLPs',
  transformer: 'small transformers (src/model/transformer)',
  both: 'hashed bag-of-n-gram MLPs (and, in section 7, small transformers)',
} as const satisfies Sentence<string>;

export const SIGNAL_METRICS = {
  some:
    'Metrics with signal, from which the verdicts below are drawn: {metrics}. Differences on the other ' +
    'metrics are reported as "no signal" and not read as findings.',
  none:
    'No headline metric carries signal (above chance and the length baselines): every difference below ' +
    'is reported as "no signal" and none is read as a finding.',
} as const satisfies Sentence<string>;

export const BELOW_CHANCE_SUBSETS = {
  some:
    'RewardBench-lite subsets where the reference model is below chance beyond its CI: {subsets}. ' +
    'These subsets are built to defeat surface cues (LLMBar adversarial pairs favour the plausible-looking ' +
    'wrong answer; HumanEvalPack pairs differ by a one-token bug; ' +
    'RM-Bench style variants), and a bag-of-n-grams model trained from scratch on a few thousand pairs learns ' +
    'exactly such cues (length, wording), so it is pulled below chance there.',
  none: '',
} as const satisfies Sentence<string>;

/** Where Bradley-Terry stands among the losses on one metric. */
export const LOSS_STANDING = {
  behind: 'behind: {better} {beat} it beyond the CI',
  top: 'on top (by mean)',
  tied: 'tied (rank {rank} of {count} by mean, no loss better beyond the CI)',
} as const satisfies Sentence<string>;

export const LOSS_WORSE = {
  some: '; worse than BT beyond the CI: {worse}',
  none: '',
} as const satisfies Sentence<string>;

export const LOSS_METRIC_CAVEAT = {
  'above chance': '',
  other:
    ' (no signal on this metric: {relation}; so this ranking is not read as a finding: below chance, a ' +
    'higher value means a weaker surface cue, not better preferences)',
} as const satisfies Sentence<string>;

export const LOSS_AGREEMENT = {
  disagree: 'We disagree on the held-out metric: {better} {beat} BT beyond the seed noise.',
  agree: 'We agree: no Table 3 loss beats BT beyond the noise on the metric that carries signal (held-out accuracy).',
  unresolved: 'Our held-out accuracy does not clear chance, so the comparison is unresolved.',
} as const satisfies Sentence<string>;

/** Variants the paper's Table 3 does not have (BT with margin, centring) that beat BT. */
export const LOSS_UNTESTED_BETTER = {
  some: 'Of the variants the paper did not test, {better} {beat} BT on held-out accuracy beyond the noise. ',
  none: '',
} as const satisfies Sentence<string>;

export const POOL_SIZE = {
  known: "The uncurated pool has {pool} training pairs, {ratio}x the curated mix's {curated}. ",
  unknown: '',
} as const satisfies Sentence<string>;

/** Direction words of the data ablation ("pool − curated"), per slot of its sentence. */
export const POOL_VS_CURATED = {
  up: 'better than',
  down: 'worse than',
  none: 'not distinguishable from',
} as const satisfies Sentence<Direction>;
export const POOL_HELD_OUT = {
  up: 'better',
  down: 'worse',
  none: 'not distinguishable',
} as const satisfies Sentence<Direction>;
export const POOL_SCORE = {
  up: 'higher',
  down: 'lower',
  none: 'not distinguishable',
} as const satisfies Sentence<Direction>;

export const POOL_SCORE_CAVEAT = {
  signal: '',
  'below chance': ' (a metric without signal, where higher means closer to chance or to a length rule, not better)',
} as const satisfies Sentence<string>;

/** The data ablation against the paper (curated 80K beats the 378K pool at equal epochs). */
export const DATA_ABLATION_VERDICT = {
  'agree-steps-disagree-epochs':
    'read on our held-out accuracy (the paper measured RewardBench, where our models have no signal, so ' +
    'this is the nearest like-for-like reading, not a replication), we agree at equal steps (the curated ' +
    'pairs make each step count for more) and disagree at equal epochs: given {ratio} times more steps on ' +
    'the larger pool, the small model trained from scratch does better, as it needs volume more than a ' +
    'pretrained LLM does.',
  disagree:
    'read on our held-out accuracy (not RewardBench, where our models have no signal), we disagree: here ' +
    'more (uncurated) data helps a small model trained from scratch, which needs volume more than a ' +
    'pretrained LLM does.',
  agree: 'read on our held-out accuracy (not RewardBench, where our models have no signal), we agree in direction.',
  mixed: 'our metrics that carry signal point different ways, so we neither confirm nor contradict it.',
  unresolved:
    'on the metrics that carry signal our comparison does not resolve a difference, so we neither confirm nor ' +
    'contradict it; the curated mix reaches the same held-out accuracy with {ratio} times fewer steps at ' +
    'equal epochs.',
} as const satisfies Sentence<string>;

export const DECONTAMINATION_VERDICT = {
  inflated: 'we see the contaminated prompts inflate the proxy, the effect decontamination exists to remove.',
  'not inflated':
    'we see no inflation beyond the noise: our proxy pairs are RM-Bench rewrites (correct vs injected-error ' +
    'responses) of the AlpacaEval prompts, so training on the prompt with different responses teaches little ' +
    'about them.',
} as const satisfies Sentence<string>;

export const SAFETY_SCORER_KEPT = {
  'under half':
    'The scorer kept {kept} of {input} HH-harmless training pairs ({percent}%): it ranks fewer than half ' +
    'right, so "pairs it already gets right" are those that agree with its surface preferences. ',
  'half or more': 'The scorer kept {kept} of {input} HH-harmless training pairs ({percent}%). ',
  unknown: '',
} as const satisfies Sentence<string>;

/** Held-out HH harmless, unfiltered − filtered. */
export const SAFETY_HELD_OUT = {
  up:
    'On the in-distribution metric the filter hurts: trained on the pairs a weak scorer already agrees with, ' +
    'the model does worse on held-out HH-harmless pairs. ',
  down: '',
  none: '',
} as const satisfies Sentence<Direction>;

/** RB-lite Safety, unfiltered − filtered. */
export const SAFETY_VERDICT = {
  down: 'Filtering helps Safety, as in the paper.',
  up:
    'Filtering costs Safety here, unlike the paper: our scorer is a weak model, so "pairs it already gets ' +
    'right" are mostly the ones its surface cues get right, which teaches the trained model less about refusals.',
  none:
    'The filter does not move Safety beyond the noise: with HH harmless capped at the same count in both ' +
    'variants, the filter only changes which pairs are kept, and our scorer is weak.',
} as const satisfies Sentence<Direction>;

export const SAFETY_BELOW_CHANCE = {
  'moved, both below chance':
    ' Both variants score Safety below chance, so this is a change in which surface cue the model follows ' +
    '(refusals are short), read with that caveat rather than as a finding about safety.',
  other: '',
} as const satisfies Sentence<string>;
