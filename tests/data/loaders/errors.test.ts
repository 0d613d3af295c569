// Broken input: corrupt or truncated gzip and a malformed JSON document give errors naming file and line; a JSONL line
// that is not JSON and row-level problems are quarantined with counted reasons (or raised with the field in strict
// mode); a corrupted mirror copy is refused by its sha256.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { InputError } from '../../../src/util/errors.js';
import { LoadAccount } from '../../../src/data/loadReport.js';
import { getSource, mirrorPath, resolveSource, SourceIntegrityError } from '../../../src/data/sources.js';
import { readJsonRecords } from '../../../src/data/read/json.js';
import { readJsonlRecords } from '../../../src/data/read/jsonl.js';
import { num, text } from '../../../src/data/read/getters.js';
import type { SourceRecord } from '../../../src/data/read/problem.js';
import { eachRecord } from '../../../src/data/read/walk.js';

const dir = mkdtempSync(join(tmpdir(), 'rmw-loaders-'));

test('a truncated gzip names the file and the first incomplete line', () => {
  const lines = Array.from({ length: 400 }, (_, i) =>
    JSON.stringify({ chosen: `c${i} ${'x'.repeat(200)}`, rejected: `r${i}` }),
  );
  const gz = gzipSync(lines.join('\n') + '\n');
  const file = join(dir, 'truncated.jsonl.gz');
  writeFileSync(file, gz.subarray(0, Math.floor(gz.length / 2)));
  assert.throws(
    () => readJsonlRecords(file),
    (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.equal(err.location.file, file);
      assert.equal(err.location.rowKind, 'line');
      assert.ok(err.location.row! > 1 && err.location.row! < 400, `line ${err.location.row}`);
      assert.match(err.message, /truncated\.jsonl\.gz, line \d+: truncated gzip \(unexpected end of file\)/);
      return true;
    },
  );
});

test('a corrupt gzip (damaged real file) is an InputError naming the file and where it breaks', () => {
  const real = readFileSync(mirrorPath(getSource('hh-harmless-base')));
  const bad = Buffer.from(real);
  for (let i = 1000; i < 1100; i++) bad[i] ^= 0xff;
  const file = join(dir, 'damaged.jsonl.gz');
  writeFileSync(file, bad);
  assert.throws(
    () => readJsonlRecords(file),
    (err: unknown) => err instanceof InputError && err.message.startsWith(`${file}, line `),
  );
});

test('a JSONL line that is not JSON is a bad row: quarantined by line, or under strict an error naming it', () => {
  const file = join(dir, 'bad.jsonl');
  writeFileSync(file, '{"a": 1}\n\n{"a": 2}\n{"a": 3,,}\n{"a": 4}\n');
  const records = readJsonlRecords(file);
  assert.deepEqual(
    records.map((r) => [r.row, r.problem?.reason ?? 'ok']),
    [
      [1, 'ok'],
      [3, 'ok'],
      [4, 'corrupt-json'], // blank line 2 still counts as a line
      [5, 'ok'],
    ],
  );
  const acct = new LoadAccount<number>('fixture', file);
  eachRecord(acct, records, (rec) => acct.keep(num(rec, 'a')));
  assert.deepEqual([acct.read, acct.items, acct.quarantined], [4, [1, 2, 4], { 'corrupt-json': 1 }]);
  assert.throws(
    () => eachRecord(new LoadAccount<number>('fixture', file), records, () => {}, { strict: true }),
    (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.equal(err.location.row, 4);
      assert.match(err.message, /bad\.jsonl, line 4: corrupt-json: not JSON \(/);
      return true;
    },
  );
});

test('a malformed JSON document names the line where parsing stopped', () => {
  const file = join(dir, 'bad.json');
  writeFileSync(file, '[\n  {"input": "a"},\n  {"input": "b"},\n  {"input": "c" "label": 1}\n]\n');
  assert.throws(
    () => readJsonRecords(file),
    (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.equal(err.location.row, 4);
      return true;
    },
  );
  const notArray = join(dir, 'object.json');
  writeFileSync(notArray, '{"rows": []}');
  assert.throws(() => readJsonRecords(notArray), /expected an array of records, got object \(keys: rows\)/);
});

test('row problems are quarantined with counted reasons; strict mode names file, line and field', () => {
  const rows: SourceRecord[] = [
    { row: 1, rowKind: 'line', value: { prompt: 'p', score: 1 } },
    { row: 2, rowKind: 'line', value: { prompt: '', score: 1 } },
    { row: 3, rowKind: 'line', value: { score: 2 } },
    { row: 4, rowKind: 'line', value: { prompt: 7, score: 2 } },
    { row: 5, rowKind: 'line', value: [1, 2] },
    { row: 6, rowKind: 'line', value: { prompt: 'q', score: 'high' } },
    { row: 7, rowKind: 'line', value: { prompt: '  ', score: 3 } },
    { row: 8, rowKind: 'line', value: { prompt: 'r', score: '2.5' } },
  ];
  const acct = new LoadAccount<string>('fixture', 'fixture.jsonl');
  eachRecord(acct, rows, (rec) => {
    num(rec, 'score');
    acct.keep(text(rec, 'prompt'));
  });
  const r = acct.report();
  assert.equal(r.read, 8);
  assert.deepEqual(r.items, ['p', 'r']); // "2.5" is a plain decimal number written as text: accepted
  assert.deepEqual(r.quarantined, { 'empty-string': 2, 'missing-field': 1, 'wrong-type': 3 });
  assert.deepEqual(r.examples[0], {
    row: 2,
    reason: 'empty-string',
    field: 'prompt',
    detail: 'line 2: is an empty string',
  });
  assert.deepEqual(
    r.examples.map((e) => [e.row, e.reason, e.field]),
    [
      [2, 'empty-string', 'prompt'],
      [3, 'missing-field', 'prompt'],
      [4, 'wrong-type', 'prompt'],
      [5, 'wrong-type', '(record)'],
      [6, 'wrong-type', 'score'],
      [7, 'empty-string', 'prompt'],
    ],
  );
  const strict = new LoadAccount<string>('fixture', 'fixture.jsonl');
  assert.throws(
    () =>
      eachRecord(
        strict,
        rows,
        (rec) => {
          strict.keep(text(rec, 'prompt'));
        },
        { strict: true },
      ),
    (err: unknown) =>
      err instanceof InputError &&
      err.message === 'fixture.jsonl, line 2, field "prompt": empty-string: is an empty string',
  );
});

test('a corrupted copy of a source file in the mirror is refused by sha256', async () => {
  const entry = getSource('mtbench-questions');
  const mirror = join(dir, 'mirror');
  const target = join(mirror, entry.local);
  mkdirSync(dirname(target), { recursive: true });
  const bytes = Buffer.from(readFileSync(mirrorPath(entry)));
  bytes[100] ^= 1;
  writeFileSync(target, bytes);
  const saved = process.env.RMW_DATA_DIR;
  process.env.RMW_DATA_DIR = mirror;
  try {
    await assert.rejects(resolveSource('mtbench-questions', { download: false }), (err: unknown) => {
      assert.ok(err instanceof SourceIntegrityError);
      assert.match(err.message, /source "mtbench-questions": .* has sha256 [0-9a-f]{64}, expected /);
      return true;
    });
  } finally {
    if (saved === undefined) delete process.env.RMW_DATA_DIR;
    else process.env.RMW_DATA_DIR = saved;
  }
});
