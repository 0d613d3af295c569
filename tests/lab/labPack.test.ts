// The lab pack read back: encoded pairs round-trip exactly, and a pack that is not one, was edited, or has a bad row
// is refused with the file, row and field named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LAB_PACK_FORMAT,
  labPackDataHash,
  packPair,
  readLabPack,
  type LabPack,
  type LabPackPair,
} from '../../src/export/labPack.js';
import type { EncodedPair } from '../../src/model/trainable.js';

const pair = (id: string, c: number[], cp: number, r: number[], rp: number, margin: number): EncodedPair => ({
  id,
  chosen: { ids: Int32Array.from(c), promptLength: cp },
  rejected: { ids: Int32Array.from(r), promptLength: rp },
  margin,
});

function packOf(train: LabPackPair[], heldOut: LabPackPair[]): LabPack {
  return {
    format: LAB_PACK_FORMAT,
    mix: { name: 'm', trainSha256: 'ab', card: null },
    preset: 'quick',
    sampleSeed: 1,
    chatFormat: {},
    tokenizer: 't',
    dataHash: labPackDataHash(train, heldOut),
    train,
    heldOut,
  };
}

test('encoded pairs survive the pack (ids, prompt lengths, margins, order)', () => {
  const train = [pair('a', [5, 6, 7], 2, [5, 6, 9, 10], 2, 0.5), pair('b', [1], 1, [1, 2], 1, 0)];
  const held = [pair('c', [3, 4], 1, [3, 8], 1, 2)];
  const text = JSON.stringify(packOf(train.map(packPair), held.map(packPair)));
  const back = readLabPack(JSON.parse(text), 'pack.json');
  assert.deepEqual(back.train, train);
  assert.deepEqual(back.heldOut, held);
  assert.deepEqual(packPair(train[0]), ['a', [5, 6, 7], 2, [5, 6, 9, 10], 2, 0.5]);
});

test('a pack of another format, an edited pack and a bad row are refused, naming what is wrong', () => {
  const rows: LabPackPair[] = [packPair(pair('a', [5, 6], 1, [5, 7], 1, 0))];
  assert.throws(
    () => readLabPack({ format: 'x' }, 'p.json'),
    /p\.json: field "format" is "x", expected "rmw-lab-pack\/1"/,
  );
  const edited = packOf(rows, []);
  edited.train = [['a', [5, 6], 1, [5, 8], 1, 0]];
  assert.throws(() => readLabPack(edited, 'p.json'), /p\.json: the pairs hash to [0-9a-f]{64}, field "dataHash" says/);
  const badLength = packOf([['a', [5, 6], 3, [5, 7], 1, 0]], []);
  assert.throws(() => readLabPack(badLength, 'p.json'), /p\.json: train row 1: chosen prompt length 3 outside 0\.\.2/);
  const badId = packOf([], [['a', [5, -1], 1, [5, 7], 1, 0]]);
  assert.throws(() => readLabPack(badId, 'p.json'), /p\.json: heldOut row 1: chosen ids must be integers >= 0/);
});
