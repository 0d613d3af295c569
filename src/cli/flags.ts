// Declarative flags: each command declares its flags once (name, type, default, help) and that one spec tokenizes
// and checks the command line and prints `--help`. Strict, as argparse and TRL's parser are: an unknown flag is an
// error naming the closest known one, a missing or empty value is an error, numbers must be numbers, switches take
// no value, and extra positional arguments are refused. Every such mistake is a UsageError (exit code 2).
import { parseArgs, parseNumberList } from './args.js';
import { UsageError } from './errors.js';
import type { CliCommand, FlagSpec, FlagSpecs, FlagType, ParsedArgs } from './types.js';

export type { FlagSpec, FlagSpecs, FlagType } from './types.js';

/** Flags every command takes. */
export const GLOBAL_FLAGS = {
  json: { type: 'boolean', help: 'print the result as JSON on stdout (progress and notes stay on stderr)' },
  help: { type: 'boolean', help: 'print this help and exit' },
} as const satisfies FlagSpecs;

type Scalar<T extends FlagType> = T extends 'boolean'
  ? boolean
  : T extends 'number' | 'integer'
    ? number
    : T extends 'numbers'
      ? number[]
      : string;

/** The checked values of a spec: present or defaulted ones typed as their type, the others possibly undefined. */
export type FlagValues<S extends FlagSpecs> = {
  -readonly [K in keyof S]: S[K]['type'] extends 'boolean'
    ? boolean
    : S[K] extends { required: true } | { default: string | number | boolean }
      ? Scalar<S[K]['type']>
      : Scalar<S[K]['type']> | undefined;
} & { json: boolean; help: boolean };

/** Optimal string alignment distance: edits, counting a swap of two neighbours (`--sede`, `--lsos`) as one. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The known word a typo most likely meant: the nearest within one edit per three letters (at least one, fewer
 * than the word's length), else the only known word that starts with it (three letters or more); else none.
 */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const dist = editDistance(word, k);
    if (dist < bestDistance) [best, bestDistance] = [k, dist];
  }
  if (best !== undefined && bestDistance <= Math.max(1, Math.floor(word.length / 3)) && bestDistance < word.length)
    return best;
  const prefixed = known.filter((k) => k.startsWith(word));
  return word.length >= 3 && prefixed.length === 1 ? prefixed[0] : undefined;
}

function unknownFlag(name: string, known: readonly string[], command: string): UsageError {
  if (name.startsWith('-')) return new UsageError(`unknown option ${name}: options are spelled --name`);
  const guess = closest(name, known);
  return new UsageError(
    guess
      ? `unknown option --${name}; did you mean --${guess}?`
      : `unknown option --${name}; ${command} takes ${known.map((k) => `--${k}`).join(', ')}`,
  );
}

function checkChoice(name: string, spec: FlagSpec, value: string): string {
  if (!spec.choices || spec.choices.includes(value)) return value;
  const guess = closest(value, spec.choices);
  throw new UsageError(
    `--${name} must be one of ${spec.choices.join(', ')}, got "${value}"${guess ? `; did you mean ${guess}?` : ''}`,
  );
}

