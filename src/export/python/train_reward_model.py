"""Train a Bradley-Terry reward model with TRL's RewardTrainer on a curated preference mix.

Copied into a job folder by `rmw export trl` (reward-workbench). The hyper-parameters live in reward_config.yaml
beside this file, each with its source on its line; this script only hands them to TRL. Facts it relies on:
  - TRL RewardTrainer / RewardConfig (https://huggingface.co/docs/trl/reward_trainer): preference data with an
    implicit prompt in conversational form ("chosen" and "rejected" are whole conversations ending with the
    assistant's answer) is accepted and the tokenizer's chat template is applied by the trainer; pairs longer than
    RewardConfig.max_length are filtered out; a "margin" column, when present, is subtracted from the reward gap,
    so only the columns reward_config.yaml lists under data_columns are passed on ("chosen", "rejected", and
    "margin" only for a BT-with-margin export).
  - RewardConfig extends transformers.TrainingArguments, so learning rate, schedule, warmup, weight decay, batch
    sizes, bf16 and gradient checkpointing are TrainingArguments fields.
  - Under DeepSpeed ZeRO-3 the training arguments are created before from_pretrained: they register the DeepSpeed
    config (HfTrainerDeepSpeedConfig) that from_pretrained looks up to shard the weights as they load
    (https://huggingface.co/docs/transformers/main_classes/deepspeed, HfDeepSpeedConfig).
Run through launch.sh: accelerate launch --config_file accelerate_zero3.yaml train_reward_model.py reward_config.yaml
"""

import argparse
import sys

MIN_TRL = (0, 12)  # RewardTrainer takes processing_class= and conversational data from TRL 0.12 on


def version_tuple(text):
    parts = []
    for piece in text.split(".")[:2]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def load_config(path):
    import yaml

    with open(path, encoding="utf-8") as f:
        cfg = yaml.safe_load(f)
    for key in ("model_name_or_path", "attn_implementation", "train_file", "reward_config"):
        if key not in cfg:
            sys.exit(f"{path}: missing key {key!r}")
    return cfg


def main():
    parser = argparse.ArgumentParser(description="Train a reward model with TRL from reward_config.yaml")
    parser.add_argument("config", help="reward_config.yaml written by rmw export trl")
    args = parser.parse_args()
    cfg = load_config(args.config)

    import torch
    import trl
    from datasets import load_dataset
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    if version_tuple(trl.__version__) < MIN_TRL:
        sys.exit(f"TRL {trl.__version__} is too old: this job needs TRL >= {'.'.join(map(str, MIN_TRL))}")
    from trl import RewardConfig, RewardTrainer

    training_args = RewardConfig(**cfg["reward_config"])
    tokenizer = AutoTokenizer.from_pretrained(cfg["model_name_or_path"])
    model = AutoModelForSequenceClassification.from_pretrained(
        cfg["model_name_or_path"],
        num_labels=1,  # one output: the reward
        torch_dtype=torch.bfloat16,
        attn_implementation=cfg["attn_implementation"],
    )
    # A sequence classifier reads its reward at the last non-pad token, so it must know the pad id; models without a
    # pad token use their end-of-sequence token, as TRL itself does.
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    model.config.pad_token_id = tokenizer.pad_token_id

    files = {"train": cfg["train_file"]}
    if cfg.get("eval_file"):
        files["eval"] = cfg["eval_file"]
    columns = cfg.get("data_columns") or ["chosen", "rejected"]
    data = load_dataset("parquet", data_files=files).select_columns(columns)

    trainer = RewardTrainer(
        model=model,
        args=training_args,
        train_dataset=data["train"],
        eval_dataset=data["eval"] if "eval" in data else None,
        processing_class=tokenizer,
    )
    trainer.train()
    trainer.save_model(training_args.output_dir)
    if trainer.is_world_process_zero():
        tokenizer.save_pretrained(training_args.output_dir)


if __name__ == "__main__":
    main()
