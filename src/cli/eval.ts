// PLACEHOLDER until issue 6 lands: replaced by the real command.
import type { CliCommand } from './types.js';

export const command: CliCommand = {
  name: 'eval',
  summary: 'Evaluate a trained run on RewardBench-lite, RM-Bench or JudgeBench',
  usage: 'rmw eval: not available yet',
  async run() {
    throw new Error('rmw eval is not available yet');
  },
};
