// The browser's tensor backend chooser, behind the models' one interface (model/backendHost.ts). Everything it
// needs is imported statically, so a bundler sees it all: tfjs's gradients (the ES module files Node cannot load,
// see model/tfjsGradients.ts), the wasm backend with its .wasm files served beside the page, and the WebGPU
// backend on the page's own `navigator.gpu`. `auto` takes WebGPU on a real GPU adapter and wasm otherwise: a
// fallback adapter (SwiftShader, WARP) runs WebGPU on the CPU, about 100x slower than wasm (stack.md).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import type { BackendAttempt, BackendName, BackendSelection } from '../model/backend.js';
import { setBackendHost } from '../model/backendHost.js';
import type { WebGpuAdapterInfo } from '../model/device/dawn.js';
import { registerReductionGradients } from '../model/reductionGradients.js';
import { registerWasmKernels } from '../model/wasmKernels.js';

export type LabBackendRequest = 'auto' | 'webgpu' | 'wasm';

interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null>;
}

let wasmBase: string | undefined;
let current: BackendSelection | undefined;
let registered = false;

/** Where the page serves tfjs-backend-wasm's .wasm files (a folder URL); call before `selectLabBackend`. */
export function setLabWasmBase(base: string): void {
  wasmBase = base.endsWith('/') ? base : `${base}/`;
  setWasmPaths(wasmBase);
}

function registerOnce(): void {
  if (registered) return;
  registerReductionGradients();
  registerWasmKernels();
  registered = true;
}

/** The page's WebGPU adapter, described the way the Node side describes Dawn's. */
async function probeAdapter(): Promise<{ ok: true; info: WebGpuAdapterInfo } | { ok: false; why: string }> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu)
    return { ok: false, why: 'this browser has no navigator.gpu (WebGPU off, or the page is not https/localhost)' };
  let adapter: GpuAdapterLike | null = null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (err) {
    return { ok: false, why: `requestAdapter failed: ${(err as Error).message}` };
  }
  if (!adapter) return { ok: false, why: 'navigator.gpu gave no adapter (no usable GPU or driver)' };
  const i = adapter.info ?? {};
  const software =
    Boolean(adapter.isFallbackAdapter ?? i.isFallbackAdapter) || /swiftshader/i.test(i.architecture ?? '');
  const name = [i.vendor, i.architecture].filter(Boolean).join(' ') || 'unknown adapter';
  return {
    ok: true,
    info: {
      vendor: i.vendor ?? '',
      architecture: i.architecture ?? '',
      device: i.device ?? '',
      description: i.description ?? '',
      software,
      label: software ? `${name} (software, runs on the CPU)` : name,
    },
  };
}

async function activate(name: BackendName): Promise<boolean> {
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

async function tryWebgpu(auto: boolean): Promise<BackendAttempt> {
  const probe = await probeAdapter();
  if (!probe.ok) return { name: 'webgpu', ok: false, why: probe.why };
  if (auto && probe.info.software)
    return {
      name: 'webgpu',
      ok: false,
      why: `the only WebGPU adapter is ${probe.info.label}, slower than wasm, so auto skips it`,
      adapter: probe.info,
    };
  if (!(await activate('webgpu')))
    return { name: 'webgpu', ok: false, why: `the tfjs webgpu backend failed to start on ${probe.info.label}` };
  return { name: 'webgpu', ok: true, why: `WebGPU on ${probe.info.label}`, adapter: probe.info };
}

async function tryWasm(): Promise<BackendAttempt> {
  if (!wasmBase) return { name: 'wasm', ok: false, why: 'the page did not say where the .wasm files are' };
  if (!(await activate('wasm')))
    return { name: 'wasm', ok: false, why: `the wasm backend failed to initialise from ${wasmBase}` };
  return { name: 'wasm', ok: true, why: 'WebAssembly (SIMD, one thread)' };
}

/** Activates the backend asked for; `auto` (the default) prefers WebGPU on a real GPU, else wasm, saying why. */
export async function selectLabBackend(request: string = 'auto'): Promise<BackendSelection> {
  if (request !== 'auto' && request !== 'webgpu' && request !== 'wasm')
    throw new Error(`unknown backend "${request}" for the lab: choose auto, webgpu or wasm`);
  registerOnce();
  const wanted = request as 'auto' | 'webgpu' | 'wasm';
  if (current && current.request === wanted && tf.getBackend() === current.name) return current;
  const order: BackendName[] = request === 'auto' ? ['webgpu', 'wasm'] : [request];
  const tried: BackendAttempt[] = [];
  for (const name of order) {
    const attempt = name === 'webgpu' ? await tryWebgpu(request === 'auto') : await tryWasm();
    tried.push(attempt);
    if (!attempt.ok) continue;
    const skipped = tried.slice(0, -1).map((t) => `${t.name}: ${t.why}`);
    const reason =
      request === 'auto'
        ? `auto: ${attempt.why}` + (skipped.length ? `; skipped ${skipped.join('; ')}` : '')
        : `requested ${name} (${attempt.why})`;
    current = { name, request: wanted, reason, tried, ...(attempt.adapter ? { adapter: attempt.adapter } : {}) };
    return current;
  }
  throw new Error(`the ${request} backend is unavailable here: ${tried.map((t) => `${t.name}: ${t.why}`).join('; ')}`);
}

setBackendHost({ select: (request) => selectLabBackend(request), current: () => current });
