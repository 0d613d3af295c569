// OpenRLHF's train_rm renamed its flags twice over its releases (--flash_attn -> --attn_implementation in 0.8.10,
// --bf16 -> --param_dtype in 0.9.2, dotted group names such as --ds.zero_stage from 0.10.2). The flags each era
// declares are recorded, with the engine file each list was read from, in data/engines/openrlhf-train-rm.json; this
// module reads that record, names the era a version belongs to, and maps the job's settings to that era's names.
import { readFileSync } from 'node:fs';
import { InputError } from '../util/errors.js';
import { fromRoot } from '../util/paths.js';

export interface FlagSource {
  repo: string;
  path: string;
  /** The commit the list was read at, or null where the store gave the text without it (storeId then says which). */
  commit: string | null;
  storeId?: string;
  note?: string;
  flags: string[];
}

export interface OpenRlhfEra {
  id: EraId;
  versions: { min: string; max: string | null };
  /** The release the README pins for this era. */
  pinned: string;
  launcher: string;
  /** What the record could not find, said where it matters. */
  gap?: string;
  sources: FlagSource[];
}

export const ERA_IDS = [
  'plain-flash-attn',
  'plain-attn-implementation-bf16',
  'plain-param-dtype',
  'dotted-ds',
] as const;
export type EraId = (typeof ERA_IDS)[number];

export const OPENRLHF_FLAGS_FILE = 'data/engines/openrlhf-train-rm.json';

/** The recorded eras, oldest first, checked for shape (every era known, every source with a flag list). */
export function loadOpenRlhfEras(file = fromRoot(...OPENRLHF_FLAGS_FILE.split('/'))): OpenRlhfEra[] {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { eras?: OpenRlhfEra[] };
  const eras = doc.eras ?? [];
  eras.forEach((e, i) => {
    if (e.id !== ERA_IDS[i]) throw new InputError({ file }, `era ${i} is "${e.id}", expected "${ERA_IDS[i]}"`);
    if (!e.sources?.length || e.sources.some((s) => !Array.isArray(s.flags) || !s.flags.length))
      throw new InputError({ file }, `era "${e.id}": every source needs its flag list`);
  });
  if (eras.length !== ERA_IDS.length) throw new InputError({ file }, `expected ${ERA_IDS.length} eras`);
  return eras;
}

/** Every flag the era's recorded sources declare. */
export function eraFlagSet(era: OpenRlhfEra): Set<string> {
  return new Set(era.sources.flatMap((s) => s.flags));
}

