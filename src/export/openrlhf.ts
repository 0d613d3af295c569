// The OpenRLHF job: one launch script, train_rm.sh, that runs `deepspeed --module openrlhf.cli.train_rm` with every
// flag on its own line followed by its source (a bash array allows a comment per element). Flag names are those of
// train_rm.py with plain flags (--pretrain, --bf16, --flash_attn), as declared in
// https://github.com/OpenRLHF/OpenRLHF/blob/main/openrlhf/cli/train_rm.py and used in the quick start
// (https://openrlhf.readthedocs.io/en/latest/quick_start.html); the script first checks that the installed OpenRLHF
// still takes them, since later releases renamed several. Its scheduler gets min_lr = 0.1 x lr from train_rm itself.
import type { EngineData } from './engineData.js';
import type { OutputFolder } from './jobFolder.js';
import type { JobPlan } from './jobPlan.js';
import { yamlNumber } from './yaml.js';

export const OPENRLHF_SCRIPT = 'train_rm.sh';
export const OPENRLHF_SAVE = 'output/reward-model';

export interface Flag {
  flag: string;
  /** Values after the flag (none for a switch). */
  values: (string | number)[];
  source: string;
}

const shellWord = (v: string | number) => {
  const s = typeof v === 'number' ? yamlNumber(v) : v;
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
};

export function openRlhfFlags(plan: JobPlan, data: EngineData): Flag[] {
  const h = plan.hparams;
  const l = plan.layout;
  const f = (flag: string, values: (string | number)[], source: string): Flag => ({ flag, values, source });
  return [
    f('--pretrain', [plan.base.id], `base model; ${plan.base.source}`),
    f('--dataset', [data.train.path], `${data.train.pairs} pairs, the curated mix (columns chosen, rejected)`),
    ...(data.eval
      ? [
          f('--eval_dataset', [data.eval.path], `${data.eval.pairs} pairs, the mix's held-out split`),
          f('--eval_split', ['train'], 'a local Parquet file loads as one split named "train"'),
        ]
      : []),
    f('--max_samples', [data.train.pairs], 'all pairs (the default cap, 1,000,000, would cut a larger mix)'),
    f('--chosen_key', ['chosen'], 'conversation ending with the preferred answer'),
    f('--rejected_key', ['rejected'], 'conversation ending with the other answer'),
    f('--apply_chat_template', [], "the base model's chat template over the whole conversation (no --prompt_key)"),
    f('--max_len', [h.maxLength.value], `${h.maxLength.source}; OpenRLHF truncates longer sequences`),
    f('--train_batch_size', [h.globalBatchSize.value], h.globalBatchSize.source),
    f('--micro_train_batch_size', [l.microBatch], `${l.why}; OpenRLHF accumulates ${l.accumulation} micro batches`),
    f('--max_epochs', [h.epochs.value], h.epochs.source),
    f('--learning_rate', [h.learningRate.value], h.learningRate.source),
    f(
      '--lr_scheduler',
      ['cosine_with_min_lr'],
      `${h.scheduler.source}; OpenRLHF passes min_lr = 0.1 x lr to its scheduler, so this is its cosine (floor 10%)`,
    ),
    f('--lr_warmup_ratio', [h.warmupRatio.value], h.warmupRatio.source),
    f('--l2', [h.weightDecay.value], `weight decay; ${h.weightDecay.source}`),
    f('--adam_betas', [...h.adamBetas.value], `${h.adamBetas.source} (OpenRLHF's own default is 0.9 0.95)`),
    f('--max_norm', [h.maxGradNorm.value], h.maxGradNorm.source),
    f('--loss', ['sigmoid'], `Bradley-Terry; ${h.loss.source} (no --margin_loss)`),
    f('--zero_stage', [3], 'DeepSpeed ZeRO-3: parameters, gradients and optimizer states sharded over the GPUs'),
    f('--bf16', [], h.precision.source),
    ...(plan.base.attention.implementation === 'flash_attention_2'
      ? [f('--flash_attn', [], plan.base.attention.why)]
      : []),
    f('--gradient_checkpointing', [], 'NOT STATED by the paper; needed to fit 8B/27B activations'),
    f('--seed', [h.seed.value], h.seed.source),
    f('--value_head_prefix', ['score'], 'so AutoModelForSequenceClassification loads the result (and score_pairs.py)'),
    f('--save_path', [OPENRLHF_SAVE], 'the final model'),
    f('--ckpt_path', ['output/checkpoints'], 'DeepSpeed checkpoints'),
    f('--save_steps', [-1], 'no intermediate checkpoints'),
    f('--eval_steps', [-1], 'evaluate once per epoch'),
    f('--logging_steps', [10], 'every 10 optimizer steps'),
  ];
}

export function openRlhfScript(plan: JobPlan, data: EngineData): string {
  const flags = openRlhfFlags(plan, data);
  const width = Math.max(...flags.map((x) => [x.flag, ...x.values.map(shellWord)].join(' ').length));
  const lines = flags.map((x) => {
    const words = [x.flag, ...x.values.map(shellWord)].join(' ');
    return `  ${words.padEnd(width)}  # ${x.source.replace(/\n/g, ' ')}`;
  });
  return [
    '#!/usr/bin/env bash',
    `# Train ${plan.base.id} as a reward model on the exported mix with OpenRLHF's train_rm (DeepSpeed ZeRO-3,`,
    `# ${plan.layout.gpus} GPUs). Written by rmw export openrlhf; README.md says what to install and what it costs.`,
    `# Flags: https://github.com/OpenRLHF/OpenRLHF/blob/main/openrlhf/cli/train_rm.py`,
    'set -euo pipefail',
    'cd "$(dirname "$0")"',
    '',
    '# Later OpenRLHF releases renamed these flags (--param_dtype, then dotted names such as --ds.zero_stage):',
    '# stop with a clear message rather than fail halfway.',
    'if ! python -m openrlhf.cli.train_rm --help 2>/dev/null | grep -q -- "--pretrain"; then',
    '  echo "train_rm.sh: this OpenRLHF does not take --pretrain/--bf16/--flash_attn; install a release that does" >&2',
    '  echo "(see README.md) or rename the flags below after python -m openrlhf.cli.train_rm --help" >&2',
    '  exit 1',
    'fi',
    '',
    'ARGS=(',
    ...lines,
    ')',
    '',
    `deepspeed --num_gpus ${plan.layout.gpus} --module openrlhf.cli.train_rm "\${ARGS[@]}"`,
    '',
  ].join('\n');
}

export function writeOpenRlhfJob(out: OutputFolder, plan: JobPlan, data: EngineData): { launch: string } {
  out.write(OPENRLHF_SCRIPT, openRlhfScript(plan, data), { executable: true });
  return { launch: `bash ${OPENRLHF_SCRIPT}` };
}
