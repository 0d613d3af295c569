// Broken input: corrupt or truncated gzip, malformed JSON / JSONL / CSV give errors naming file and line; row-level
// problems are quarantined with counted reasons (or raised with the field in strict mode); a corrupted mirror copy
// is refused by its sha256.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { InputError } from '../../../src/util/errors.js';
import { LoadAccount } from '../../../src/data/loadReport.js';
import { getSource, mirrorPath, resolveSource, SourceIntegrityError } from '../../../src/data/sources.js';
import { eachRow, parseCsv, readJsonArray, readJsonl, text, num, type Line } from '../../../src/data/loaders/read.js';

const dir = mkdtempSync(join(tmpdir(), 'rmw-loaders-'));

test('a truncated gzip names the file and the first incomplete line', async () => {
  const lines = Array.from({ length: 400 }, (_, i) =>
    JSON.stringify({ chosen: `c${i} ${'x'.repeat(200)}`, rejected: `r${i}` }),
  );
  const gz = gzipSync(lines.join('\n') + '\n');
  const file = join(dir, 'truncated.jsonl.gz');
  writeFileSync(file, gz.subarray(0, Math.floor(gz.length / 2)));
  await assert.rejects(readJsonl(file), (err: unknown) => {
    assert.ok(err instanceof InputError);
    assert.equal(err.location.file, file);
    assert.equal(err.location.rowKind, 'line');
    assert.ok(err.location.row! > 1 && err.location.row! < 400, `line ${err.location.row}`);
    assert.match(err.message, /truncated\.jsonl\.gz, line \d+: corrupt or truncated gzip/);
    return true;
  });
});

test('a corrupt gzip (damaged real file) is an InputError naming the file', async () => {
  const real = readFileSync(mirrorPath(getSource('hh-harmless-base')));
  const bad = Buffer.from(real);
  for (let i = 1000; i < 1100; i++) bad[i] ^= 0xff;
  const file = join(dir, 'damaged.jsonl.gz');
  writeFileSync(file, bad);
  await assert.rejects(
    readJsonl(file),
    (err: unknown) => err instanceof InputError && err.message.startsWith(`${file}, line `),
  );
});

test('a malformed JSONL line names its line number', async () => {
  const file = join(dir, 'bad.jsonl');
  writeFileSync(file, '{"a": 1}\n\n{"a": 2}\n{"a": 3,,}\n{"a": 4}\n');
  await assert.rejects(readJsonl(file), (err: unknown) => {
    assert.ok(err instanceof InputError);
    assert.equal(err.location.row, 4); // blank line 2 still counts as a line
    assert.match(err.message, /bad\.jsonl, line 4: malformed JSON line/);
    return true;
  });
});

test('a malformed JSON document names the line where parsing stopped', async () => {
  const file = join(dir, 'bad.json');
  writeFileSync(file, '[\n  {"input": "a"},\n  {"input": "b"},\n  {"input": "c" "label": 1}\n]\n');
  await assert.rejects(readJsonArray(file), (err: unknown) => {
    assert.ok(err instanceof InputError);
    assert.equal(err.location.row, 4);
    return true;
  });
  const notArray = join(dir, 'object.json');
  writeFileSync(notArray, '{"rows": []}');
  await assert.rejects(readJsonArray(notArray), /expected a JSON array/);
});

test('CSV: quoted fields with commas, quotes and newlines; an unterminated quote names its line', () => {
  const rows = parseCsv('id,text,label\n1,"a, ""b""\nc",x\r\n2,plain,\n', 'f.csv');
  assert.deepEqual(rows, [
    { line: 2, value: { id: '1', text: 'a, "b"\nc', label: 'x' } },
    { line: 4, value: { id: '2', text: 'plain', label: '' } },
  ]);
  assert.throws(
    () => parseCsv('id,text\n1,ok\n2,"never closed\n3,x\n', 'g.csv'),
    /g\.csv, line 3: unterminated quoted CSV field/,
  );
  assert.throws(() => parseCsv('id,text\n1,ok,extra\n', 'h.csv'), /h\.csv, line 2: CSV row has 3 fields, header has 2/);
});

test('row problems are quarantined with counted reasons; strict mode names file, line and field', () => {
  const rows: Line[] = [
    { line: 1, value: { prompt: 'p', score: 1 } },
    { line: 2, value: { prompt: '', score: 1 } },
    { line: 3, value: { score: 2 } },
    { line: 4, value: { prompt: 7, score: 2 } },
    { line: 5, value: [1, 2] },
    { line: 6, value: { prompt: 'q', score: 'high' } },
    { line: 7, value: { prompt: '  ', score: 3 } },
  ];
  const acct = new LoadAccount<string>('fixture', 'fixture.jsonl');
  const walk = () =>
    eachRow(acct, rows, 'line', (rec) => {
      num(rec, 'score');
      acct.keep(text(rec, 'prompt'));
    });
  walk();
  const r = acct.report();
  assert.equal(r.read, 7);
  assert.deepEqual(r.items, ['p']);
  assert.deepEqual(r.quarantined, {
    'empty field "prompt"': 2,
    'missing field "prompt"': 1,
    'field "prompt" is not a string': 1,
    'row is not an object': 1,
    'field "score" is not a number': 1,
  });
  assert.deepEqual(r.examples[0], { row: 2, reason: 'empty field "prompt"', field: 'prompt', detail: undefined });
  const strict = new LoadAccount<string>('fixture', 'fixture.jsonl');
  assert.throws(
    () =>
      eachRow(
        strict,
        rows,
        'line',
        (rec) => {
          strict.keep(text(rec, 'prompt'));
        },
        { strict: true },
      ),
    (err: unknown) =>
      err instanceof InputError && err.message === 'fixture.jsonl, line 2, field "prompt": empty field "prompt"',
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
