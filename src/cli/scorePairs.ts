// PLACEHOLDER until issue 5 lands: replaced by the real command.
import type { CliCommand } from './types.js';

export const command: CliCommand = {
  name: 'score-pairs',
  summary: 'Score pairs with a trained run',
  usage: 'rmw score-pairs: not available yet',
  async run() {
    throw new Error('rmw score-pairs is not available yet');
  },
};
