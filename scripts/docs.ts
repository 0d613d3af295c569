// Writes the documentation that is generated from code: the environment-variable table in environment.md, from
// ENV_VARS (src/config/env.ts), between its `<!-- env:start -->` and `<!-- env:end -->` markers.
// usage: npm run docs            (tests/config/env.test.ts fails while the committed file differs)
import { readFileSync, writeFileSync } from 'node:fs';
import { envVarTable } from '../src/config/env.js';
import { fromRoot } from '../src/util/paths.js';

export const ENV_START = '<!-- env:start -->';
export const ENV_END = '<!-- env:end -->';

/** environment.md's text with the generated table between the markers (throws when a marker is missing). */
export function withEnvTable(markdown: string, file = 'environment.md'): string {
  const start = markdown.indexOf(ENV_START);
  const end = markdown.indexOf(ENV_END);
  if (start < 0 || end < start) throw new Error(`${file}: needs ${ENV_START} ... ${ENV_END} around the variable table`);
  return `${markdown.slice(0, start + ENV_START.length)}\n${envVarTable()}\n${markdown.slice(end)}`;
}

const invokedDirectly = process.argv[1] && /docs\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  const path = fromRoot('environment.md');
  const before = readFileSync(path, 'utf8');
  const after = withEnvTable(before, path);
  if (after === before) process.stdout.write('environment.md: the variable table is up to date\n');
  else {
    writeFileSync(path, after);
    process.stdout.write('environment.md: wrote the variable table from src/config/env.ts\n');
  }
}
