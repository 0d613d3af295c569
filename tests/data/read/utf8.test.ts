// Bytes that are not UTF-8 are refused the same way by every format: the row holding them is a bad row (reason
// invalid-utf8) naming the field, never text with U+FFFD in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordBatch, Struct, Table, makeData, tableToIPC } from 'apache-arrow';
import { LoadAccount } from '../../../src/data/loadReport.js';
import { readPairsArrow } from '../../../src/data/io/arrowFile.js';
import { readPairsParquet } from '../../../src/data/io/hfParquet.js';
import { readPairsJsonl } from '../../../src/data/io/jsonl.js';
import { pairsToArrow } from '../../../src/data/io/pairTable.js';
import { text } from '../../../src/data/read/getters.js';
import { readJsonlRecords } from '../../../src/data/read/jsonl.js';
import { readRecords } from '../../../src/data/read/records.js';
import { decodeText, utf8OrUndefined } from '../../../src/data/read/utf8.js';
import { eachRecord } from '../../../src/data/read/walk.js';
import { utf8Data, writeSameRows } from './sameRows.js';

const dir = mkdtempSync(join(tmpdir(), 'rmw-utf8-'));
/** "caf" + 0xE9 (é in Latin-1, not UTF-8) + "!" */
const LATIN1 = new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x21]);
const PROBLEM = 'invalid-utf8: holds bytes that are not valid UTF-8';

test('the decoder is fatal: valid text decodes, a lone 0xE9 does not; a BOM is dropped from text files', () => {
  assert.equal(utf8OrUndefined(new Uint8Array([0x63, 0x61, 0x66, 0xc3, 0xa9])), 'café');
  assert.equal(utf8OrUndefined(LATIN1), undefined);
  assert.deepEqual(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])), { text: 'a' });
  const marked = decodeText(new Uint8Array([0x61, 0xe9, 0x62]));
  assert.equal(marked.text, `a${marked.marker}b`);
});

const files = writeSameRows(dir, 'latin1', [
  { prompt: 'p1', chosen: 'c1' },
  { prompt: 'p2', chosen: LATIN1 },
  { prompt: 'p3', chosen: 'c3' },
]);

for (const { format, file, rowKind, rowOf } of files) {
  test(`${format}: the row with bad bytes in "chosen" is quarantined as invalid-utf8, or fails the file`, async () => {
    const account = new LoadAccount<string>('fixture', file);
    const { records } = await readRecords(file);
    const keep = (strict: boolean, acct = account) =>
      eachRecord(acct, records, (rec) => acct.keep(text(rec, 'chosen')), { strict });
    keep(false);
    assert.deepEqual(account.items, ['c1', 'c3']);
    assert.deepEqual(account.quarantined, { 'invalid-utf8': 1 });
    assert.deepEqual(account.examples, [
      {
        row: rowOf(1),
        reason: 'invalid-utf8',
        field: 'chosen',
        detail: `${rowKind} ${rowOf(1)}: holds bytes that are not valid UTF-8`,
      },
    ]);
    assert.throws(() => keep(true, new LoadAccount<string>('fixture', file)), {
      name: 'InputError',
      message: `${file}, ${rowKind} ${rowOf(1)}, field "chosen": ${PROBLEM}`,
    });
  });
}

test('JSONL: bad bytes outside any string make the line a bad row of its own', () => {
  const file = join(dir, 'outside.jsonl');
  writeFileSync(file, Buffer.concat([Buffer.from('{"a": "x"}\n{"a": 1'), Buffer.from([0xe9]), Buffer.from('}\n')]));
  assert.deepEqual(
    readJsonlRecords(file).map((r) => [r.row, r.problem?.reason, r.problem?.field]),
    [
      [1, undefined, undefined],
      [2, 'invalid-utf8', '(record)'],
    ],
  );
});

test('pair files (JSONL, Parquet, Arrow) refuse a bad "chosen" with the same message', async () => {
  const jsonl = join(dir, 'pairs.jsonl');
  const line = (chosen: Uint8Array) =>
    Buffer.concat([
      Buffer.from('{"id":"t:1","source":"t","prompt":[{"role":"user","content":"q"}],"chosen":"'),
      chosen,
      Buffer.from('","rejected":"no"}\n'),
    ]);
  writeFileSync(jsonl, Buffer.concat([line(Buffer.from('fine')), line(LATIN1)]));
  assert.throws(() => readPairsJsonl(jsonl), {
    name: 'InputError',
    message: `${jsonl}, line 2, field "chosen": ${PROBLEM}`,
  });

  // Parquet pairs may hold plain-string prompt/chosen/rejected columns (the explicit layout's simplest form).
  const [, , , , parquet] = writeSameRows(dir, 'pairs', [
    { id: 't:0', source: 't', prompt: 'q', chosen: 'fine', rejected: 'no' },
    { id: 't:1', source: 't', prompt: 'q', chosen: LATIN1, rejected: 'no' },
  ]);
  await assert.rejects(readPairsParquet(parquet.file), {
    name: 'InputError',
    message: `${parquet.file}, row 1, field "chosen": ${PROBLEM}`,
  });

  // An Arrow pair table whose "chosen" column holds the bad bytes in row 1.
  const good = {
    id: 't:0',
    source: 't',
    prompt: [{ role: 'user' as const, content: 'q' }],
    chosen: 'ok',
    rejected: 'no',
  };
  const base = pairsToArrow([good, { ...good, id: 't:1' }]);
  const children = base.batches[0].data.children.slice();
  children[base.schema.fields.findIndex((f) => f.name === 'chosen')] = utf8Data(['ok', LATIN1]);
  const data = makeData({ type: new Struct(base.schema.fields), length: 2, nullCount: 0, children });
  const arrow = join(dir, 'pairs.arrow');
  writeFileSync(arrow, tableToIPC(new Table(base.schema, [new RecordBatch(base.schema, data)]), 'file'));
  assert.throws(() => readPairsArrow(arrow), {
    name: 'InputError',
    message: `${arrow}, row 1, field "chosen": ${PROBLEM}`,
  });
});
