// PLACEHOLDER until issue 8 lands: replaced by the real command.
import type { CliCommand } from './types.js';

export const command: CliCommand = {
  name: 'figures',
  summary: 'Regenerate the paper figures and tables',
  usage: 'rmw figures: not available yet',
  async run() {
    throw new Error('rmw figures is not available yet');
  },
};
