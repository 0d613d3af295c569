// What the experiments hand the report: Table 1's turns and tokens measured on the curated mix's pairs, the task
// categories in the one scheme top-k ranks by, and the committed experiment figures exactly as the code draws them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PreferencePair } from '../../src/data/schema.js';
import { experimentFigures } from '../../src/experiments/figure.js';
import { oursFiles, type ResultsBundle } from '../../src/experiments/results.js';
import { figureJson } from '../../src/report/plotlyExport.js';
import { fromRoot } from '../../src/util/paths.js';

const dir = fromRoot('figures', 'results');
const bundle = JSON.parse(readFileSync(join(dir, 'experiments.json'), 'utf8')) as ResultsBundle;
const pair = (id: string, source: string, category: string): PreferencePair => ({
  id,
  source,
  prompt: [{ role: 'user', content: 'two plus two' }],
  chosen: 'four',
  rejected: 'five',
  category,
});

test('oursFiles measures turns and tokens per source and groups categories as math / code / other', () => {
  const files = oursFiles(bundle, [
    pair('a', 'gsm8k', 'math'),
    pair('b', 'magpie-po-example', 'Coding & Debugging'),
    pair('c', 'ultrafeedback', 'code'),
    pair('d', 'hh-helpful', 'other'),
  ]);
  const gsm8k = files.composition.after.find((r) => r.source === 'gsm8k')!;
  assert.equal(gsm8k.pairs, 1);
  assert.equal(gsm8k.avgTurns, 2);
  assert.ok(gsm8k.avgPromptTokens! > 0 && gsm8k.avgResponseTokens! > 0);
  assert.deepEqual(files.categories.rows, [
    { category: 'code', count: 2 },
    { category: 'math', count: 1 },
  ]);
});

test('the committed experiment figures are what the code draws from the committed experiments.json', () => {
  for (const fig of experimentFigures(bundle))
    assert.equal(figureJson(fig), readFileSync(join(dir, `${fig.id}.json`), 'utf8'), fig.id);
});
