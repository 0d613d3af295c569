// PLACEHOLDER until issue  curate, train, evaluate, figures, notebooks:8 lands: replaced by the real command.
import type { CliCommand } from './types.js';

export const command: CliCommand = {
  name: 'reproduce',
  summary: 'Run the whole chain',
  usage: 'rmw reproduce: not available yet',
  async run() {
    throw new Error('rmw reproduce is not available yet');
  },
};
