// The one kernel tfjs-backend-wasm 4.22 lacks that the transformer needs: UnsortedSegmentSum, the gradient of
// tf.gather. Without it an embedding lookup cannot train on wasm, and the fallback (one-hot(ids) x E) spends
// seconds per step in a [tokens x vocabulary]^T product (stack.md). This is the sum written in plain TypeScript over
// the wasm backend's memory: out[s, :] = Σ_{i: ids[i] = s} x[i, :], ids outside [0, numSegments) ignored (as tfjs's
// other backends do).
import * as tf from '@tensorflow/tfjs-core';

interface WasmBackend {
  readSync(dataId: object): ArrayLike<number>;
  makeOutput(shape: number[], dtype: string, memoryOffset?: number, values?: Float32Array): tf.TensorInfo;
}

/** out[segment, j] = Σ over rows i with segmentIds[i] = segment of x[i, j], for x [rows, ...] and ids [rows]. */
export function unsortedSegmentSum(
  x: ArrayLike<number>,
  rows: number,
  segmentIds: ArrayLike<number>,
  numSegments: number,
): Float32Array {
  const width = rows === 0 ? 0 : x.length / rows;
  const out = new Float32Array(numSegments * width);
  for (let i = 0; i < rows; i++) {
    const s = segmentIds[i];
    if (!(s >= 0 && s < numSegments)) continue;
    const from = i * width,
      to = s * width;
    for (let j = 0; j < width; j++) out[to + j] += x[from + j];
  }
  return out;
}

let registered = false;

/** Registers UnsortedSegmentSum for the wasm backend (once; idempotent). */
export function registerWasmKernels(): void {
  if (registered || tf.getKernel('UnsortedSegmentSum', 'wasm')) {
    registered = true;
    return;
  }
  tf.registerKernel({
    kernelName: 'UnsortedSegmentSum',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs, backend }) => {
      const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
      const numSegments = attrs?.numSegments as number;
      if (x.dtype !== 'float32') throw new Error(`UnsortedSegmentSum (wasm): float32 only, got ${x.dtype}`);
      if (segmentIds.shape.length !== 1 || segmentIds.shape[0] !== x.shape[0]) {
        throw new Error('UnsortedSegmentSum (wasm): segmentIds must be 1-D with one id per row of x');
      }
      const b = backend as unknown as WasmBackend;
      const out = unsortedSegmentSum(b.readSync(x.dataId), x.shape[0], b.readSync(segmentIds.dataId), numSegments);
      return b.makeOutput([numSegments, ...x.shape.slice(1)], 'float32', undefined, out);
    },
  });
  registered = true;
}