/** One raw value (true = the flag was given without one) as its spec's type. */
function convert(name: string, spec: FlagSpec, raw: string | boolean): unknown {
  if (spec.type === 'boolean') {
    if (raw === true || raw === 'true' || raw === '1') return true;
    if (raw === false || raw === 'false' || raw === '0') return false;
    throw new UsageError(`--${name} is a switch and takes no value (got "${raw}")`);
  }
  if (raw === true || raw === false) throw new UsageError(`--${name} needs a value: --${name} ${placeholder(spec)}`);
  if (raw.trim() === '') throw new UsageError(`--${name} needs a value, got an empty string`);
  if (spec.type === 'string') return checkChoice(name, spec, raw);
  if (spec.type === 'numbers') return parseNumberList(name, raw);
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got "${raw}"`);
  if (spec.type === 'integer' && !Number.isInteger(n))
    throw new UsageError(`--${name} must be an integer, got "${raw}"`);
  if (spec.min !== undefined && n < spec.min) throw new UsageError(`--${name} must be ≥ ${spec.min}, got ${raw}`);
  if (spec.above !== undefined && !(n > spec.above))
    throw new UsageError(`--${name} must be > ${spec.above}, got ${raw}`);
  if (spec.max !== undefined && n > spec.max) throw new UsageError(`--${name} must be ≤ ${spec.max}, got ${raw}`);
  return n;
}

/** Checks tokenized flags against a spec (global flags included) and fills in the defaults. */
export function readFlags<S extends FlagSpecs>(spec: S, args: ParsedArgs, command: string): FlagValues<S> {
  const all: FlagSpecs = { ...spec, ...GLOBAL_FLAGS };
  const known = Object.keys(all);
  const values: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(args.flags)) {
    const f = all[name];
    if (!f) throw unknownFlag(name, known, command);
    values[name] = convert(name, f, raw);
  }
  for (const [name, f] of Object.entries(all)) {
    if (values[name] !== undefined) continue;
    if (f.type === 'boolean') values[name] = false;
    else if (f.default !== undefined) values[name] = f.default;
    else if (f.required) throw new UsageError(`missing --${name} ${placeholder(f)} (${f.help})`);
  }
  return values as FlagValues<S>;
}

function placeholder(f: FlagSpec): string {
  if (f.arg) return f.arg;
  if (f.choices) return f.choices.join('|');
  return { string: '<value>', number: 'X', integer: 'N', numbers: 'X,Y,...', boolean: '' }[f.type];
}

/** The "options:" part of --help, one line per flag, from the spec. */
export function optionsHelp(spec: FlagSpecs): string[] {
  const all: FlagSpecs = { ...spec, ...GLOBAL_FLAGS };
  const left = Object.entries(all).map(([name, f]) => `--${name}${f.type === 'boolean' ? '' : ` ${placeholder(f)}`}`);
  const width = Math.min(32, Math.max(...left.map((l) => l.length)));
  return Object.values(all).map((f, i) => {
    const dflt = f.defaultText ?? (f.default !== undefined ? String(f.default) : undefined);
    const notes = [f.required ? 'required' : undefined, dflt !== undefined ? `default ${dflt}` : undefined]
      .filter(Boolean)
      .join('; ');
    const l = left[i];
    const pad = l.length > width ? `\n  ${' '.repeat(width)}  ` : ' '.repeat(width - l.length + 2);
    return `  ${l}${pad}${f.help}${notes ? ` (${notes})` : ''}`;
  });
}

/**
 * Tokenizes and checks a command line against a spec: the flags typed and defaulted, and the positionals (at most
 * `positionals.max`, described by `names` in the message). Commands and the benchmark scripts both come through here.
 */
export function readCommandLine<S extends FlagSpecs>(
  spec: S,
  args: ParsedArgs | string[],
  command: string,
  positionals: { max: number; names: string } = { max: 0, names: '' },
): { flags: FlagValues<S>; positional: string[] } {
  const all: FlagSpecs = { ...spec, ...GLOBAL_FLAGS };
  const parsed = Array.isArray(args) ? parseArgs(args, all) : args.argv ? parseArgs(args.argv, all) : args;
  const flags = readFlags(spec, parsed, command);
  if (parsed.positional.length > positionals.max) {
    const extra = parsed.positional[positionals.max];
    throw new UsageError(
      positionals.max === 0
        ? `unexpected argument "${extra}": ${command} takes no positional arguments (flags start with --)`
        : `unexpected argument "${extra}": ${command} takes ${positionals.names}`,
    );
  }
  return { flags, positional: parsed.positional };
}

export interface CommandDef<S extends FlagSpecs> {
  name: string;
  /** One line for `rmw --help`. */
  summary: string;
  /** The usage lines of --help (forms of the command), without the word "usage". */
  synopsis: string[];
  /** What the command does and writes, for --help. */
  description?: string[];
  flags: S;
  /** Positional arguments: at most `max`, described by `names` in messages (default: none). */
  positionals?: { max: number; names: string };
  run(flags: FlagValues<S>, positional: string[]): Promise<unknown>;
  format?(result: unknown): string;
}

/** A command whose run() checks its command line against the spec first (also when called from a test). */
export function defineCommand<S extends FlagSpecs>(def: CommandDef<S>): CliCommand {
  const all: FlagSpecs = { ...def.flags, ...GLOBAL_FLAGS };
  const usage = [
    ...def.synopsis.map((l, i) => `${i === 0 ? 'usage: ' : '       '}${l}`),
    ...(def.description?.length ? ['', ...def.description] : []),
    '',
    'options:',
    ...optionsHelp(def.flags),
  ].join('\n');
  return {
    name: def.name,
    summary: def.summary,
    flags: all,
    usage,
    async run(args: ParsedArgs) {
      const { flags, positional } = readCommandLine(def.flags, args, `rmw ${def.name}`, def.positionals);
      return def.run(flags, positional);
    },
    format: def.format,
  };
}
