// Minimal flag parser for the CLI: --name value, --name=value, bare --name, positionals.
import type { ParsedArgs } from './types.js';

export function parseArgs(argv: string[]): ParsedArgs {
  const positional: string[] = [];
  const flags: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      if (eq > 0) {
        flags[arg.slice(2, eq)] = arg.slice(eq + 1);
        continue;
      }
      const name = arg.slice(2);
      const next = argv[i + 1];
      if (
        next !== undefined &&
        (!next.startsWith('--') || /^--?\d/.test(next)) &&
        !BOOLEAN_FLAGS.has(name) &&
        !name.startsWith('no-')
      ) {
        flags[name] = next;
        i++;
      } else flags[name] = true;
    } else positional.push(arg);
  }
  return { positional, flags };
}

/** Flags that never take a value, so `--json file` keeps `file` positional (as does every `--no-<x>` switch). */
const BOOLEAN_FLAGS = new Set(['json', 'help', 'quick', 'full', 'list', 'force', 'offline', 'no-notebooks', 'strict']);

export function flagString(args: ParsedArgs, name: string, fallback?: string): string | undefined {
  const v = args.flags[name];
  if (v === undefined || v === false) return fallback;
  if (v === true) throw new Error(`--${name} needs a value`);
  return v;
}

export function requireFlag(args: ParsedArgs, name: string): string {
  const v = flagString(args, name);
  if (v === undefined) throw new Error(`missing --${name}`);
  return v;
}

export function flagNumber(args: ParsedArgs, name: string, fallback?: number): number | undefined {
  const v = flagString(args, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got "${v}"`);
  return n;
}

export function flagBool(args: ParsedArgs, name: string): boolean {
  const v = args.flags[name];
  return v === true || v === 'true' || v === '1';
}

/** "1,0.2,-3" → [1, 0.2, -3], naming the flag and position of a bad entry. */
export function flagNumberList(args: ParsedArgs, name: string): number[] | undefined {
  const v = flagString(args, name);
  if (v === undefined) return undefined;
  return v.split(',').map((s, i) => {
    const n = Number(s.trim());
    if (s.trim() === '' || !Number.isFinite(n)) throw new Error(`--${name}: entry ${i + 1} ("${s}") is not a number`);
    return n;
  });
}
