// The floors of ARCHITECTURE.md, checked on every relative import in src/ (type imports and dynamic import()
// included): no import goes to a higher floor or sideways to another module of the same floor, and no file reaches
// itself through a chain of imports, type-only ones included (a type cycle is still a knot in the design).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fromRoot } from '../src/util/paths.js';

const SRC = fromRoot('src');

/** Module of a file under src/: its first folder, or the file's name for src/<name>.ts. */
const moduleOf = (file: string) => relative(SRC, file).split('/')[0].replace(/\.ts$/, '');

function floorsFromDoc(): Map<string, number> {
  const doc = readFileSync(fromRoot('ARCHITECTURE.md'), 'utf8');
  const block = doc.split('<!-- floors:start -->')[1]?.split('<!-- floors:end -->')[0];
  assert.ok(block, 'ARCHITECTURE.md has no floors table between the floors:start and floors:end markers');
  const floors = new Map<string, number>();
  for (const m of block.matchAll(/^\|\s*(\d+)\s*\|\s*`([\w-]+)\/?`\s*\|/gm)) floors.set(m[2], Number(m[1]));
  return floors;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
    });
}

/** Relative imports of a file, resolved to .ts files (comments stripped first). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const found = [
    ...[...text.matchAll(/\b(?:import|export)(?:\s+type)?\s[^;]*?\bfrom\s*'(\.[^']+)'/g)].map((m) => m[1]),
    ...[...text.matchAll(/\bimport\s*'(\.[^']+)'/g)].map((m) => m[1]),
    ...[...text.matchAll(/\bimport\(\s*'(\.[^']+)'\s*\)/g)].map((m) => m[1]),
  ];
  return found.map((spec) => resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)]));

test('every module of src/ has a floor in ARCHITECTURE.md, and every floor names a module that exists', () => {
  const floors = floorsFromDoc();
  const modules = new Set(files.map(moduleOf));
  assert.deepEqual([...modules].filter((m) => !floors.has(m)).sort(), []);
  assert.deepEqual([...floors.keys()].filter((m) => !modules.has(m)).sort(), []);
});

test('no module imports from a floor above it or from another module of its floor', () => {
  const floors = floorsFromDoc();
  const bad: string[] = [];
  for (const [file, imports] of graph) {
    for (const target of imports) {
      assert.ok(graph.has(target), `${relative(SRC, file)} imports ${relative(SRC, target)}, which does not exist`);
      const [from, to] = [moduleOf(file), moduleOf(target)];
      if (from !== to && floors.get(to)! >= floors.get(from)!)
        bad.push(
          `${relative(SRC, file)} (${from}, floor ${floors.get(from)}) -> ${relative(SRC, target)} (${to}, ` +
            `floor ${floors.get(to)})`,
        );
    }
  }
  assert.deepEqual(bad, []);
});

test('no import cycle between files, type-only imports included', () => {
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const visit = (f: string, path: string[]) => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'open') {
      cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(SRC, p)).join(' -> '));
      return;
    }
    state.set(f, 'open');
    for (const t of graph.get(f) ?? []) visit(t, [...path, f]);
    state.set(f, 'done');
  };
  for (const f of files) visit(f, []);
  assert.deepEqual(cycles, []);
});
