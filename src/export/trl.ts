// The TRL job: reward_config.yaml (RewardConfig fields plus the model and data, each value with its source), an
// accelerate config that launches DeepSpeed ZeRO-3 from ds_zero3.json, the training script (train_reward_model.py,
// a fixed program of the product) and launch.sh. Layout and keys follow the pages cited in docs.ts:
//   https://huggingface.co/docs/trl/reward_trainer (RewardConfig = TrainingArguments + max_length, which drops longer
//     pairs, and center_rewards_coefficient; a "margin" column turns the loss into margin BT),
//   https://huggingface.co/docs/accelerate/usage_guides/deepspeed (distributed_type DEEPSPEED, deepspeed_config_file,
//     zero3_init_flag; with a config file, precision and batch sizes go in the JSON, as "auto"),
//   https://huggingface.co/docs/transformers/main_classes/deepspeed ("auto" values filled by the Trainer).
import type { EngineData } from './engineData.js';
import type { Hparam } from './hparams.js';
import type { OutputFolder } from './jobFolder.js';
import type { JobPlan } from './jobPlan.js';
import { REWARD_POSITION_FILE } from './rewardPosition.js';
import { toYaml, type YamlEntry, type YamlScalar } from './yaml.js';

export const TRL_FILES = {
  config: 'reward_config.yaml',
  accelerate: 'accelerate_zero3.yaml',
  deepspeed: 'ds_zero3.json',
  script: 'train_reward_model.py',
  launch: 'launch.sh',
} as const;

export const OUTPUT_DIR = 'output/reward-model';

const entry = (key: string, h: Hparam<YamlScalar>): YamlEntry => ({ key, value: h.value, comment: h.source });

/** RewardConfig (TrainingArguments) fields; names as transformers >= 4.46 and TRL >= 0.12 spell them. */
export function rewardConfigEntries(plan: JobPlan, data: EngineData): YamlEntry[] {
  const h = plan.hparams;
  const l = plan.layout;
  return [
    { key: 'output_dir', value: OUTPUT_DIR, comment: 'where checkpoints and the final model go' },
    entry('learning_rate', h.learningRate),
    entry('num_train_epochs', h.epochs),
    {
      key: 'per_device_train_batch_size',
      value: l.microBatch,
      comment: `${l.why}; global batch ${h.globalBatchSize.value} (${h.globalBatchSize.source})`,
    },
    {
      key: 'gradient_accumulation_steps',
      value: l.accumulation,
      comment: `global batch ${h.globalBatchSize.value} = ${l.microBatch} per GPU x ${l.gpus} GPUs x ${l.accumulation}`,
    },
    entry('lr_scheduler_type', h.scheduler),
    entry('warmup_ratio', h.warmupRatio),
    entry('weight_decay', h.weightDecay),
    { key: 'adam_beta1', value: h.adamBetas.value[0], comment: h.adamBetas.source },
    { key: 'adam_beta2', value: h.adamBetas.value[1], comment: h.adamBetas.source },
    entry('max_grad_norm', h.maxGradNorm),
    {
      key: 'max_length',
      value: h.maxLength.value,
      comment:
        `${h.maxLength.source}; TRL drops longer pairs (${plan.capped.pairsOver} of ` +
        `${plan.mix.train.length} by the proxy count)`,
    },
    { key: 'bf16', value: true, comment: h.precision.source },
    {
      key: 'gradient_checkpointing',
      value: true,
      comment: 'NOT STATED by the paper; needed to fit 8B/27B activations',
    },
    {
      key: 'center_rewards_coefficient',
      value: null,
      comment: `off: ${h.loss.source}, without the reward-centring term`,
    },
    entry('seed', h.seed),
    ...(data.eval
      ? ([
          { key: 'eval_strategy', value: 'epoch', comment: 'held-out split of the mix, after each epoch' },
          { key: 'per_device_eval_batch_size', value: l.microBatch, comment: 'as for training' },
        ] as YamlEntry[])
      : []),
    { key: 'logging_steps', value: 10, comment: 'every 10 optimizer steps' },
    { key: 'save_strategy', value: 'epoch', comment: 'a checkpoint per epoch' },
    { key: 'report_to', value: 'none', comment: 'no tracker; set "wandb" or "tensorboard" to log' },
  ];
}

