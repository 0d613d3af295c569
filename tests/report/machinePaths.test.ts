// Committed outputs (executed notebooks, figures, results) record no machine's layout: no absolute path of the
// machine that wrote them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../../src/util/paths.js';
import { pathForReaders } from '../../src/workbook/display.js';

const MACHINE_PATH = /\/(work|home|tmp|root)\//;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ipynb|json|md|csv|tex|svg)$/.test(f) ? [p] : [];
  });
}

test('no committed notebook, figure or result holds an absolute path of a machine', () => {
  const notebooks = readdirSync(fromRoot('notebooks'))
    .filter((f) => f.endsWith('.ipynb'))
    .map((f) => fromRoot('notebooks', f));
  const found = [...notebooks, ...files(fromRoot('figures'))].flatMap((p) => {
    const m = MACHINE_PATH.exec(readFileSync(p, 'utf8'));
    return m
      ? [`${p.slice(fromRoot().length + 1)}: ...${m.input.slice(Math.max(0, m.index - 40), m.index + 40)}...`]
      : [];
  });
  assert.deepEqual(found, []);
});

test(
  'a notebook prints a path inside the checkout relative to it, and one outside by the setting that ' + 'chose it',
  () => {
    assert.equal(pathForReaders(fromRoot('figures', 'results'), 'RMW_RESULTS_DIR'), 'figures/results');
    assert.equal(pathForReaders('/elsewhere/data', 'the data mirror (RMW_DATA_DIR)'), 'the data mirror (RMW_DATA_DIR)');
  },
);
