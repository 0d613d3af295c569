// PLACEHOLDER until issue 3 lands: replaced by the real command.
import type { CliCommand } from './types.js';

export const command: CliCommand = {
  name: 'import',
  summary: 'Import any file of preference pairs into the workbench schema',
  usage: 'rmw import: not available yet',
  async run() {
    throw new Error('rmw import is not available yet');
  },
};
