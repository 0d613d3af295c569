// PLACEHOLDER until issue 2 lands: replaced by the real command.
import type { CliCommand } from './types.js';

export const command: CliCommand = {
  name: 'env',
  summary: 'Versions, backend selection and a toy Bradley-Terry run',
  usage: 'rmw env: not available yet',
  async run() {
    throw new Error('rmw env is not available yet');
  },
};
