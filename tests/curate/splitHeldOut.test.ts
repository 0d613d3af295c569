import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitHeldOut } from '../../src/curate/splitHeldOut.js';
import { pair } from './helpers.js';

test('pairs of one prompt land on the same side; about the asked fraction is held out', () => {
  const pairs = Array.from({ length: 4000 }, (_, i) => pair(`p${i}`, 's', `prompt number ${i % 2000}`));
  const { train, heldOut } = splitHeldOut(pairs, 0.1);
  assert.equal(train.items.length + heldOut.length, 4000);
  assert.equal(heldOut.length % 2, 0);
  for (const h of heldOut) assert.ok(heldOut.some((o) => o !== h && o.prompt[0].content === h.prompt[0].content));
  assert.ok(heldOut.length > 4000 * 0.08 && heldOut.length < 4000 * 0.12, `held out ${heldOut.length}`);
  assert.deepEqual(train.report.dropped, { 'held-out prompt': heldOut.length });
});
