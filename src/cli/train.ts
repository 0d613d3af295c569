// PLACEHOLDER until issue 5 lands: replaced by the real command.
import type { CliCommand } from './types.js';

export const command: CliCommand = {
  name: 'train',
  summary: 'Train a reward model on a preference mix',
  usage: 'rmw train: not available yet',
  async run() {
    throw new Error('rmw train is not available yet');
  },
};
