// A CLI subcommand: parsed flags in, a JSON-able result out. Progress goes to stderr; results to stdout. The shapes
// here (command, parsed words, flag declarations) are what args.ts tokenizes and flags.ts checks.

/** A flag's declaration: read by the tokenizer (switches), the checker and --help (src/cli/flags.ts). */
export type FlagType = 'string' | 'number' | 'integer' | 'boolean' | 'numbers';

export interface FlagSpec {
  type: FlagType;
  /** One line for --help. */
  help: string;
  /** The value's placeholder in --help (default by type: <value>, X, N, X,Y,...; or the choices). */
  arg?: string;
  /** Applied when the flag is absent (switches are false when absent). */
  default?: string | number | boolean;
  /** Shown as the default in --help when the command works it out itself (e.g. "0 for the paper's recipes"). */
  defaultText?: string;
  choices?: readonly string[];
  required?: boolean;
  /** Smallest number accepted (number, integer). */
  min?: number;
  /** A bound the number must lie strictly above (a learning rate: above 0). */
  above?: number;
  /** Largest number accepted (number, integer). */
  max?: number;
}

export type FlagSpecs = Record<string, FlagSpec>;

export interface ParsedArgs {
  /** Positional arguments after the subcommand name. */
  positional: string[];
  /** --flag value / --flag=value / bare --flag (true). A flag given twice is refused. */
  flags: Record<string, string | boolean>;
  /** The words these came from, so a command can tokenize them again with its own flag spec. */
  argv?: string[];
}

export interface CliCommand {
  name: string;
  /** One line for `rmw --help`. */
  summary: string;
  /** Every flag the command takes (its own and the global ones), declared once in src/cli/<name>.ts. */
  flags: FlagSpecs;
  /** Full usage text for `rmw <name> --help`, generated from the spec (src/cli/flags.ts). */
  usage: string;
  /** Checks the command line against `flags`, then returns the result printed as JSON with --json, and as text
   * otherwise (via `format`). */
  run(args: ParsedArgs): Promise<unknown>;
  /** Human-readable rendering of the result; default is indented JSON. */
  format?(result: unknown): string;
}
