import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { heldOutKey, isHeldOut, promptHashUnit } from '../../src/data/heldOut.js';
import { pair } from '../curate/helpers.js';

test('the held-out hash is sha256 of salt + newline + the normalised last user turn', () => {
  const p = pair('x', 's', 'Hello,   WORLD!');
  assert.equal(heldOutKey(p.prompt), 'hello world');
  const hex = createHash('sha256').update('salt\nhello world').digest('hex').slice(0, 13);
  assert.equal(promptHashUnit(p.prompt, 'salt'), parseInt(hex, 16) / 2 ** 52);
  assert.equal(isHeldOut(p, 1, 'salt'), true);
  assert.equal(isHeldOut(p, 0, 'salt'), false);
});
