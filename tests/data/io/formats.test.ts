// Pair tables round-trip through Arrow IPC, JSONL and Hugging Face Parquet without losing or changing anything,
// and the same pairs always give the same bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import {
  pairsFromArrow,
  pairsToArrow,
  readPairsArrow,
  readPairsJsonl,
  readPairsParquet,
  writePairsArrow,
  writePairsJsonl,
  writePairsParquet,
} from '../../../src/data/io/index.js';
import { readParquetRecords } from '../../../src/data/read/parquet.js';
import { bare, full, pairs } from './samplePairs.js';

const dir = mkdtempSync(join(tmpdir(), 'rmw-io-'));

test(
  'pairsToArrow has the fixed schema: plain Utf8 strings, prompt as List<Struct{role, content}>, optional ' +
    'fields nullable',
  () => {
    const table = pairsToArrow(pairs);
    const fields = table.schema.fields.map((f) => `${f.name}:${f.type}:${f.nullable ? 'null' : 'req'}`);
    assert.deepEqual(fields, [
      'id:Utf8:req',
      'source:Utf8:req',
      'prompt:List<Struct<{role:Utf8, content:Utf8}>>:req',
      'chosen:Utf8:req',
      'rejected:Utf8:req',
      'margin:Float64:null',
      'chosenScore:Float64:null',
      'rejectedScore:Float64:null',
      'category:Utf8:null',
      'chosenModel:Utf8:null',
      'rejectedModel:Utf8:null',
      'split:Utf8:null',
      'subset:Utf8:null',
      'meta:Utf8:null',
    ]);
    assert.equal(table.numRows, 2);
    assert.equal(table.getChild('margin')!.get(0), null);
    assert.equal(table.getChild('meta')!.get(1), '{"alpha":1,"flag":true,"note":"ünïcödé","zeta":null}');
  },
);

test('pairsFromArrow(pairsToArrow(x)) deep-equals x, absent optionals staying absent', () => {
  assert.deepEqual(pairsFromArrow(pairsToArrow(pairs)), pairs);
  assert.deepEqual(pairsFromArrow(pairsToArrow([])), []);
});

test('Arrow IPC file round trip, and the same pairs give byte-identical files', () => {
  const a = join(dir, 'a.arrow'),
    b = join(dir, 'b.arrow');
  writePairsArrow(a, pairs);
  writePairsArrow(
    b,
    pairs.map((p) => structuredClone(p)),
  );
  assert.deepEqual(readPairsArrow(a), pairs);
  assert.deepEqual(readFileSync(a), readFileSync(b));
  // A plain Arrow reader sees the same rows.
  assert.equal(tableFromIPC(readFileSync(a)).getChild('chosen')!.get(1), 'Très bien, merci — 🙂');
});

test('writes are atomic: no temporary files are left beside the output', () => {
  const sub = mkdtempSync(join(tmpdir(), 'rmw-atomic-'));
  writePairsJsonl(join(sub, 'p.jsonl'), pairs);
  writePairsArrow(join(sub, 'p.arrow'), pairs);
  writePairsParquet(join(sub, 'p.parquet'), pairs);
  assert.deepEqual(readdirSync(sub).sort(), ['p.arrow', 'p.jsonl', 'p.parquet']);
});

test('JSONL: one line per pair, keys in schema order, meta keys sorted, exact text', () => {
  const path = join(dir, 'p.jsonl');
  writePairsJsonl(path, [bare]);
  assert.equal(
    readFileSync(path, 'utf8'),
    '{"id":"toy:0","source":"toy","prompt":[{"role":"user","content":"What is 2+2?"}],"chosen":"4","rejected":"5"}\n',
  );
  writePairsJsonl(path, pairs);
  const lines = readFileSync(path, 'utf8').split('\n');
  assert.equal(lines.length, 3);
  assert.equal(lines[2], '');
  assert.ok(lines[1].endsWith('"meta":{"alpha":1,"flag":true,"note":"ünïcödé","zeta":null}}'));
  assert.deepEqual(readPairsJsonl(path), pairs);
});

test('JSONL: the same pairs with keys in another order give byte-identical files', () => {
  const reordered = { ...full, meta: { note: 'ünïcödé', zeta: null, flag: true, alpha: 1 } };
  const shuffled = Object.fromEntries(Object.entries(reordered).reverse()) as unknown as typeof full;
  assert.equal(Object.keys(shuffled)[0], 'meta');
  const a = join(dir, 'o1.jsonl'),
    b = join(dir, 'o2.jsonl');
  writePairsJsonl(a, [full]);
  writePairsJsonl(b, [shuffled]);
  assert.deepEqual(readFileSync(a), readFileSync(b));
});

test(
  'Parquet (implicit layout, default): chosen/rejected are whole conversations, as ' + 'Skywork-Reward-Preference-80K',
  async () => {
    const path = join(dir, 'p.parquet');
    writePairsParquet(path, pairs);
    const rows = (await readParquetRecords(path)).map((r) => r.value as Record<string, unknown>);
    assert.equal('prompt' in rows[0], false);
    assert.deepEqual(rows[0].chosen, [
      { content: 'What is 2+2?', role: 'user' },
      { content: '4', role: 'assistant' },
    ]);
    assert.deepEqual(rows[0].rejected, [
      { content: 'What is 2+2?', role: 'user' },
      { content: '5', role: 'assistant' },
    ]);
    assert.equal(rows[1].chosen_model, 'model-α');
    assert.equal(rows[0].margin, null);
    assert.deepEqual(await readPairsParquet(path), pairs);
  },
);

test('Parquet (explicit layout): prompt is the message list, chosen/rejected one assistant message each', async () => {
  const path = join(dir, 'e.parquet');
  writePairsParquet(path, pairs, 'explicit');
  const rows = (await readParquetRecords(path)).map((r) => r.value as Record<string, unknown>);
  assert.deepEqual(rows[0].prompt, [{ content: 'What is 2+2?', role: 'user' }]);
  assert.deepEqual(rows[0].chosen, [{ content: '4', role: 'assistant' }]);
  assert.deepEqual(await readPairsParquet(path), pairs);
});

test('Parquet: same pairs give byte-identical files; different layouts differ', () => {
  const a = join(dir, 'd1.parquet'),
    b = join(dir, 'd2.parquet'),
    c = join(dir, 'd3.parquet');
  writePairsParquet(a, pairs);
  writePairsParquet(b, structuredClone(pairs));
  writePairsParquet(c, pairs, 'explicit');
  assert.deepEqual(readFileSync(a), readFileSync(b));
  assert.notDeepEqual(readFileSync(a), readFileSync(c));
});

test('zero pairs round-trip in all three formats', async () => {
  writePairsJsonl(join(dir, 'z.jsonl'), []);
  writePairsArrow(join(dir, 'z.arrow'), []);
  writePairsParquet(join(dir, 'z.parquet'), []);
  assert.deepEqual(readPairsJsonl(join(dir, 'z.jsonl')), []);
  assert.deepEqual(readPairsArrow(join(dir, 'z.arrow')), []);
  assert.deepEqual(await readPairsParquet(join(dir, 'z.parquet')), []);
});

test('readPairsArrow on a file that is not Arrow names the file', () => {
  const path = join(dir, 'junk.arrow');
  writeFileSync(path, 'not arrow at all');
  assert.throws(() => readPairsArrow(path), {
    name: 'InputError',
    message: new RegExp(`^${path}: not a readable Arrow IPC file`),
  });
});
