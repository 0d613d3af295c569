import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flagNumberList, parseArgs } from '../../src/cli/args.js';

test('flags take the next word as value unless they are switches', () => {
  const a = parseArgs(['workbench', '--out', 'd', '--seed=3', '--json', 'x', '--no-filter', 'y']);
  assert.deepEqual(a.positional, ['workbench', 'x', 'y']);
  assert.deepEqual(a.flags, { out: 'd', seed: '3', json: true, 'no-filter': true });
});

test('a negative number is a value, not a flag', () => {
  assert.deepEqual(parseArgs(['--chosen', '-1,2']).flags, { chosen: '-1,2' });
});

test('number lists name the bad entry', () => {
  assert.deepEqual(flagNumberList(parseArgs(['--m', '1, 0.5']), 'm'), [1, 0.5]);
  assert.throws(() => flagNumberList(parseArgs(['--m', '1,x']), 'm'), /--m: entry 2 \("x"\)/);
});
