// A JSON file read whole: a missing, unreadable or damaged file is an InputError naming it (and, for bad JSON, what
// the parser said), never a bare "Unexpected token" from somewhere in a command.
import { readFileSync } from 'node:fs';
import { InputError } from './errors.js';

/** The parsed contents of a JSON file (typed by the caller, who checks the shape it needs). */
export function readJsonFile<T = unknown>(path: string): T {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError({ file: path }, `cannot read file (${(err as NodeJS.ErrnoException).code ?? err})`);
  }
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new InputError({ file: path }, `not JSON (${(err as Error).message})`);
  }
}
