// A CLI subcommand: parsed flags in, a JSON-able result out. Progress goes to stderr; results to stdout.
import type { FlagSpecs } from './flags.js';

export interface ParsedArgs {
  /** Positional arguments after the subcommand name. */
  positional: string[];
  /** --flag value / --flag=value / bare --flag (true). Repeated flags keep the last value. */
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