/** "0.10.2" -> [0, 10, 2]; the same rule the launch script applies to the installed version (release numbers only). */
export function versionParts(text: string): [number, number, number] {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(text.trim());
  if (!m) throw new Error(`not a version: "${text}"`);
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

function compare(a: [number, number, number], b: [number, number, number]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** The era a version falls in, or undefined outside every recorded range. */
export function eraOfVersion(eras: readonly OpenRlhfEra[], version: string): OpenRlhfEra | undefined {
  const v = versionParts(version);
  return eras.find(
    (e) =>
      compare(v, versionParts(e.versions.min)) >= 0 &&
      (e.versions.max === null || compare(v, versionParts(e.versions.max)) <= 0),
  );
}

/** "0.7.4 - 0.8.9, 0.8.10 - 0.9.1, ..." for refusals. */
export function supportedRange(eras: readonly OpenRlhfEra[]): string {
  return eras
    .map((e) => (e.versions.max ? `${e.versions.min} - ${e.versions.max}` : `>= ${e.versions.min}`))
    .join(', ');
}

/** What the job sets, by meaning; each era names it differently (or leaves it to its default: null). */
export type JobSetting =
  | 'model'
  | 'dataset'
  | 'evalDataset'
  | 'evalSplit'
  | 'maxSamples'
  | 'chosenKey'
  | 'rejectedKey'
  | 'chatTemplate'
  | 'maxLen'
  | 'batch'
  | 'microBatch'
  | 'epochs'
  | 'lr'
  | 'scheduler'
  | 'warmup'
  | 'weightDecay'
  | 'betas'
  | 'maxNorm'
  | 'loss'
  | 'marginLoss'
  | 'zeroStage'
  | 'gradientCheckpointing'
  | 'seed'
  | 'valueHead'
  | 'savePath'
  | 'ckptPath'
  | 'saveSteps'
  | 'evalSteps'
  | 'loggingSteps';

const PLAIN: Record<JobSetting, string> = {
  model: '--pretrain',
  dataset: '--dataset',
  evalDataset: '--eval_dataset',
  evalSplit: '--eval_split',
  maxSamples: '--max_samples',
  chosenKey: '--chosen_key',
  rejectedKey: '--rejected_key',
  chatTemplate: '--apply_chat_template',
  maxLen: '--max_len',
  batch: '--train_batch_size',
  microBatch: '--micro_train_batch_size',
  epochs: '--max_epochs',
  lr: '--learning_rate',
  scheduler: '--lr_scheduler',
  warmup: '--lr_warmup_ratio',
  weightDecay: '--l2',
  betas: '--adam_betas',
  maxNorm: '--max_norm',
  loss: '--loss',
  marginLoss: '--margin_loss',
  zeroStage: '--zero_stage',
  gradientCheckpointing: '--gradient_checkpointing',
  seed: '--seed',
  valueHead: '--value_head_prefix',
  savePath: '--save_path',
  ckptPath: '--ckpt_path',
  saveSteps: '--save_steps',
  evalSteps: '--eval_steps',
  loggingSteps: '--logging_steps',
};

// The dotted era: names from the engine's dotted train_rm and its example launch (the data file says which).
// The value head keeps its default name ("score" in every era): its dotted DeepSpeed name is not in the record.
const DOTTED: Record<JobSetting, string | null> = {
  model: '--model.model_name_or_path',
  dataset: '--data.dataset',
  evalDataset: '--eval.dataset',
  evalSplit: '--eval.split',
  maxSamples: '--data.max_samples',
  chosenKey: '--data.chosen_key',
  rejectedKey: '--data.rejected_key',
  chatTemplate: '--data.apply_chat_template',
  maxLen: '--data.max_len',
  batch: '--train.batch_size',
  microBatch: '--train.micro_batch_size',
  epochs: '--train.max_epochs',
  lr: '--adam.lr',
  scheduler: '--lr_scheduler',
  warmup: '--lr_warmup_ratio',
  weightDecay: '--adam.weight_decay',
  betas: '--adam.betas',
  maxNorm: '--max_norm',
  loss: '--model.loss_type',
  marginLoss: '--model.margin_loss_enable',
  zeroStage: '--ds.zero_stage',
  gradientCheckpointing: '--model.gradient_checkpointing_enable',
  seed: '--train.seed',
  valueHead: null,
  savePath: '--ckpt.output_dir',
  ckptPath: '--ckpt.path',
  saveSteps: '--ckpt.save_steps',
  evalSteps: '--eval.steps',
  loggingSteps: '--logger.logging_steps',
};

/** The era's flag for a setting, or null where the era keeps the engine default. */
export function eraFlagName(era: EraId, setting: JobSetting): string | null {
  return era === 'dotted-ds' ? DOTTED[setting] : PLAIN[setting];
}

/** Precision and attention: the flags that changed between eras, as words on the command line. */
export function eraPrecisionWords(era: EraId): string[] {
  if (era === 'plain-flash-attn' || era === 'plain-attn-implementation-bf16') return ['--bf16'];
  return era === 'plain-param-dtype' ? ['--param_dtype', 'bf16'] : ['--ds.param_dtype', 'bf16'];
}

export function eraAttentionWords(era: EraId, implementation: string): string[] {
  // Before 0.8.10 the only choice is the --flash_attn switch; without it the model loads with eager attention.
  if (era === 'plain-flash-attn') return implementation === 'flash_attention_2' ? ['--flash_attn'] : [];
  return [era === 'dotted-ds' ? '--ds.attn_implementation' : '--attn_implementation', implementation];
}
