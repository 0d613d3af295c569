// PLACEHOLDER until issue 7 lands: replaced by the real command.
import type { CliCommand } from './types.js';

export const command: CliCommand = {
  name: 'curate',
  summary: 'Build a preference mix from a recipe',
  usage: 'rmw curate: not available yet',
  async run() {
    throw new Error('rmw curate is not available yet');
  },
};
