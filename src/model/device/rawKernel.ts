// Running a hand-written WGSL kernel on tensors of the tfjs webgpu backend, inside tfjs's own command stream. tfjs's
// program interface gives a kernel one output; the fused optimizer kernels (optimizerKernels.ts) update a parameter
// and its two AdamW moments in place in one dispatch, so they bind several read-write buffers. This file follows the
// backend's own recording protocol (tfjs-backend-webgpu 4.22.0, pinned): upload pending values, record into the
// shared compute pass, mark the buffers in flight so tfjs defers their release, submit every SUBMIT_BATCH dispatches.
import * as tf from '@tensorflow/tfjs-core';
import { WebGpuError } from './device.js';

/** The internals of tfjs-backend-webgpu 4.22's WebGPUBackend this file relies on. */
interface TensorRecord {
  values: unknown;
  resource: unknown;
  refCount: number;
}

interface Encoder {
  beginComputePass(d: object): PassEncoder;
}

interface PassEncoder {
  setPipeline(p: unknown): void;
  setBindGroup(i: number, g: unknown): void;
  dispatchWorkgroups(x: number, y?: number, z?: number): void;
}

interface GpuDevice {
  createShaderModule(d: { code: string; label?: string }): unknown;
  createComputePipeline(d: object): { getBindGroupLayout(i: number): unknown };
  createBindGroup(d: object): unknown;
  queue: { writeBuffer(buffer: unknown, offset: number, data: ArrayBuffer): void };
}

interface Internals {
  device: GpuDevice;
  tensorMap: { get(dataId: object): TensorRecord | undefined };
  bufferManager: { acquireBuffer(size: number, usage: number): unknown };
  uniformPendingDisposal: unknown[];
  commandQueueOwnedIds: WeakSet<object>;
  commandEncoder: Encoder | null;
  computePassEncoder: PassEncoder | null;
  dispatchCountInPass: number;
  uploadToGPU(dataId: object): void;
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
  submitQueue(): void;
}

export interface RawKernel {
  /** A label for errors and shader debugging. */
  label: string;
  /** WGSL with storage buffers at bindings 0..k-1 (in `bindings` order) and `var<uniform>` at binding k. */
  code: string;
}

export interface Binding {
  /** A tensor, or a kernel's TensorInfo (inside a registered kernel's kernelFunc). */
  tensor: tf.TensorInfo;
  /** Written in place: its CPU copy (if tfjs cached one) is dropped, and no other tensor may share its buffer. */
  write?: boolean;
}

const pipelines = new WeakMap<object, Map<string, { getBindGroupLayout(i: number): unknown }>>();

function internals(): Internals {
  if (tf.getBackend() !== 'webgpu') throw new WebGpuError('a WGSL kernel needs the webgpu backend to be active');
  const b = tf.backend() as unknown as Internals;
  for (const k of ['uploadToGPU', 'ensureCommandEncoderReady', 'endComputePassEncoder', 'submitQueue'] as const) {
    if (typeof b[k] !== 'function') {
      throw new WebGpuError(
        `tfjs-backend-webgpu has no ${k}(): the fused kernels follow version 4.22.0's internals (package.json pins it)`,
      );
    }
  }
  return b;
}

/** Uniform bytes: 32-bit words (u32 for integers given as `{ u: n }`, f32 otherwise), padded to 16 bytes. */
export type UniformWord = number | { u: number };

function packUniforms(words: readonly UniformWord[]): ArrayBuffer {
  const buf = new ArrayBuffer(Math.max(16, Math.ceil((4 * words.length) / 16) * 16));
  const f = new Float32Array(buf),
    u = new Uint32Array(buf);
  words.forEach((w, i) => {
    if (typeof w === 'number') f[i] = w;
    else u[i] = w.u;
  });
  return buf;
}

const GPU_BUFFER_USAGE_UNIFORM = 0x40;
const GPU_BUFFER_USAGE_COPY_DST = 0x08;

/** Records one dispatch of `kernel` over `bindings` with the given uniforms and workgroup grid. */
export function runRawKernel(
  kernel: RawKernel,
  bindings: readonly Binding[],
  uniforms: readonly UniformWord[],
  grid: [number, number?, number?],
  submitBatch: number,
): void {
  const b = internals();
  let cache = pipelines.get(b.device as object);
  if (!cache) pipelines.set(b.device as object, (cache = new Map()));
  let pipeline = cache.get(kernel.code);
  if (!pipeline) {
    const module = b.device.createShaderModule({ code: kernel.code, label: kernel.label });
    pipeline = b.device.createComputePipeline({
      layout: 'auto',
      compute: { module, entryPoint: 'main' },
      label: kernel.label,
    });
    cache.set(kernel.code, pipeline);
  }
  const entries: { binding: number; resource: { buffer: unknown } }[] = [];
  bindings.forEach(({ tensor, write }, i) => {
    const record = b.tensorMap.get(tensor.dataId);
    if (!record) throw new WebGpuError(`${kernel.label}: binding ${i} is not a tensor of the webgpu backend`);
    if (write && record.refCount !== 1) {
      throw new WebGpuError(
        `${kernel.label}: binding ${i} is written in place but shares its buffer with other tensors`,
      );
    }
    b.uploadToGPU(tensor.dataId);
    if (write) record.values = null;
    b.commandQueueOwnedIds.add(tensor.dataId);
    entries.push({ binding: i, resource: { buffer: record.resource } });
  });
  const data = packUniforms(uniforms);
  const uniform = b.bufferManager.acquireBuffer(data.byteLength, GPU_BUFFER_USAGE_UNIFORM | GPU_BUFFER_USAGE_COPY_DST);
  b.device.queue.writeBuffer(uniform, 0, data);
  b.uniformPendingDisposal.push(uniform);
  entries.push({ binding: bindings.length, resource: { buffer: uniform } });
  const bindGroup = b.device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries });
  b.ensureCommandEncoderReady();
  if (!b.computePassEncoder) b.computePassEncoder = b.commandEncoder!.beginComputePass({});
  b.computePassEncoder.setPipeline(pipeline);
  b.computePassEncoder.setBindGroup(0, bindGroup);
  b.computePassEncoder.dispatchWorkgroups(grid[0], grid[1] ?? 1, grid[2] ?? 1);
  if (++b.dispatchCountInPass >= submitBatch) {
    b.endComputePassEncoder();
    b.submitQueue();
  }
}

/** A kernel output whose device buffer is allocated but not written; no upload (for a registered kernel). */
export function uninitialisedTensorInfo(shape: number[]): tf.TensorInfo {
  const b = internals() as unknown as { makeTensorInfo(shape: number[], dtype: string): tf.TensorInfo };
  return b.makeTensorInfo(shape, 'float32');
}

/** uninitialisedTensor as a tensor the engine tracks. */
export function uninitialisedTensor(shape: number[]): tf.Tensor {
  return tf.engine().makeTensorFromTensorInfo(uninitialisedTensorInfo(shape));
}
