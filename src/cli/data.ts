// PLACEHOLDER until issue 3 lands: replaced by the real command.
import type { CliCommand } from './types.js';

export const command: CliCommand = {
  name: 'data',
  summary: 'List, verify and load the public sources',
  usage: 'rmw data: not available yet',
  async run() {
    throw new Error('rmw data is not available yet');
  },
};
