// The bad-row policy is the same in every reader: on the same bad input, each format quarantines the same row with
// the same reason, or under strict fails the file with the same message naming file, row and field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../src/util/errors.js';
import { LoadAccount } from '../../../src/data/loadReport.js';
import { text } from '../../../src/data/read/getters.js';
import { readRecords } from '../../../src/data/read/records.js';
import { eachRecord } from '../../../src/data/read/walk.js';
import { writeSameRows } from './sameRows.js';

const dir = mkdtempSync(join(tmpdir(), 'rmw-policy-'));
// Record 1 (0-based) has an empty "chosen".
const files = writeSameRows(dir, 'empty-chosen', [
  { prompt: 'p1', chosen: 'c1' },
  { prompt: 'p2', chosen: '' },
  { prompt: 'p3', chosen: 'c3' },
]);

async function load(file: string, strict: boolean) {
  const account = new LoadAccount<string>('fixture', file);
  const { records } = await readRecords(file);
  eachRecord(account, records, (rec) => account.keep(text(rec, 'chosen')), { strict });
  return account.report();
}

for (const { format, file, rowKind, rowOf } of files) {
  test(`${format}: quarantine keeps the good rows and counts the bad one with its reason, row and field`, async () => {
    const r = await load(file, false);
    assert.equal(r.read, 3);
    assert.deepEqual(r.items, ['c1', 'c3']);
    assert.deepEqual(r.quarantined, { 'empty-string': 1 });
    assert.deepEqual(r.examples, [
      { row: rowOf(1), reason: 'empty-string', field: 'chosen', detail: `${rowKind} ${rowOf(1)}: is an empty string` },
    ]);
  });

  test(`${format}: strict fails the file at the bad row, naming file, row and field`, async () => {
    await assert.rejects(load(file, true), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.deepEqual(err.location, { file, row: rowOf(1), rowKind, field: 'chosen' });
      assert.equal(err.message, `${file}, ${rowKind} ${rowOf(1)}, field "chosen": empty-string: is an empty string`);
      return true;
    });
  });
}

test('the six files are the six formats the readers take', () => {
  assert.deepEqual(
    files.map((f) => f.format),
    ['JSONL', 'gzip JSONL', 'JSON', 'CSV', 'Parquet', 'Arrow'],
  );
});
