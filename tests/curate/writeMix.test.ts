// writeMix: Parquet only by default (Arrow and JSONL on request), a data card whose checksums are those of the files
// on disk, and a Parquet-only mix folder that training reads as it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { ALL_TRICKS_ON, type Mix } from '../../src/curate/recipes/types.js';
import { checkMixFormats, writeMix } from '../../src/curate/writeMix.js';
import { readPairsArrow } from '../../src/data/io/arrowFile.js';
import { readPairsParquet } from '../../src/data/io/hfParquet.js';
import { readPairsJsonl } from '../../src/data/io/jsonl.js';
import { trainRun } from '../../src/train/trainRun.js';
import { pair } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'rmw-writemix-'));

function tinyMix(): Mix {
  const train = Array.from({ length: 24 }, (_, i) =>
    pair(`t${i}`, i % 2 ? 'src-a' : 'src-b', `question number ${i}`, { margin: i / 4 }),
  );
  const heldOut = Array.from({ length: 6 }, (_, i) => pair(`h${i}`, 'src-a', `held question ${i}`));
  return {
    recipe: 'tiny',
    seed: 3,
    flags: ALL_TRICKS_ON,
    train,
    heldOut,
    steps: [],
    composition: { before: { 'src-a': 15, 'src-b': 12 }, after: { 'src-a': 12, 'src-b': 12 } },
    sources: [],
    rules: ['a tiny fixture'],
    decontamination: {
      applied: false,
      benchmarks: {},
      removedBySource: {},
      removedByBenchmark: {},
      benchmarkPromptsMatched: {},
      flagged: [],
    },
    limits: [],
    params: {},
  };
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

test('by default a mix is Parquet only: train and held-out pairs, card, composition, decontamination', async () => {
  const mix = tinyMix();
  const out = join(dir, 'default');
  const w = writeMix(out, mix);
  assert.deepEqual(readdirSync(out).sort(), [
    'composition.json',
    'datacard.json',
    'datacard.md',
    'decontamination.json',
    'heldout.parquet',
    'train.parquet',
  ]);
  assert.deepEqual(Object.keys(w.files), [
    'train.parquet',
    'heldout.parquet',
    'composition.json',
    'decontamination.json',
  ]);
  assert.equal(w.sha256, sha256(join(out, 'train.parquet')));
  assert.deepEqual(await readPairsParquet(join(out, 'train.parquet')), mix.train);
  assert.deepEqual(await readPairsParquet(join(out, 'heldout.parquet')), mix.heldOut);
});

test("the card's checksums are the sha256 of each file as it lies on disk", () => {
  const out = join(dir, 'card');
  writeMix(out, tinyMix(), { formats: ['parquet', 'jsonl'] });
  const card = JSON.parse(readFileSync(join(out, 'datacard.json'), 'utf8')) as { files: Record<string, string> };
  assert.deepEqual(Object.keys(card.files).sort(), [
    'composition.json',
    'decontamination.json',
    'heldout.jsonl',
    'heldout.parquet',
    'train.jsonl',
    'train.parquet',
  ]);
  for (const [name, hash] of Object.entries(card.files)) assert.equal(hash, sha256(join(out, name)), name);
  const md = readFileSync(join(out, 'datacard.md'), 'utf8');
  for (const [name, hash] of Object.entries(card.files)) assert.ok(md.includes(`| ${name} | ${hash} |`), name);
});

test('Arrow and JSONL on request hold the same pairs; train.parquet is the same bytes either way', () => {
  const mix = tinyMix();
  const all = writeMix(join(dir, 'all'), mix, { formats: ['jsonl', 'parquet', 'arrow'] });
  const only = writeMix(join(dir, 'only'), mix);
  assert.equal(all.sha256, only.sha256);
  assert.deepEqual(Object.keys(all.files), [
    'train.parquet',
    'heldout.parquet',
    'train.arrow',
    'heldout.arrow',
    'train.jsonl',
    'heldout.jsonl',
    'composition.json',
    'decontamination.json',
  ]);
  assert.deepEqual(readPairsArrow(join(dir, 'all', 'train.arrow')), mix.train);
  assert.deepEqual(readPairsJsonl(join(dir, 'all', 'heldout.jsonl')), mix.heldOut);
});

test('formats: unknown names, repeats and a list without parquet are refused', () => {
  assert.deepEqual(checkMixFormats(['jsonl', 'parquet']), ['parquet', 'jsonl']);
  assert.throws(() => checkMixFormats(['parquet', 'csv']), {
    message: 'unknown mix format "csv" (known: parquet, arrow, jsonl)',
  });
  assert.throws(() => checkMixFormats(['parquet', 'parquet']), {
    message: 'mix formats repeat a name: parquet,parquet',
  });
  assert.throws(() => checkMixFormats(['jsonl']), /must include parquet/);
  assert.throws(() => writeMix(join(dir, 'never'), tinyMix(), { formats: ['arrow'] }), /must include parquet/);
  assert.equal(readdirSync(dir).includes('never'), false);
});

test('a Parquet-only mix folder trains as it is: the run reads train.parquet and heldout.parquet', async () => {
  const out = join(dir, 'train-me');
  const mix = tinyMix();
  const w = writeMix(out, mix);
  const r = await trainRun({
    data: join(out, 'train.parquet'),
    evalData: join(out, 'heldout.parquet'),
    model: 'bow',
    loss: 'bt',
    preset: 'quick',
    train: { seed: 1, maxSteps: 3, evalEvery: 3, checkpointEvery: 0 },
    outDir: join(out, 'run'),
  });
  assert.equal(r.trainPairs, 24);
  assert.equal(r.evalPairs, 6);
  assert.deepEqual(
    r.inputs.map((i) => [i.kind, i.sha256, i.pairs]),
    [
      ['file', w.files['train.parquet'], 24],
      ['file', w.files['heldout.parquet'], 6],
    ],
  );
  assert.equal(r.steps.length, 3);
  assert.ok(r.steps.every((s) => Number.isFinite(s.loss)));
});
