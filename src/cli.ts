// `rmw`: the command-line entry point. Every subcommand lives in src/cli/<name>.ts and declares its flags there.
// Exit codes: 0 success; 1 the work failed, or its result is empty or invalid (printed, then the reason); 2 the
// command line is wrong (unknown command or flag, bad or empty value), reported before any work starts.
import { parseArgs } from './cli/args.js';
import type { CliCommand } from './cli/types.js';
import { commands } from './cli/commands.js';
import { EXIT, ResultError, UsageError } from './cli/errors.js';
import { closest } from './cli/flags.js';
import { setting } from './config/env.js';
import { OutputRefusedError } from './util/output/errors.js';
import { EXIT_OUTPUT_LOST, guardStdio, stdoutClosedAtStart } from './util/stdio.js';

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
    'Exit codes: 0 success, 1 failed or empty/invalid result, 2 wrong command line.',
  ].join('\n');
}

function render(command: CliCommand, result: unknown, json: boolean): string {
  if (json) return JSON.stringify(result, null, 2);
  return command.format ? command.format(result) : JSON.stringify(result, null, 2);
}

/** Runs one command line and returns its exit code. Results go to `stdout` (a test may collect them); messages and
 * progress to process.stderr. */
export async function main(
  argv: string[],
  stdout: (text: string) => void = (text) => void process.stdout.write(text),
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    stdout(`${helpText()}\n`);
    return EXIT.ok;
  }
  if (name === '--version') {
    const { readFileSync } = await import('node:fs');
    const { fromRoot } = await import('./util/paths.js');
    stdout(`${JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')).version}\n`);
    return EXIT.ok;
  }
  const command: CliCommand | undefined = commands.find((c) => c.name === name);
  if (!command) {
    const guess = closest(
      name,
      commands.map((c) => c.name),
    );
    process.stderr.write(`rmw: unknown command "${name}"${guess ? `; did you mean ${guess}?` : ''}\n\n${helpText()}\n`);
    return EXIT.usage;
  }
  let args;
  try {
    args = parseArgs(rest, command.flags);
  } catch (err) {
    process.stderr.write(`rmw ${name}: ${(err as Error).message}\n(rmw ${name} --help lists the options)\n`);
    return EXIT.usage;
  }
  if (args.flags.help === true) {
    stdout(`${command.usage}\n`);
    return EXIT.ok;
  }
  const json = args.flags.json === true;
  try {
    const result = await command.run(args);
    if (result !== undefined || json) stdout(`${render(command, result, json)}\n`);
    return EXIT.ok;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof ResultError) {
      const shown = json ? { ...(err.result as object), error: message } : err.result;
      stdout(`${render(command, shown, json)}\n`);
    } else if (json) stdout(`${JSON.stringify({ error: message }, null, 2)}\n`);
    const usage = err instanceof UsageError || err instanceof OutputRefusedError;
    process.stderr.write(`rmw ${name}: ${message}\n${usage ? `(rmw ${name} --help lists the options)\n` : ''}`);
    if (setting('debug') && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return usage ? EXIT.usage : EXIT.failed;
  }
}

/**
 * The `rmw` program: `main` on the process's own standard streams. A stdout closed at the start is refused before
 * any work (the results would be lost); one closed later (a reader that went away) ends with one line and code 1.
 */
export async function runCli(argv: string[]): Promise<number> {
  const who = argv[0] && !argv[0].startsWith('-') ? `rmw ${argv[0]}` : 'rmw';
  guardStdio(who);
  if (stdoutClosedAtStart()) {
    process.stderr.write(
      `${who}: standard output is closed (>&-), so the result would be lost; ` +
        'send it to a file, or to /dev/null to discard it\n',
    );
    return EXIT_OUTPUT_LOST;
  }
  return main(argv);
}

const invokedDirectly = process.argv[1] && /cli\.(ts|js|cjs)$/.test(process.argv[1]);
if (invokedDirectly) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
