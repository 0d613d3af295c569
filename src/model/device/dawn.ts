// Dawn for Node (the `webgpu` package): load it, put its WebGPU classes on globalThis, and get an adapter with what
// it is. An adapter is either a real GPU or a software one that runs on the CPU (SwiftShader, which Debian's chromium
// ships, or Mesa's llvmpipe): software adapters are test devices, good for checking every WebGPU code path and
// counting its work, never for speed, so `auto` backend selection skips them.
import { existsSync } from 'node:fs';
import { setting } from '../../config/env.js';
import { installDeviceCounters } from './counters.js';
import { probeDawnAdapter } from './dawnProbe.js';
import { repoRoot } from '../../util/paths.js';

/** The adapter facts the workbench reports and records. */
export interface WebGpuAdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** A CPU implementation of WebGPU (SwiftShader, llvmpipe, WARP), not a GPU. */
  software: boolean;
  /** One line, e.g. "nvidia hopper (nvidia-h100-80gb-hbm3)" or "google swiftshader (software, runs on the CPU)". */
  label: string;
}

/** The parts of Dawn's adapter the workbench uses (structural, so the optional package's types are not needed). */
export interface DawnAdapter {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
  limits: Record<string, number>;
  features: Set<string> | { has(name: string): boolean };
  requestDevice(descriptor?: unknown): Promise<unknown>;
}

export interface DawnGpu {
  requestAdapter(options?: unknown): Promise<DawnAdapter | null>;
}

export type DawnLoad = { ok: true; gpu: DawnGpu; globals: Record<string, unknown> } | { ok: false; why: string };

let loaded: DawnLoad | undefined;

/**
 * Points the Vulkan loader at SwiftShader when its manifest is installed (setting swiftShaderIcd: Debian chromium's
 * by default) and no other was chosen (VK_ICD_FILENAMES unset); returns whether WebGPU will find it. Must run
 * before Dawn starts (the first selectBackend that probes webgpu). For tests and CI, never for speed.
 */
export function useSwiftShaderIfPresent(): boolean {
  const icd = setting('swiftShaderIcd');
  if (!existsSync(icd)) return false;
  if (process.env.VK_ICD_FILENAMES && process.env.VK_ICD_FILENAMES !== icd) return false;
  if (loaded && process.env.VK_ICD_FILENAMES !== icd) return false; // Dawn already chose its adapters
  process.env.VK_ICD_FILENAMES = icd;
  process.env.XDG_RUNTIME_DIR ??= '/tmp';
  return true;
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}

/**
 * Loads Dawn once per process: its WebGPU classes go on globalThis (tfjs-backend-webgpu and our kernels use the
 * globals GPUBufferUsage, GPUMapMode, ...), the device counters are installed, and `navigator.gpu` is set, which
 * tfjs-backend-webgpu needs at import time. Never throws: a failure says why.
 */
export async function loadDawn(): Promise<DawnLoad> {
  if (loaded) return loaded;
  let mod: Record<string, unknown>;
  try {
    // A literal import(), so a bundler follows it (bench/gpu-prepare.sh keeps `webgpu` external beside the bundle).
    mod = (await import('webgpu')) as Record<string, unknown>;
  } catch (err) {
    // Not installed only when the package itself is missing, not when it is there and its dawn.node is not.
    const code = (err as { code?: string }).code;
    const missing =
      (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && /['"]webgpu['"]/.test(firstLine(err));
    loaded = missing
      ? { ok: false, why: 'the optional "webgpu" package (Dawn for Node) is not installed' }
      : { ok: false, why: `the "webgpu" package failed to load: ${firstLine(err)}` };
    return loaded;
  }
  const create = mod.create as ((flags: string[]) => DawnGpu) | undefined;
  const globals = mod.globals as Record<string, unknown> | undefined;
  if (typeof create !== 'function' || !globals) {
    loaded = { ok: false, why: 'the "webgpu" package has no create()/globals: unsupported version' };
    return loaded;
  }
  try {
    Object.assign(globalThis, globals);
    installDeviceCounters(globals);
    const gpu = create([]);
    const prev = (globalThis as { navigator?: { userAgent?: string } }).navigator;
    Object.defineProperty(globalThis, 'navigator', {
      value: { gpu, userAgent: prev?.userAgent ?? 'Node.js' },
      configurable: true,
      writable: true,
    });
    loaded = { ok: true, gpu, globals };
  } catch (err) {
    loaded = { ok: false, why: `Dawn failed to start: ${firstLine(err)}` };
  }
  return loaded;
}

const SOFTWARE = /swiftshader|llvmpipe|lavapipe|softpipe|microsoft basic render|warp/i;

/** Reads an adapter's identity and whether it is a software (CPU) implementation. */
export function describeAdapter(adapter: DawnAdapter): WebGpuAdapterInfo {
  const i = adapter.info ?? {};
  const vendor = i.vendor ?? '',
    architecture = i.architecture ?? '',
    device = i.device ?? '',
    description = i.description ?? '';
  const software =
    Boolean(i.isFallbackAdapter ?? adapter.isFallbackAdapter) ||
    SOFTWARE.test(`${vendor} ${architecture} ${device} ${description}`);
  const name = [vendor, architecture].filter(Boolean).join(' ') || 'unknown adapter';
  const detail = software ? 'software, runs on the CPU' : device || description;
  return { vendor, architecture, device, description, software, label: detail ? `${name} (${detail})` : name };
}

export type AdapterRequest = { ok: true; adapter: DawnAdapter; info: WebGpuAdapterInfo } | { ok: false; why: string };

/** Why there is no adapter, with what Dawn said about it (e.g. that the Vulkan loader found no driver). */
function noAdapterWhy(said: string): string {
  const driver = /no drivers/i.test(said) ? ' (the Vulkan loader found no driver)' : '';
  return (
    `no WebGPU adapter: Dawn found no GPU${driver} (it needs a GPU with a Vulkan driver and libvulkan1 on Linux; ` +
    'VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json gives a CPU test adapter)'
  );
}

/** The checkout, where the probe's child finds the `webgpu` package (the current folder when there is none). */
function rootOrHere(): string {
  try {
    return repoRoot();
  } catch {
    return process.cwd();
  }
}

/** Dawn's high-performance adapter, or why there is none. */
export async function requestWebGpuAdapter(): Promise<AdapterRequest> {
  // Asked in a child first, so a machine without a driver never shows Dawn's own alarm (dawnProbe.ts).
  const probe = loaded ? undefined : await probeDawnAdapter(rootOrHere());
  if (probe && !probe.adapter) return { ok: false, why: noAdapterWhy(probe.said) };
  const dawn = await loadDawn();
  if (!dawn.ok) return dawn;
  let adapter: DawnAdapter | null;
  try {
    adapter = await dawn.gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (err) {
    return { ok: false, why: `Dawn failed to find an adapter: ${firstLine(err)}` };
  }
  if (!adapter) return { ok: false, why: noAdapterWhy('') };
  return { ok: true, adapter, info: describeAdapter(adapter) };
}
