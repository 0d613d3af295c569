// Where each engine reads the reward of a sequence, written into the job (reward_position.json) and copied beside
// the trained model, so score_pairs.py pools at the token the model was trained on:
//   OpenRLHF: the conversation text after its chat template, stripped of trailing newlines, gets " " + EOS appended
//     unless it already ends with EOS; it is tokenized without special tokens, cut at max_len with the last token
//     forced to EOS, padded on the left, and the reward is the value head at that EOS
//     (openrlhf/datasets/reward_dataset.py __getitem__); a tokenizer without a pad token gets pad = EOS.
//   TRL: conversational pairs are tokenized by apply_chat_template as they are (no EOS added), padded on the right
//     with pad = EOS when the tokenizer has none, and AutoModelForSequenceClassification reads the last token that is
//     not the pad id (trl/trainer/reward_trainer.py: "SequenceClassification models need config.pad_token_id to
//     locate the last non-pad token").
import type { Engine } from './engine.js';

export const REWARD_POSITION_FILE = 'reward_position.json';

export type RewardToken = 'eos' | 'last-non-pad';

export interface RewardPosition {
  engine: Engine;
  rewardToken: RewardToken;
  /** How the scored text is built, in the engine's order. */
  text: string;
  padding: 'left' | 'right';
  source: string;
}

export const REWARD_POSITIONS: Record<Engine, RewardPosition> = {
  openrlhf: {
    engine: 'openrlhf',
    rewardToken: 'eos',
    text:
      'chat template, trailing newlines stripped, " " + EOS appended unless present, no special tokens ' +
      'added, last token forced to EOS',
    padding: 'left',
    source: 'openrlhf/datasets/reward_dataset.py (RewardDataset.__getitem__); pad = EOS when the tokenizer has none',
  },
  trl: {
    engine: 'trl',
    rewardToken: 'last-non-pad',
    text: 'chat template as is (apply_chat_template, tokenize=True)',
    padding: 'right',
    source:
      'trl/trainer/reward_trainer.py: pad = EOS when none, config.pad_token_id set, the sequence classifier ' +
      'reads the last non-pad token',
  },
};

export function rewardPositionJson(engine: Engine): string {
  return `${JSON.stringify({ writtenBy: 'rmw export', ...REWARD_POSITIONS[engine] }, null, 2)}\n`;
}