export function rewardConfigYaml(plan: JobPlan, data: EngineData): string {
  const entries: YamlEntry[] = [
    { key: 'model_name_or_path', value: plan.base.id, comment: `base model; ${plan.base.source}` },
    {
      key: 'attn_implementation',
      value: plan.base.attention.implementation,
      comment: plan.base.attention.why,
    },
    { key: 'train_file', value: data.train.path, comment: `${data.train.pairs} pairs, the curated mix` },
    ...(data.eval
      ? [{ key: 'eval_file', value: data.eval.path, comment: `${data.eval.pairs} pairs, the mix's held-out split` }]
      : []),
    {
      key: 'data_columns',
      value: [...data.columns.filter((c) => c === 'chosen' || c === 'rejected' || c === 'margin')],
      comment:
        data.loss.name === 'bt-margin'
          ? 'with "margin": TRL trains -log sigmoid(r_chosen - r_rejected - margin), BT with margin (the ' +
            "mix's own margins)"
          : 'no "margin" column: TRL would subtract it from the reward gap; plain Bradley-Terry',
    },
    { key: 'reward_config', value: rewardConfigEntries(plan, data), comment: 'trl.RewardConfig(**reward_config)' },
  ];
  return toYaml(entries, [
    `TRL reward-model job written by rmw export trl from the mix ${plan.mix.dir}`,
    `(train.parquet sha256 ${plan.mix.trainSha256}). Values marked "paper" come from data/paper/training-hparams.json;`,
    'values marked NOT STATED were chosen by the exporter, with the rule given. Read by train_reward_model.py.',
  ]);
}

/** accelerate launcher config: DeepSpeed from ds_zero3.json (precision and batch sizes live there, as "auto"). */
export function accelerateYaml(plan: JobPlan): string {
  return toYaml(
    [
      { key: 'compute_environment', value: 'LOCAL_MACHINE' },
      { key: 'distributed_type', value: 'DEEPSPEED' },
      {
        key: 'deepspeed_config',
        value: [
          {
            key: 'deepspeed_config_file',
            value: TRL_FILES.deepspeed,
            comment: 'ZeRO-3; "auto" values from reward_config.yaml',
          },
          { key: 'zero3_init_flag', value: true, comment: 'deepspeed.zero.Init: shard the weights while loading' },
        ],
      },
      { key: 'machine_rank', value: 0 },
      { key: 'num_machines', value: 1, comment: 'one node; for several, set num_machines, main_process_ip and port' },
      { key: 'num_processes', value: plan.layout.gpus, comment: 'one process per GPU (--gpus)' },
      { key: 'main_training_function', value: 'main' },
      { key: 'rdzv_backend', value: 'static' },
      { key: 'same_network', value: true },
      { key: 'use_cpu', value: false },
    ],
    [
      'accelerate config written by rmw export trl (keys: ' +
        'https://huggingface.co/docs/accelerate/usage_guides/deepspeed)',
    ],
  );
}

/** DeepSpeed ZeRO-3; "auto" values are filled by the Trainer from the training arguments. */
export function deepSpeedConfig(): Record<string, unknown> {
  return {
    bf16: { enabled: 'auto' },
    zero_optimization: {
      stage: 3,
      overlap_comm: true,
      contiguous_gradients: true,
      reduce_bucket_size: 'auto',
      stage3_prefetch_bucket_size: 'auto',
      stage3_param_persistence_threshold: 'auto',
      stage3_gather_16bit_weights_on_model_save: true,
    },
    gradient_accumulation_steps: 'auto',
    gradient_clipping: 'auto',
    train_batch_size: 'auto',
    train_micro_batch_size_per_gpu: 'auto',
    steps_per_print: 100000,
    wall_clock_breakdown: false,
  };
}

export const TRL_LAUNCH =
  `accelerate launch --config_file ${TRL_FILES.accelerate} ${TRL_FILES.script} ` + `${TRL_FILES.config}`;

export function trlLaunchScript(plan: JobPlan): string {
  return [
    '#!/usr/bin/env bash',
    `# Train ${plan.base.id} as a reward model on the exported mix with TRL + DeepSpeed ZeRO-3 on ` +
      `${plan.layout.gpus} GPUs.`,
    '# Written by rmw export trl; README.md says what to install and what it costs.',
    'set -euo pipefail',
    'cd "$(dirname "$0")"',
    TRL_LAUNCH,
    '# Where the reward is read (the last non-pad token): score_pairs.py reads this file from the model folder.',
    `mkdir -p ${OUTPUT_DIR} && cp ${REWARD_POSITION_FILE} ${OUTPUT_DIR}/${REWARD_POSITION_FILE}`,
    '',
  ].join('\n');
}

export function writeTrlJob(out: OutputFolder, plan: JobPlan, data: EngineData): { launch: string } {
  out.write(TRL_FILES.config, rewardConfigYaml(plan, data));
  out.write(TRL_FILES.accelerate, accelerateYaml(plan));
  out.write(TRL_FILES.deepspeed, `${JSON.stringify(deepSpeedConfig(), null, 2)}\n`);
  out.copyPython(TRL_FILES.script);
  out.write(TRL_FILES.launch, trlLaunchScript(plan), { executable: true });
  return { launch: `bash ${TRL_FILES.launch}` };
}
