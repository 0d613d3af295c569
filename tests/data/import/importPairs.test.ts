// The generic importer keeps or quarantines every record, for both shapes and all four file types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { importPairs } from '../../../src/data/import/importPairs.js';
import { getPath } from '../../../src/data/read/path.js';

const dir = mkdtempSync(join(tmpdir(), 'rmw-import-'));
const put = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const user = (content: string) => [{ role: 'user', content }];

test('JSONL, (prompt, chosen, rejected): good rows kept, bad rows quarantined with reason and line', async () => {
  const path = put(
    'prefs.jsonl',
    [
      JSON.stringify({ q: 'Capital of France?', good: 'Paris', bad: 'Lyon' }),
      JSON.stringify({ q: '', good: 'x', bad: 'y' }),
      JSON.stringify({ q: 'Q3', good: 42, bad: 'y' }),
      JSON.stringify({ q: 'Q4', bad: 'y' }),
      JSON.stringify({ q: 'Q5', good: 'same', bad: 'same' }),
      JSON.stringify([1, 2]),
    ].join('\n') + '\n',
  );
  const r = await importPairs(path, { prompt: 'q', chosen: 'good', rejected: 'bad' });
  assert.equal(r.read, 6);
  assert.equal(r.kept, 1);
  assert.deepEqual(r.items, [
    { id: 'prefs:1', source: 'prefs', prompt: user('Capital of France?'), chosen: 'Paris', rejected: 'Lyon' },
  ]);
  assert.deepEqual(r.quarantined, { 'empty-string': 1, 'wrong-type': 2, 'missing-field': 1, 'identical-responses': 1 });
  assert.deepEqual(
    r.examples.map((e) => [e.row, e.reason, e.field]),
    [
      [2, 'empty-string', 'q'],
      [3, 'wrong-type', 'good'],
      [4, 'missing-field', 'good'],
      [5, 'identical-responses', 'good'],
      [6, 'wrong-type', '(record)'],
    ],
  );
  assert.equal(r.examples[1].detail, 'line 3: expected a string or a message list, got number');
});

test(
  'JSON document with records nested at --field "data.rows", ' + '(prompt, A, B, label) with --a-wins / --b-wins',
  async () => {
    const path = put(
      'nested.json',
      JSON.stringify({
        meta: { version: 1 },
        data: {
          rows: [
            { instruction: 'I1', output_1: 'one', output_2: 'two', label: 1 },
            { instruction: 'I2', output_1: 'one', output_2: 'two', label: 2 },
            { instruction: 'I3', output_1: 'one', output_2: 'two', label: 0 },
          ],
        },
      }),
    );
    const r = await importPairs(path, {
      prompt: 'instruction',
      a: 'output_1',
      b: 'output_2',
      label: 'label',
      aWins: ['1'],
      bWins: ['2'],
      field: 'data.rows',
    });
    assert.equal(r.read, 3);
    assert.deepEqual(
      r.items.map((p) => [p.id, p.chosen, p.rejected]),
      [
        ['nested:0', 'one', 'two'],
        ['nested:1', 'two', 'one'],
      ],
    );
    assert.deepEqual(r.quarantined, { 'label-unrecognised': 1 });
    assert.equal(r.examples[0].detail, 'row 2: "0" is neither an A-wins value (1) nor a B-wins value (2)');
  },
);

test('default label values: "A"/"B" or the response column names, case-insensitive', async () => {
  const path = put(
    'ab.csv',
    'prompt,response_a,response_b,winner\nP1,x,y,A\nP2,x,y,response_b\nP3,x,y,b\nP4,x,y,tie\n',
  );
  const r = await importPairs(path, { prompt: 'prompt', a: 'response_a', b: 'response_b', label: 'winner' });
  assert.deepEqual(
    r.items.map((p) => p.chosen),
    ['x', 'y', 'y'],
  );
  assert.deepEqual(r.quarantined, { 'label-unrecognised': 1 });
  assert.equal(r.examples[0].row, 5);
});

test('CSV with RFC 4180 quoting; a row with the wrong field count is quarantined by line', async () => {
  const path = put('q.csv', 'prompt,chosen,rejected\n"Say ""hi""","Hi, there","multi\nline"\nonly,two\nP,c,r\n');
  const r = await importPairs(path, { prompt: 'prompt', chosen: 'chosen', rejected: 'rejected' });
  assert.equal(r.read, 3);
  assert.deepEqual(r.items[0], {
    id: 'q:2',
    source: 'q',
    prompt: user('Say "hi"'),
    chosen: 'Hi, there',
    rejected: 'multi\nline',
  });
  assert.equal(r.items[1].id, 'q:5');
  assert.deepEqual(r.quarantined, { 'csv-field-count': 1 });
  assert.deepEqual(r.examples[0], {
    row: 4,
    reason: 'csv-field-count',
    field: '(record)',
    detail: 'line 4: has 2 fields, the header has 3',
  });
});

