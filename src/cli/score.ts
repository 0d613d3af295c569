// PLACEHOLDER until issue 6 lands: replaced by the real command.
import type { CliCommand } from './types.js';

export const command: CliCommand = {
  name: 'score',
  summary: 'RewardBench section scores from per-subset accuracies',
  usage: 'rmw score: not available yet',
  async run() {
    throw new Error('rmw score is not available yet');
  },
};
