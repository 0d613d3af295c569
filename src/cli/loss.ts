// PLACEHOLDER until issue 4 lands: replaced by the real command.
import type { CliCommand } from './types.js';

export const command: CliCommand = {
  name: 'loss',
  summary: 'Evaluate a pairwise loss and its gradients on numbers',
  usage: 'rmw loss: not available yet',
  async run() {
    throw new Error('rmw loss is not available yet');
  },
};
