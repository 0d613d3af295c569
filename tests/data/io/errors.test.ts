// Bad input is refused with an error that names the file, the line or row, and the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readPairsJsonl, writePairsJsonl, readPairsParquet } from '../../../src/data/io/index.js';
import { readText } from '../../../src/data/read/text.js';
import { checkGroup, checkPair, validateGroup, validatePair } from '../../../src/data/validate.js';
import { bare } from './samplePairs.js';

const dir = mkdtempSync(join(tmpdir(), 'rmw-ioerr-'));
const loc = { file: 'x.jsonl', row: 7, rowKind: 'line' as const };

test('checkPair returns undefined for a valid pair', () => {
  assert.equal(checkPair(bare), undefined);
});

test('checkPair names the reason and field of the first problem', () => {
  assert.deepEqual(checkPair({ ...bare, chosen: '' }), {
    reason: 'empty-string',
    field: 'chosen',
    detail: 'is an empty string',
  });
  assert.deepEqual(checkPair({ ...bare, rejected: '  \n' }), {
    reason: 'empty-string',
    field: 'rejected',
    detail: 'is an empty string',
  });
  assert.deepEqual(checkPair({ ...bare, rejected: 5 }), {
    reason: 'wrong-type',
    field: 'rejected',
    detail: 'expected a string, got number',
  });
  const { chosen: _c, ...noChosen } = bare;
  assert.deepEqual(checkPair(noChosen), { reason: 'missing-field', field: 'chosen', detail: 'is missing' });
  assert.deepEqual(checkPair({ ...bare, prompt: 'hi' }), {
    reason: 'wrong-type',
    field: 'prompt',
    detail: 'expected a list of messages, got string',
  });
  assert.deepEqual(checkPair({ ...bare, prompt: [] }), {
    reason: 'empty-string',
    field: 'prompt',
    detail: 'has no messages',
  });
  assert.deepEqual(checkPair({ ...bare, prompt: [{ role: 'human', content: 'x' }] }), {
    reason: 'bad-value',
    field: 'prompt[0].role',
    detail: 'expected system, user or assistant, got "human"',
  });
  assert.deepEqual(checkPair({ ...bare, prompt: [{ role: 'user', content: '' }] }), {
    reason: 'empty-string',
    field: 'prompt[0].content',
    detail: 'is an empty string',
  });
  assert.deepEqual(checkPair({ ...bare, margin: '2' }), {
    reason: 'wrong-type',
    field: 'margin',
    detail: 'expected a number, got string',
  });
  assert.deepEqual(checkPair({ ...bare, margin: NaN }), {
    reason: 'bad-value',
    field: 'margin',
    detail: 'expected a finite number, got NaN',
  });
  assert.deepEqual(checkPair({ ...bare, split: 'dev' }), {
    reason: 'bad-value',
    field: 'split',
    detail: 'expected one of train, eval, test, got "dev"',
  });
  assert.deepEqual(checkPair({ ...bare, meta: { a: [1] } }), {
    reason: 'wrong-type',
    field: 'meta.a',
    detail: 'expected a string, number, boolean or null, got array',
  });
  assert.deepEqual(checkPair(null), {
    reason: 'wrong-type',
    field: '(record)',
    detail: 'expected an object, got null',
  });
});

test('validatePair throws an InputError naming file, line and field', () => {
  assert.throws(() => validatePair({ ...bare, chosen: '' }, loc), {
    name: 'InputError',
    message: 'x.jsonl, line 7, field "chosen": empty-string: is an empty string',
  });
  assert.equal(validatePair(bare, loc), bare);
});

test('checkGroup / validateGroup: responses need text; ratings must be numbers', () => {
  const group = {
    id: 'g:0',
    source: 'g',
    prompt: [{ role: 'user', content: 'q' }],
    responses: [{ text: 'a', ratings: { helpfulness: 3 } }],
  };
  assert.equal(checkGroup(group), undefined);
  assert.deepEqual(checkGroup({ ...group, responses: [] }), {
    reason: 'empty-string',
    field: 'responses',
    detail: 'has no responses',
  });
  assert.deepEqual(checkGroup({ ...group, responses: [{ text: 'a', ratings: { helpfulness: '3' } }] }), {
    reason: 'wrong-type',
    field: 'responses[0].ratings.helpfulness',
    detail: 'expected a number, got string',
  });
  assert.throws(
    () => validateGroup({ ...group, responses: [{ text: '' }] }, { file: 'hs2.jsonl', row: 3, rowKind: 'line' }),
    {
      message: 'hs2.jsonl, line 3, field "responses[0].text": empty-string: is an empty string',
    },
  );
});

test('readPairsJsonl: a corrupt JSON line is named by its 1-based line number', () => {
  const path = join(dir, 'corrupt.jsonl');
  writePairsJsonl(path, [bare, bare]);
  const text = readFileSync(path, 'utf8').split('\n');
  text.splice(1, 0, '', '{"id": "toy:9", "source": ');
  writeFileSync(path, text.join('\n'));
  assert.throws(() => readPairsJsonl(path), {
    name: 'InputError',
    message: new RegExp(`^${path}, line 3: corrupt-json: not JSON \\(`),
  });
});

test('readPairsJsonl: a wrong type on line 2 names line and field', () => {
  const path = join(dir, 'types.jsonl');
  writeFileSync(path, `${JSON.stringify(bare)}\n${JSON.stringify({ ...bare, chosenScore: 'high' })}\n`);
  assert.throws(() => readPairsJsonl(path), {
    message: `${path}, line 2, field "chosenScore": wrong-type: expected a number, got string`,
  });
});

test('gzip: a .jsonl.gz reads like the plain file; a truncated one is refused by name', () => {
  const plain = join(dir, 'ok.jsonl');
  writePairsJsonl(plain, [bare]);
  const gz = gzipSync(readFileSync(plain));
  writeFileSync(join(dir, 'ok.jsonl.gz'), gz);
  assert.deepEqual(readPairsJsonl(join(dir, 'ok.jsonl.gz')), [bare]);
  const cut = join(dir, 'cut.jsonl.gz');
  writeFileSync(cut, gz.subarray(0, gz.length - 12));
  assert.throws(() => readPairsJsonl(cut), {
    name: 'InputError',
    message: new RegExp(`^${cut}, line 1: truncated gzip \\(unexpected end of file\\); 0 complete lines decompressed`),
  });
  const fake = join(dir, 'fake.jsonl.gz');
  writeFileSync(fake, 'plain text');
  assert.throws(() => readText(fake), { message: `${fake}: named .gz but is not gzip data (no gzip header)` });
});

test('invalid UTF-8 in a whole text file is refused by file name and line', () => {
  const path = join(dir, 'latin1.txt');
  writeFileSync(path, Buffer.from([0x61, 0x0a, 0x7b, 0xe9, 0x7d, 0x0a]));
  assert.throws(() => readText(path), { message: `${path}, line 2: is not valid UTF-8 text` });
});

test('readPairsParquet on a truncated Parquet file names the file', async () => {
  const path = join(dir, 'bad.parquet');
  writeFileSync(path, Buffer.from('PAR1 this is not really parquet'));
  await assert.rejects(readPairsParquet(path), {
    name: 'InputError',
    message: new RegExp(`^${path}: not a readable Parquet file`),
  });
});
