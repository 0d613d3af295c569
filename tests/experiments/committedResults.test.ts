import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { conclusionsMarkdown } from '../../src/experiments/conclusions.js';
import type { ResultsBundle } from '../../src/experiments/results.js';
import { allTables } from '../../src/experiments/tables.js';
import { renderCsv, renderLatex, renderMarkdown } from '../../src/report/tableRender.js';
import { listFiles, readFolderMarker } from '../../src/util/output/marker.js';
import { fromRoot } from '../../src/util/paths.js';

// The committed results (figures/results) were written from the in-memory bundle; experiments.json is that bundle
// after a JSON round trip (keys sorted). Rendering it again must give the committed bytes, so the text does not
// depend on key order and a change to the wording is a visible change to a committed file.
const dir = fromRoot('figures', 'results');
const bundle = JSON.parse(readFileSync(join(dir, 'experiments.json'), 'utf8')) as ResultsBundle;
const committed = (name: string) => readFileSync(join(dir, name), 'utf8');

test('CONCLUSIONS.md regenerates byte for byte from the committed experiments.json', () => {
  assert.equal(conclusionsMarkdown(bundle), committed('CONCLUSIONS.md'));
});

test('every results table (headline included) regenerates byte for byte as Markdown, CSV and LaTeX', () => {
  const tables = allTables(bundle);
  assert.ok(tables.some((t) => t.id === 'experiment-headline'));
  for (const t of tables) {
    assert.equal(renderMarkdown(t), committed(`${t.id}.md`), `${t.id}.md`);
    assert.equal(renderCsv(t), committed(`${t.id}.csv`), `${t.id}.csv`);
    assert.equal(renderLatex(t), committed(`${t.id}.tex`), `${t.id}.tex`);
  }
});

test('the committed figures/ and figures/results markers list exactly the files each holds', () => {
  // A marker that misses a file makes the next `rmw figures` or reproduce refuse the folder as not its own.
  const figures = fromRoot('figures');
  assert.deepEqual(
    readFolderMarker(figures)?.files,
    listFiles(figures).filter((f) => !f.startsWith('results/')),
  );
  assert.deepEqual(readFolderMarker(dir)?.files, listFiles(dir));
});
