// The JSON syntax scanner points at the first bad character, so errors can name a line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonErrorOffset, lineOfOffset } from '../../../src/data/read/jsonErrorPosition.js';

test('valid JSON gives -1', () => {
  for (const t of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]} ', '"s"', '0'])
    assert.equal(jsonErrorOffset(t), -1, t);
});

test('the offset of the first bad character', () => {
  assert.equal(jsonErrorOffset('{"a": }'), 6);
  assert.equal(jsonErrorOffset('[1, 2,]'), 6);
  assert.equal(jsonErrorOffset('{"a" 1}'), 5);
  assert.equal(jsonErrorOffset('[1] x'), 4);
  assert.equal(jsonErrorOffset('["open'), 6);
  assert.equal(jsonErrorOffset('[tru]'), 1);
});

test('lineOfOffset counts newlines before the offset', () => {
  const text = '[\n {"a": 1},\n {"a": }\n]';
  assert.equal(lineOfOffset(text, jsonErrorOffset(text)), 3);
});
