// RFC 4180 CSV parsing: quotes, doubled quotes, newlines inside quotes, CRLF, and errors that name the line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCsvRow, parseCsvTable, parseCsvRecords } from '../../../src/data/import/csv.js';

test('plain, quoted, doubled-quote and multi-line fields; records keep their starting line', () => {
  const text = 'a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"line1\nline2",\n\n3,z,"é"\n';
  assert.deepEqual(parseCsvTable(text, 'f.csv'), {
    header: ['a', 'b', 'c'],
    records: [
      { line: 2, values: ['1', 'x, y', 'say "hi"'] },
      { line: 3, values: ['2', 'line1\nline2', ''] },
      { line: 6, values: ['3', 'z', 'é'] },
    ],
  });
});

test('no final newline, and an empty quoted field', () => {
  assert.deepEqual(parseCsvRecords('a,b\n"",x', 'f.csv'), [
    { line: 1, values: ['a', 'b'] },
    { line: 2, values: ['', 'x'] },
  ]);
});

test('an unterminated quote names the line it opened on', () => {
  assert.throws(() => parseCsvRecords('a,b\n1,2\n3,"open\nmore\n', 'f.csv'), {
    name: 'InputError',
    message: 'f.csv, line 3: unterminated quoted field',
  });
});

test('text after a closing quote is an error naming the line', () => {
  assert.throws(() => parseCsvRecords('a\n"x"y\n', 'f.csv'), {
    message: 'f.csv, line 2: unexpected character "y" after a closing quote',
  });
});

test('duplicate header names and empty files are refused', () => {
  assert.throws(() => parseCsvTable('a,a\n1,2\n', 'f.csv'), {
    message: 'f.csv, line 1: duplicate column name "a" in the header',
  });
  assert.throws(() => parseCsvTable('', 'f.csv'), { message: 'f.csv: CSV file is empty (no header row)' });
});

test('formatCsvRow quotes only where needed and parses back', () => {
  const row = ['plain', 'a,b', 'he said "no"', 'two\nlines'];
  const text = formatCsvRow(row);
  assert.equal(text, 'plain,"a,b","he said ""no""","two\nlines"');
  assert.deepEqual(parseCsvRecords(`${text}\n`, 'f.csv')[0].values, row);
});