test('Parquet with message-list columns; --id column and --source; duplicate ids quarantined', async () => {
  const msgs = (content: string, role: string) => [{ role, content }];
  const buf = parquetWriteBuffer({
    columnData: [
      { name: 'uid', data: ['u1', 'u2', 'u1'], type: 'STRING' },
      { name: 'prompt', data: [msgs('hi', 'user'), msgs('yo', 'user'), msgs('hey', 'user')] as never },
      { name: 'chosen', data: [msgs('good', 'assistant'), msgs('good2', 'user'), msgs('g', 'assistant')] as never },
      {
        name: 'rejected',
        data: [msgs('bad', 'assistant'), msgs('bad2', 'assistant'), msgs('b', 'assistant')] as never,
      },
    ],
  });
  const path = join(dir, 'm.parquet');
  writeFileSync(path, new Uint8Array(buf));
  const r = await importPairs(path, {
    prompt: 'prompt',
    chosen: 'chosen',
    rejected: 'rejected',
    id: 'uid',
    source: 'mine',
  });
  assert.deepEqual(r.items, [{ id: 'mine:u1', source: 'mine', prompt: user('hi'), chosen: 'good', rejected: 'bad' }]);
  assert.deepEqual(r.quarantined, { 'bad-value': 1, 'duplicate-id': 1 });
  assert.deepEqual(
    r.examples.map((e) => [e.row, e.reason, e.field]),
    [
      [1, 'bad-value', 'chosen'],
      [2, 'duplicate-id', 'uid'],
    ],
  );
});

test('column names may be dotted paths into nested records', async () => {
  const path = put('deep.jsonl', `${JSON.stringify({ conv: { prompt: 'P' }, pref: { win: 'W', lose: 'L' } })}\n`);
  const r = await importPairs(path, { prompt: 'conv.prompt', chosen: 'pref.win', rejected: 'pref.lose' });
  assert.deepEqual(
    r.items.map((p) => [p.chosen, p.rejected]),
    [['W', 'L']],
  );
  assert.equal(getPath({ 'a.b': 1, a: { b: 2 } }, 'a.b'), 1);
  assert.equal(getPath({ a: { b: { c: 3 } } }, 'a.b.c'), 3);
  assert.equal(getPath({ a: 1 }, 'a.b'), undefined);
});

test(
  'whole-file errors name the file: corrupt JSON (with its line), --field missing, top-level object without ' +
    '--field',
  async () => {
    const bad = put('bad.json', '[\n {"a": 1},\n {"a": }\n]');
    await assert.rejects(importPairs(bad, { prompt: 'a', chosen: 'b', rejected: 'c' }), {
      name: 'InputError',
      message: new RegExp(`^${bad}, line 3: corrupt JSON`),
    });
    const obj = put('obj.json', JSON.stringify({ data: { rows: [] } }));
    await assert.rejects(importPairs(obj, { prompt: 'a', chosen: 'b', rejected: 'c', field: 'data.items' }), {
      message: `${obj}, field "data.items": the document has no such field`,
    });
    await assert.rejects(importPairs(obj, { prompt: 'a', chosen: 'b', rejected: 'c' }), {
      message: `${obj}: expected an array of records, got object (keys: data); name the array with --field`,
    });
    await assert.rejects(importPairs(put('x.txt', ''), { prompt: 'a', chosen: 'b', rejected: 'c' }), {
      message: /unknown file type/,
    });
  },
);

test('column specs are checked before reading', async () => {
  await assert.rejects(importPairs('unused.jsonl', { prompt: 'p', chosen: 'c' }), {
    message: '--chosen and --rejected go together',
  });
  await assert.rejects(importPairs('unused.jsonl', { prompt: 'p', a: 'a', b: 'b' }), {
    message: 'give --chosen and --rejected, or --a, --b and --label',
  });
  await assert.rejects(importPairs('unused.jsonl', { prompt: 'p', chosen: 'c', rejected: 'r', label: 'l' }), {
    message: /not both/,
  });
});

test(
  'exact repeats (same prompt, chosen and rejected) are kept, ' + 'counted, and each names the row it repeats',
  async () => {
    const path = put(
      'repeats.jsonl',
      [
        { q: 'P1', good: 'a', bad: 'b' },
        { q: 'P1', good: 'a', bad: 'b' }, // repeats line 1
        { q: 'P2', good: 'a', bad: 'b' }, // another prompt: not a repeat
        { q: 'P1', good: 'a', bad: 'c' }, // another rejected: not a repeat
        { q: [{ role: 'user', content: 'P1' }], good: 'a', bad: 'b' }, // the same prompt as messages: repeats line 1
        { q: 'P2', good: 'a', bad: 'b' }, // repeats line 3
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const r = await importPairs(path, { prompt: 'q', chosen: 'good', rejected: 'bad' });
    assert.equal(r.kept, 6);
    assert.deepEqual(r.duplicates, {
      count: 3,
      examples: [
        { row: 2, firstRow: 1 },
        { row: 5, firstRow: 1 },
        { row: 6, firstRow: 3 },
      ],
    });
    const none = await importPairs(put('once.jsonl', JSON.stringify({ q: 'P', good: 'a', bad: 'b' })), {
      prompt: 'q',
      chosen: 'good',
      rejected: 'bad',
    });
    assert.deepEqual(none.duplicates, { count: 0, examples: [] });
  },
);

test("the importer takes the caller's bad-row policy: strict fails the file at the first bad record", async () => {
  const path = put('strict.csv', 'prompt,chosen,rejected\nP,c,r\nQ,,r\n');
  await assert.rejects(
    importPairs(path, { prompt: 'prompt', chosen: 'chosen', rejected: 'rejected' }, { strict: true }),
    {
      name: 'InputError',
      message: `${path}, line 3, field "chosen": empty-string: is an empty string`,
    },
  );
});
