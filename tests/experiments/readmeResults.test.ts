import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { signalSection, updateReadmeResults } from '../../src/experiments/readmeResults.js';

const CONCLUSIONS =
  '# C\n\nintro\n\n## Which metrics carry signal\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n## 1. Loss ablation\n\nmore\n';

test('signalSection takes the section body up to the next heading', () => {
  assert.equal(signalSection(CONCLUSIONS), '| a | b |\n| - | - |\n| 1 | 2 |');
  assert.equal(signalSection('# nothing here'), '');
});

test('the README block is replaced between its markers, the rest kept; a second update changes nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rmw-readme-'));
  const results = join(dir, 'figures', 'results');
  mkdirSync(results, { recursive: true });
  writeFileSync(join(results, 'CONCLUSIONS.md'), CONCLUSIONS);
  writeFileSync(join(results, 'experiment-headline.md'), '| x |\n| - |\n| 3 |\n');
  const readme = join(dir, 'README.md');
  writeFileSync(readme, 'top\n<!-- results:start -->\nold\n<!-- results:end -->\nbottom\n');
  assert.equal(updateReadmeResults(readme, results), true);
  const text = readFileSync(readme, 'utf8');
  assert.match(
    text,
    /^top\n<!-- results:start -->\nWritten by `npm run reproduce` from `figures\/results\/experiment-headline.md`/,
  );
  assert.match(text, /\| 1 \| 2 \|[\s\S]*\| 3 \|\n<!-- results:end -->\nbottom\n$/);
  assert.doesNotMatch(text, /old/);
  assert.equal(updateReadmeResults(readme, results), false);
});

test('a README without markers is an error naming the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rmw-readme-'));
  writeFileSync(join(dir, 'README.md'), 'no markers');
  assert.throws(() => updateReadmeResults(join(dir, 'README.md'), dir), /README\.md: the markers/);
});
