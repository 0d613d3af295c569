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
