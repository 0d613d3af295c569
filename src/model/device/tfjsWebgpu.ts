// tfjs-backend-webgpu on the workbench's own device (device.ts) instead of the one it would create itself, so the
// device has the limits we asked for and reports errors loudly. tfjs's synchronous reads (dataSync, arraySync,
// bufferSync) copy through an OffscreenCanvas that Node does not have; on our backend they fail with an error that
// says what to use instead, rather than "OffscreenCanvas is not defined".
import * as tf from '@tensorflow/tfjs-core';
import { WebGpuError, type WebGpuDevice } from './device.js';

let active: WebGpuDevice | undefined;

/** The device under the tfjs `webgpu` backend, once `useTfjsWebgpu` has run. */
export function activeWebGpuDevice(): WebGpuDevice | undefined {
  return active;
}

interface TensorData {
  values: unknown;
  dtype: string;
  complexTensorInfos?: unknown;
}

interface TfjsWebgpuBackend {
  readSync(dataId: object): unknown;
  tensorMap: { get(dataId: object): TensorData | undefined };
}

type BackendCtor = new (device: unknown, adapterInfo: unknown) => TfjsWebgpuBackend;

/**
 * Dispatches tfjs records before it submits a command buffer. Its default (15) means a submit every 15 kernels;
 * a training step of a few hundred kernels then costs dozens of submits. Submitting every 64 keeps the queue fed
 * while cutting submits 4x; the value only moves when a submit happens, never what is computed.
 */
export const SUBMIT_BATCH = 64;

/**
 * tfjs's matmul choice (tfjs-backend-webgpu 4.22, BatchMatMul_impl): a product whose output gives at most
 * `threshold` workgroups of 32x32 tiles is split instead, along K (split-K, when it is not batched and K >= 2000:
 * partial products summed with atomic adds, so the order of the sum varies) or into smaller tiles. tfjs's own
 * threshold is 8 workgroups (16 on recent Intel GPUs). The transformer's weight gradients, x^T dy with
 * K = sequences x tokens (16,384 on the stack config) and a d x d output (64 tiles at d 256), run as 64 workgroups
 * under it: too few for a GPU with 132 multiprocessors. A threshold above the tile count (e.g. 264, two per
 * multiprocessor of an H100) sends them to split-K. `null`: tfjs's default.
 */
let matmulThreshold: number | null = null;

/** Sets the workgroup count below which tfjs splits a matmul (null: tfjs's default); recorded in the settings. */
export function setMatmulWorkgroupThreshold(threshold: number | null): void {
  if (threshold !== null && !(Number.isInteger(threshold) && threshold > 0)) {
    throw new Error(`matmul workgroup threshold must be a positive integer or null, got ${threshold}`);
  }
  matmulThreshold = threshold;
  if (tf.findBackendFactory('webgpu')) {
    tf.env().set('WEBGPU_THRESHOLD_TO_INCREASE_WORKGROUPS_FOR_MATMUL', threshold ?? -1);
  }
}

/** The tfjs WebGPU settings that change speed but never what is computed beyond float rounding (recorded). */
export interface TfjsWebgpuSettings {
  /** WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE. */
  submitBatch: number;
  /** The matmul workgroup threshold in force: ours, else tfjs's default for the adapter. */
  matmulWorkgroupThreshold: number;
  /** Whether it is tfjs's default (not set by setMatmulWorkgroupThreshold). */
  matmulThresholdDefault: boolean;
}

/** The settings of the active tfjs webgpu backend (null when it has not started). */
export function tfjsWebgpuSettings(): TfjsWebgpuSettings | null {
  if (!active || !tf.findBackend('webgpu')) return null;
  const backend = tf.findBackend('webgpu') as unknown as { thresholdToIncreaseWorkgroups?: number };
  return {
    submitBatch: SUBMIT_BATCH,
    matmulWorkgroupThreshold: matmulThreshold ?? backend.thresholdToIncreaseWorkgroups ?? 8,
    matmulThresholdDefault: matmulThreshold === null,
  };
}

/**
 * Registers tfjs's `webgpu` backend over `d` (replacing the factory tfjs-backend-webgpu registers at import) and
 * activates it. Throws with the reason when the package is missing or the backend does not start.
 */
export async function useTfjsWebgpu(d: WebGpuDevice): Promise<void> {
  if (active === d && tf.findBackend('webgpu')) {
    if (!(await tf.setBackend('webgpu'))) throw new WebGpuError('the tfjs webgpu backend failed to restart');
    return;
  }
  let mod: Record<string, unknown>;
  try {
    // Literal import(): a bundle for a GPU machine follows it. navigator.gpu exists by now (dawn.ts).
    mod = (await import('@tensorflow/tfjs-backend-webgpu')) as Record<string, unknown>;
  } catch (err) {
    throw new WebGpuError(
      `@tensorflow/tfjs-backend-webgpu failed to load (an optional dependency): ${
        (err instanceof Error ? err.message : String(err)).split('\n')[0]
      }`,
    );
  }
  const Backend = mod.WebGPUBackend as BackendCtor | undefined;
  if (typeof Backend !== 'function') throw new WebGpuError('@tensorflow/tfjs-backend-webgpu exports no WebGPUBackend');
  if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
  tf.env().set('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE', SUBMIT_BATCH);
  tf.env().set('WEBGPU_THRESHOLD_TO_INCREASE_WORKGROUPS_FOR_MATMUL', matmulThreshold ?? -1);
  tf.registerBackend(
    'webgpu',
    () => {
      const backend = new Backend(d.device, { vendor: d.adapter.vendor, architecture: d.adapter.architecture });
      guardSyncReads(backend);
      return backend as unknown as tf.KernelBackend;
    },
    3,
  );
  active = d;
  let ok = false;
  try {
    ok = await tf.setBackend('webgpu');
  } catch {
    ok = false;
  }
  if (!ok) throw new WebGpuError(`the tfjs webgpu backend failed to start on ${d.adapter.label}`);
}

function guardSyncReads(backend: TfjsWebgpuBackend): void {
  const readSync = backend.readSync.bind(backend);
  backend.readSync = (dataId: object) => {
    const data = backend.tensorMap.get(dataId);
    // Values already on the CPU (small tensors tfjs keeps there, or ones read before) need no GPU read.
    if (data && data.values == null && data.dtype !== 'string' && data.complexTensorInfos == null) {
      throw new WebGpuError(
        'a synchronous read (dataSync, arraySync, bufferSync) of a tensor on the WebGPU backend: Node has no ' +
          'OffscreenCanvas to do it with; read with `await tensor.data()` instead',
      );
    }
    return readSync(dataId);
  };
}
