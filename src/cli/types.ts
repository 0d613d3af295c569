// A CLI subcommand: parsed flags in, a JSON-able result out. Progress goes to stderr; results to stdout.

export interface ParsedArgs {
  /** Positional arguments after the subcommand name. */
  positional: string[];
  /** --flag value / --flag=value / bare --flag (true). Repeated flags keep the last value. */
  flags: Record<string, string | boolean>;
}

export interface CliCommand {
  name: string;
  /** One line for `rmw --help`. */
  summary: string;
  /** Full usage text for `rmw <name> --help`. */
  usage: string;
  /** Returns the result object printed as JSON with --json, and as text otherwise (via `format`). */
  run(args: ParsedArgs): Promise<unknown>;
  /** Human-readable rendering of the result; default is indented JSON. */
  format?(result: unknown): string;
}
