// The engine documentation the exported jobs follow: each page's address and what it says that the job depends on,
// in our words. Printed in every job README and job.json, so a reader can check a setting against its source.

export interface DocCitation {
  id: string;
  url: string;
  says: string;
}

export const DOCS: Record<string, DocCitation> = {
  trlRewardTrainer: {
    id: 'trlRewardTrainer',
    url: 'https://huggingface.co/docs/trl/reward_trainer',
    says:
      'RewardTrainer takes preference data with an implicit or explicit prompt, plain or conversational; for ' +
      'conversational data it applies the tokenizer chat template itself. The loss is -log sigmoid(r_chosen - ' +
      'r_rejected) (Bradley-Terry), with an optional reward-centring term (center_rewards_coefficient). RewardConfig ' +
      'extends TrainingArguments; its max_length filters out longer pairs, and a "margin" column, when the data has ' +
      'one, is subtracted from the reward gap.',
  },
  trlDatasetFormats: {
    id: 'trlDatasetFormats',
    url: 'https://huggingface.co/docs/trl/dataset_formats',
    says:
      'A conversational preference example with an implicit prompt has two columns, "chosen" and "rejected", each a ' +
      'list of {"role", "content"} messages: the prompt turns followed by the final assistant message.',
  },
  accelerateDeepSpeed: {
    id: 'accelerateDeepSpeed',
    url: 'https://huggingface.co/docs/accelerate/usage_guides/deepspeed',
    says:
      'An accelerate config selects DeepSpeed with distributed_type: DEEPSPEED; under deepspeed_config it names a ' +
      'DeepSpeed JSON (deepspeed_config_file) and zero3_init_flag (deepspeed.zero.Init for large models). With a ' +
      'config file, mixed precision, clipping and accumulation belong in the JSON, not the accelerate YAML; "auto" ' +
      'values are filled from the training arguments. stage3_gather_16bit_weights_on_model_save makes ZeRO-3 save ' +
      'whole 16-bit weights.',
  },
  transformersDeepSpeed: {
    id: 'transformersDeepSpeed',
    url: 'https://huggingface.co/docs/transformers/main_classes/deepspeed',
    says:
      'The Trainer keeps its DeepSpeed config where from_pretrained can find it (HfDeepSpeedConfig), so creating the ' +
      'training arguments before loading the model lets ZeRO-3 shard the weights as they load.',
  },
  openrlhfTrainRm: {
    id: 'openrlhfTrainRm',
    url: 'https://github.com/OpenRLHF/OpenRLHF/blob/main/openrlhf/cli/train_rm.py',
    says:
      'train_rm takes the base model, a training and an evaluation dataset (a Hub name or a local .parquet/.jsonl ' +
      'file), the chosen/rejected keys, --apply_chat_template, the maximum length, the global and per-GPU batch ' +
      'sizes, epochs, learning rate, warmup ratio, scheduler (cosine_with_min_lr, floor 0.1 x lr), weight ' +
      'decay, Adam betas, gradient clipping, the loss (sigmoid = Bradley-Terry) and a margin switch, the ZeRO ' +
      'stage, precision, ' +
      'attention and gradient checkpointing. The flag names changed across releases (--flash_attn to ' +
      "--attn_implementation, --bf16 to --param_dtype, then dotted names such as --ds.zero_stage); each era's " +
      'names, read from this file at a commit of that era, are in data/engines/openrlhf-train-rm.json.',
  },
  openrlhfQuickStart: {
    id: 'openrlhfQuickStart',
    url: 'https://openrlhf.readthedocs.io/en/latest/quick_start.html',
    says:
      'Reward models are trained with `deepspeed --module openrlhf.cli.train_rm` and --apply_chat_template with ' +
      '--chosen_key chosen --rejected_key rejected; --value_head_prefix score lets ' +
      'AutoModelForSequenceClassification ' +
      'load the result.',
  },
  openrlhfRewardDataset: {
    id: 'openrlhfRewardDataset',
    url: 'https://github.com/OpenRLHF/OpenRLHF/blob/main/openrlhf/datasets/reward_dataset.py',
    says:
      'Without --prompt_key, --apply_chat_template formats the whole "chosen" and "rejected" conversations; ' +
      'sequences ' +
      'over --max_len are truncated (not dropped); a "margin" field is read only for --margin_loss.',
  },
};
