// One binary file format for model snapshots (final weights, training checkpoints):
//   "RMWSNAP1" | u32 LE header length | header JSON (UTF-8, space-padded to a multiple of 4) | array bytes
// The header lists each array (name, shape, dtype, byte offset, length) and the sha256 of the array bytes, so a
// truncated or corrupted file is refused with a clear message instead of loading garbage.
import { sha256Hex } from '../util/digest.js';
import type { NamedArray } from './trainable.js';

const MAGIC = 'RMWSNAP1';
const utf8 = new TextEncoder();

interface ArrayEntry {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  offset: number;
  length: number;
}

export interface SnapshotFileContents {
  /** Free-form JSON the writer stored (model kind/config, trainer state, ...). */
  meta: Record<string, unknown>;
  arrays: NamedArray[];
}

export function encodeSnapshotFile(meta: Record<string, unknown>, arrays: readonly NamedArray[]): Uint8Array {
  const entries: ArrayEntry[] = [];
  let offset = 0;
  for (const a of arrays) {
    entries.push({
      name: a.name,
      shape: a.shape,
      dtype: a.data instanceof Int32Array ? 'int32' : 'float32',
      offset,
      length: a.data.length,
    });
    offset += a.data.byteLength;
  }
  const payload = new Uint8Array(offset);
  for (let i = 0; i < arrays.length; i++) {
    const d = arrays[i].data;
    payload.set(new Uint8Array(d.buffer, d.byteOffset, d.byteLength), entries[i].offset);
  }
  const sha256 = sha256Hex(payload);
  const text = JSON.stringify({ meta, arrays: entries, payloadBytes: offset, sha256 });
  // Space-padded so the arrays start at a multiple of 4 bytes.
  const pad = (4 - ((MAGIC.length + 4 + utf8.encode(text).length) % 4)) % 4;
  const header = utf8.encode(text + ' '.repeat(pad));
  const out = new Uint8Array(MAGIC.length + 4 + header.length + payload.length);
  out.set(utf8.encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(MAGIC.length, header.length, true);
  out.set(header, MAGIC.length + 4);
  out.set(payload, MAGIC.length + 4 + header.length);
  return out;
}

export function decodeSnapshotFile(bytes: Uint8Array, file: string): SnapshotFileContents {
  const fail = (why: string): never => {
    throw new Error(`${file}: not a readable snapshot file (${why})`);
  };
  if (bytes.length < MAGIC.length + 4 || new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC)
    fail('bad magic bytes');
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(MAGIC.length, true);
  const start = MAGIC.length + 4 + headerLength;
  if (start > bytes.length) fail('header runs past the end of the file');
  let header: { meta: Record<string, unknown>; arrays: ArrayEntry[]; payloadBytes: number; sha256: string };
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, start)));
  } catch (e) {
    return fail(`header is not JSON: ${(e as Error).message}`);
  }
  const payload = bytes.subarray(start);
  if (payload.length !== header.payloadBytes)
    fail(`expected ${header.payloadBytes} array bytes, found ${payload.length} (truncated?)`);
  const sha = sha256Hex(payload);
  if (sha !== header.sha256) fail(`array bytes have sha256 ${sha}, header says ${header.sha256}`);
  const arrays: NamedArray[] = header.arrays.map((e) => {
    // A fresh, aligned copy (Buffer#slice would be a view into a shared pool).
    const copy = new Uint8Array(payload.subarray(e.offset, e.offset + e.length * 4));
    const data =
      e.dtype === 'int32' ? new Int32Array(copy.buffer, 0, e.length) : new Float32Array(copy.buffer, 0, e.length);
    return { name: e.name, shape: e.shape, data };
  });
  return { meta: header.meta, arrays };
}
