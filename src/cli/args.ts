// The command-line tokenizer: argv -> positionals and raw flag values (--name value, --name=value, bare --name).
// With a command's flag spec it knows which flags are switches, which never take the next word; without one,
// --json, --help and every --no-<x> are switches. The values are typed and checked against the spec in flags.ts.
// Not node's util.parseArgs: in strict mode it refuses a value that starts with a dash (`--chosen -1,2`, which
// `rmw loss` takes) and its unknown-option error cannot name the flag a typo meant.
import type { FlagSpecs, ParsedArgs } from './types.js';
import { UsageError } from './errors.js';

/** A word that starts a new flag rather than being a value: `--name`, but not a negative number such as `--5`. */
function isFlagWord(word: string): boolean {
  return word.startsWith('--') && !/^--?\d/.test(word);
}

function isSwitch(name: string, spec: FlagSpecs | undefined): boolean {
  if (name === 'json' || name === 'help') return true;
  if (spec) return spec[name]?.type === 'boolean';
  return name.startsWith('no-');
}

/**
 * Splits argv. A flag that takes a value but is followed by nothing or by another flag is recorded as `true`
 * (flags.ts reports it as a missing value); a single-dash word that is not a number (`-x`) is recorded under its
 * own spelling, so it is reported as an unknown option rather than taken for a positional.
 */
export function parseArgs(argv: string[], spec?: FlagSpecs): ParsedArgs {
  const positional: string[] = [];
  const flags: Record<string, string | boolean> = {};
  // Every flag holds one value: a second one (`--seed 1 --seed 2`) is refused rather than silently replacing the first.
  const set = (name: string, value: string | boolean) => {
    if (name in flags) {
      const shown = (v: string | boolean) => (v === true ? `--${name}` : `--${name} ${String(v)}`);
      throw new UsageError(`${shown(flags[name])} and ${shown(value)}: --${name} is given twice; give it once`);
    }
    flags[name] = value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      if (eq > 0) {
        set(arg.slice(2, eq), arg.slice(eq + 1));
        continue;
      }
      const name = arg.slice(2);
      const next = argv[i + 1];
      if (!isSwitch(name, spec) && next !== undefined && !isFlagWord(next)) {
        set(name, next);
        i++;
      } else set(name, true);
    } else if (arg === '-h') set('help', true);
    else if (/^-[^\d.]/.test(arg)) set(arg, true);
    else positional.push(arg);
  }
  return { positional, flags, argv: [...argv] };
}

/** "1,0.2,-3" → [1, 0.2, -3], naming the flag and position of a bad entry. */
export function parseNumberList(name: string, value: string): number[] {
  return value.split(',').map((s, i) => {
    const n = Number(s.trim());
    if (s.trim() === '' || !Number.isFinite(n))
      throw new UsageError(`--${name}: entry ${i + 1} ("${s}") is not a number`);
    return n;
  });
}

/** The number list a flag holds (undefined when absent). */
export function flagNumberList(args: ParsedArgs, name: string): number[] | undefined {
  const v = args.flags[name];
  if (v === undefined || v === false) return undefined;
  if (v === true) throw new UsageError(`--${name} needs a value`);
  return parseNumberList(name, v);
}
