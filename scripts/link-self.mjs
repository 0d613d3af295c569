// Links this checkout into its own node_modules as `reward-workbench`, so notebooks (tslab compiles cells with its
// own TypeScript 5.0 to CommonJS and resolves modules the classic node way) can write
// `import * as rmw from 'reward-workbench'` and get dist/index.cjs with the types in dist/types.
// Node's package self-reference would cover require() but not TypeScript's classic resolution, hence the link.
// Run by `npm run prepare` (after `npm ci`/`npm install`); safe to re-run.
import { lstatSync, mkdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const link = join(root, 'node_modules', 'reward-workbench');
let existing;
try {
  existing = lstatSync(link);
} catch {
  existing = undefined;
}
if (existing?.isSymbolicLink() && readlinkSync(link) === '..') process.exit(0);
if (existing) rmSync(link, { recursive: true, force: true });
mkdirSync(join(root, 'node_modules'), { recursive: true });
symlinkSync('..', link, 'dir');
console.error('linked node_modules/reward-workbench -> the checkout');
