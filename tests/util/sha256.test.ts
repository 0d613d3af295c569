// The platform-free SHA-256 against FIPS 180-4's examples and node:crypto, across block edges and split updates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash as nodeHash } from 'node:crypto';
import { createHash } from '../../src/util/sha256.js';
import { hashJson, sha256Hex } from '../../src/util/digest.js';

test('FIPS 180-4 examples: "abc" and the 448-bit message', () => {
  assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(
    sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  );
  assert.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
});

test('equal to node:crypto at every length around the 64-byte block and its 56-byte padding edge', () => {
  for (const n of [1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000]) {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 255);
    const split = createHash('sha256')
      .update(bytes.subarray(0, n >> 1))
      .update('é')
      .update(bytes.subarray(n >> 1));
    const expected = nodeHash('sha256')
      .update(bytes.subarray(0, n >> 1))
      .update('é')
      .update(bytes.subarray(n >> 1));
    assert.equal(split.digest('hex'), expected.digest('hex'), `length ${n}`);
  }
});

test('hashJson hashes canonical JSON (key order does not matter); digest twice is refused', () => {
  assert.equal(hashJson({ b: 1, a: [2, { d: 3, c: 4 }] }), hashJson({ a: [2, { c: 4, d: 3 }], b: 1 }));
  assert.equal(hashJson({ a: 1 }), nodeHash('sha256').update('{"a":1}').digest('hex'));
  const h = createHash('sha256');
  h.digest('hex');
  assert.throws(() => h.update('x'), /update after digest/);
});
