// RFC 4180 CSV parsing: quotes, doubled quotes, newlines inside quotes, CRLF, and errors that name the line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvRecords, parseCsv } from '../../../src/data/read/csv.js';

test('plain, quoted, doubled-quote and multi-line fields; records keep their starting line', () => {
  const text = 'a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"line1\nline2",\n\n3,z,"é"\n';
  assert.deepEqual(parseCsv(text, 'f.csv'), {
    header: ['a', 'b', 'c'],
    rows: [
      { line: 2, values: ['1', 'x, y', 'say "hi"'] },
      { line: 3, values: ['2', 'line1\nline2', ''] },
      { line: 6, values: ['3', 'z', 'é'] },
    ],
  });
});

test('no final newline, and an empty quoted field', () => {
  assert.deepEqual(parseCsv('a,b\n"",x', 'f.csv'), { header: ['a', 'b'], rows: [{ line: 2, values: ['', 'x'] }] });
});

test('a trailing comma at the end of the file is one more empty field', () => {
  assert.deepEqual(parseCsv('a,b\n1,', 'f.csv').rows, [{ line: 2, values: ['1', ''] }]);
});

test('a lone CR inside an unquoted field is data; only CRLF or LF ends a record', () => {
  assert.deepEqual(parseCsv('a,b\r\nx\ry,z\r\n', 'f.csv').rows, [{ line: 2, values: ['x\ry', 'z'] }]);
});

test('an unterminated quote names the line it opened on', () => {
  assert.throws(() => parseCsv('a,b\n1,2\n3,"open\nmore\n', 'f.csv'), {
    name: 'InputError',
    message: 'f.csv, line 3: unterminated quoted field',
  });
});

test('text after a closing quote is an error naming the line', () => {
  assert.throws(() => parseCsv('a\n"x"y\n', 'f.csv'), {
    message: 'f.csv, line 2: unexpected character "y" after a closing quote',
  });
});

test('duplicate header names and empty files are refused', () => {
  assert.throws(() => parseCsv('a,a\n1,2\n', 'f.csv'), {
    message: 'f.csv, line 1: duplicate column name "a" in the header',
  });
  assert.throws(() => parseCsv('', 'f.csv'), { message: 'f.csv: CSV file is empty (no header row)' });
});

test('records are keyed by the header; a row with another field count is a bad row, not a file error', () => {
  const records = csvRecords('id,text\n1,ok\n2,too,many\n3,fine\n', 'f.csv');
  assert.deepEqual(
    records.map((r) => [r.row, r.rowKind, r.value, r.problem?.reason, r.problem?.detail]),
    [
      [2, 'line', { id: '1', text: 'ok' }, undefined, undefined],
      [3, 'line', undefined, 'csv-field-count', 'has 3 fields, the header has 2'],
      [4, 'line', { id: '3', text: 'fine' }, undefined, undefined],
    ],
  );
});
