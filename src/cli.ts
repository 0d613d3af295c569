// `rmw`: the command-line entry point. Every subcommand lives in src/cli/<name>.ts.
import { parseArgs } from './cli/args.js';
import type { CliCommand } from './cli/types.js';
import { commands } from './cli/commands.js';
import { setting } from './config/env.js';

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'rmw: the reward-modeling workbench (a replay of Skywork-Reward, Liu et al. 2024)',
    '',
    'usage: rmw <command> [options] [--json]',
    '',
    'commands:',
    ...lines,
    '',
    'Add --json for machine-readable output on stdout; progress goes to stderr.',
    "Run `rmw <command> --help` for a command's options.",
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${helpText()}\n`);
    return 0;
  }
  if (name === '--version') {
    const { readFileSync } = await import('node:fs');
    const { fromRoot } = await import('./util/paths.js');
    process.stdout.write(`${JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')).version}\n`);
    return 0;
  }
  const command: CliCommand | undefined = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`rmw: unknown command "${name}"\n\n${helpText()}\n`);
    return 2;
  }
  const args = parseArgs(rest);
  if (args.flags.help) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    const result = await command.run(args);
    if (args.flags.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else if (result !== undefined) {
      process.stdout.write(`${command.format ? command.format(result) : JSON.stringify(result, null, 2)}\n`);
    }
    return 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (args.flags.json) process.stdout.write(`${JSON.stringify({ error: message }, null, 2)}\n`);
    process.stderr.write(`rmw ${name}: ${message}\n`);
    if (setting('debug') && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] && /cli\.(ts|js|cjs)$/.test(process.argv[1]);
if (invokedDirectly) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
