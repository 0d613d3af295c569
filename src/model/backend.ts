// Tensor backend selection in one place: RMW_BACKEND=auto|tensorflow|webgpu|wasm|cpu.
// `auto` takes the fastest backend that actually works here and says why; a backend asked for by name that cannot
// start is an error, never a silent fallback (tfjs-node-gpu quietly running on CPU is its users' top complaint,
// tfjs issue 8362). See environment.md for what each backend needs.
import * as tf from '@tensorflow/tfjs-core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { repoRoot } from '../util/paths.js';
import { setting } from '../config/env.js';
import { registerAllGradients } from './tfjsGradients.js';
import { registerWasmKernels } from './wasmKernels.js';
import { requestWebGpuAdapter, type WebGpuAdapterInfo } from './device/dawn.js';
import { createWebGpuDevice } from './device/device.js';
import { activeWebGpuDevice, useTfjsWebgpu } from './device/tfjsWebgpu.js';
import { setBackendHost } from './backendHost.js';

export const BACKEND_NAMES = ['tensorflow', 'webgpu', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
export type BackendRequest = 'auto' | BackendName;

export interface BackendAttempt {
  name: BackendName;
  ok: boolean;
  why: string;
  /** The WebGPU adapter used (webgpu only). */
  adapter?: WebGpuAdapterInfo;
}

export interface BackendSelection {
  /** The backend now active in tfjs. */
  name: BackendName;
  /** What was asked for (RMW_BACKEND or the argument). */
  request: BackendRequest;
  /** One line: why this backend. */
  reason: string;
  /** Every backend probed, in order, with the outcome. */
  tried: BackendAttempt[];
  /** The WebGPU adapter, when the backend is webgpu. */
  adapter?: WebGpuAdapterInfo;
}

export interface SelectBackendOptions {
  /** Write the choice and why to stderr (default true). */
  log?: boolean;
}

export class BackendUnavailableError extends Error {
  readonly tried: BackendAttempt[];
  constructor(message: string, tried: BackendAttempt[]) {
    super(message);
    this.name = 'BackendUnavailableError';
    this.tried = tried;
  }
}

let current: BackendSelection | undefined;

/** The selection made by the last successful `selectBackend`, if any. */
export function currentBackend(): BackendSelection | undefined {
  return current;
}

export function parseBackendRequest(request: string): BackendRequest {
  const r = request.trim().toLowerCase();
  if (r === 'auto' || (BACKEND_NAMES as readonly string[]).includes(r)) return r as BackendRequest;
  throw new Error(`unknown backend "${request}" (RMW_BACKEND): choose one of auto, ${BACKEND_NAMES.join(', ')}`);
}

/**
 * Activates a tfjs backend and registers every gradient. `auto` tries, in order (AUTO_ORDER): tfjs-node-gpu on a
 * CUDA GPU; WebGPU through Dawn on a real GPU adapter (a software one such as SwiftShader is a test device and is
 * skipped, saying so); tfjs-node on the CPU; wasm; cpu. So a GPU machine that also has tfjs-node installed trains on
 * its GPU, never on the CPU. A named backend that fails throws `BackendUnavailableError` with the reason; `webgpu`
 * by name takes whatever adapter exists, `tensorflow` by name takes tfjs-node-gpu, else tfjs-node.
 */
export async function selectBackend(
  request: string = setting('backend'),
  options: SelectBackendOptions = {},
): Promise<BackendSelection> {
  const wanted = parseBackendRequest(request);
  registerAllGradients();
  if (current && current.request === wanted && tf.getBackend() === current.name) return current;
  const order: readonly AutoStep[] =
    wanted === 'auto' ? AUTO_ORDER : [{ name: wanted, probe: () => PROBES[wanted](false) }];
  const tried: BackendAttempt[] = [];
  for (const { name, probe } of order) {
    const attempt = await probe();
    tried.push(attempt);
    if (!attempt.ok) continue;
    const reason =
      wanted === 'auto'
        ? `auto: ${name} is the first that works (${attempt.why})` +
          (tried.length > 1
            ? `; skipped ${tried
                .slice(0, -1)
                .map((t) => `${t.name}: ${t.why}`)
                .join('; ')}`
            : '')
        : `requested ${name} (${attempt.why})`;
    current = { name, request: wanted, reason, tried, ...(attempt.adapter ? { adapter: attempt.adapter } : {}) };
    if (options.log ?? true) process.stderr.write(`rmw backend: ${name}. ${reason}\n`);
    return current;
  }
  const detail = tried.map((t) => `${t.name}: ${t.why}`).join('; ');
  throw new BackendUnavailableError(
    wanted === 'auto'
      ? `no tensor backend could start (${detail})`
      : `the ${wanted} tensor backend was requested (RMW_BACKEND / --backend) but is unavailable here: ${detail}. ` +
        'Unset RMW_BACKEND (or use auto) to take the best available backend; environment.md lists what each needs.',
    tried,
  );
}

/** A probe gets whether `auto` asked (auto skips software WebGPU adapters; a named request takes them). */
type Probe = (auto: boolean) => Promise<BackendAttempt>;

const PROBES: Record<BackendName, Probe> = {
  tensorflow: () => probeTensorflow('any'),
  webgpu: probeWebgpu,
  wasm: probeWasm,
  cpu: probeCpu,
};

interface AutoStep {
  name: BackendName;
  probe: () => Promise<BackendAttempt>;
}

/** What `auto` tries, in order: GPUs first (CUDA through TensorFlow, then WebGPU), then the CPU backends. */
export const AUTO_ORDER: readonly AutoStep[] = [
  { name: 'tensorflow', probe: () => probeTensorflow('gpu') },
  { name: 'webgpu', probe: () => probeWebgpu(true) },
  { name: 'tensorflow', probe: () => probeTensorflow('cpu') },
  { name: 'wasm', probe: () => probeWasm() },
  { name: 'cpu', probe: () => probeCpu() },
];

/**
 * import() a package that may be absent; `undefined` means not installed, an Error means it failed to load.
 * Packages we ship are loaded through `load`, a literal import() that a bundler can follow (a single-file bundle
 * for a GPU machine without node_modules, see bench/gpu-prepare.sh); the tfjs-node packages, which users add
 * themselves, by name at run time.
 */
async function optionalImport(
  name: string,
  load: () => Promise<unknown> = () => import(name),
): Promise<Record<string, unknown> | undefined | Error> {
  try {
    return (await load()) as Record<string, unknown>;
  } catch (err) {
    const code = (err as { code?: string }).code;
    const msg = err instanceof Error ? err.message : String(err);
    if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && msg.includes(name)) return undefined;
    return err instanceof Error ? err : new Error(msg);
  }
}

function firstLine(err: Error): string {
  return err.message.split('\n')[0];
}

async function activate(name: string): Promise<boolean> {
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

/** `gpu`: tfjs-node-gpu on a CUDA GPU only; `cpu`: tfjs-node only; `any`: tfjs-node-gpu, else tfjs-node. */
async function probeTensorflow(which: 'gpu' | 'cpu' | 'any'): Promise<BackendAttempt> {
  const notes: string[] = [];
  let gpu: Record<string, unknown> | undefined | Error;
  if (which !== 'cpu') {
    gpu = await optionalImport('@tensorflow/tfjs-node-gpu');
    if (gpu === undefined) notes.push('@tensorflow/tfjs-node-gpu not installed');
    else if (gpu instanceof Error) notes.push(`@tensorflow/tfjs-node-gpu failed to load: ${firstLine(gpu)}`);
    else if (await activate('tensorflow')) {
      // tfjs-node-gpu falls back to CPU when CUDA/cuDNN do not match; refuse that instead of pretending.
      const usingGpu = (tf.backend() as unknown as { isUsingGpuDevice?: boolean }).isUsingGpuDevice;
      if (usingGpu) return { name: 'tensorflow', ok: true, why: 'tfjs-node-gpu on a CUDA GPU' };
      notes.push(
        'tfjs-node-gpu loaded but TensorFlow found no usable CUDA GPU (needs CUDA 11.2 + cuDNN 8.1); ' +
          'refusing its silent CPU fallback',
      );
    } else notes.push('tfjs-node-gpu loaded but its backend failed to start');
  }
  if (which === 'cpu' || (which === 'any' && gpu === undefined)) {
    const cpuTf = await optionalImport('@tensorflow/tfjs-node');
    if (cpuTf === undefined) notes.push('@tensorflow/tfjs-node not installed');
    else if (cpuTf instanceof Error) notes.push(`@tensorflow/tfjs-node failed to load: ${firstLine(cpuTf)}`);
    else if (await activate('tensorflow'))
      return { name: 'tensorflow', ok: true, why: 'tfjs-node (TensorFlow C library, CPU)' };
    else notes.push('tfjs-node loaded but its backend failed to start');
  }
  return { name: 'tensorflow', ok: false, why: notes.join('; ') };
}

async function probeWebgpu(auto: boolean): Promise<BackendAttempt> {
  const fail = (why: string): BackendAttempt => ({ name: 'webgpu', ok: false, why });
  const ready = activeWebGpuDevice();
  if (ready && !(auto && ready.adapter.software)) {
    try {
      await useTfjsWebgpu(ready);
      return { name: 'webgpu', ok: true, why: `WebGPU through Dawn on ${ready.adapter.label}`, adapter: ready.adapter };
    } catch (err) {
      return fail(firstLine(err as Error));
    }
  }
  const found = await requestWebGpuAdapter();
  if (!found.ok) return fail(found.why);
  if (auto && found.info.software) {
    // SwiftShader and friends run WebGPU on the CPU: right for tests, far slower than wasm for training.
    return fail(
      `the only WebGPU adapter is ${found.info.label}, a test device, so auto skips it ` +
        '(RMW_BACKEND=webgpu uses it)',
    );
  }
  try {
    const device = await createWebGpuDevice(found.adapter, found.info);
    await useTfjsWebgpu(device);
  } catch (err) {
    return fail(firstLine(err as Error));
  }
  return { name: 'webgpu', ok: true, why: `WebGPU through Dawn on ${found.info.label}`, adapter: found.info };
}

let wasmPathsSet: string | undefined;

/** The folder holding tfjs-backend-wasm's .wasm files: $RMW_WASM_PATH, else the installed package's dist/. */
export function wasmFilesDir(): string {
  const fromEnv = setting('wasmPath');
  if (fromEnv) return fromEnv.endsWith('/') ? fromEnv : `${fromEnv}/`;
  try {
    const req = createRequire(join(repoRoot(), 'package.json'));
    return join(req.resolve('@tensorflow/tfjs-backend-wasm/package.json'), '..', 'dist') + '/';
  } catch {
    return join(repoRoot(), 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist') + '/';
  }
}

async function probeWasm(): Promise<BackendAttempt> {
  const fail = (why: string): BackendAttempt => ({ name: 'wasm', ok: false, why });
  const wasm = await optionalImport('@tensorflow/tfjs-backend-wasm', () => import('@tensorflow/tfjs-backend-wasm'));
  if (wasm === undefined) return fail('@tensorflow/tfjs-backend-wasm is not installed');
  if (wasm instanceof Error) return fail(`@tensorflow/tfjs-backend-wasm failed to load: ${firstLine(wasm)}`);
  const dir = wasmFilesDir();
  registerWasmKernels();
  if (wasmPathsSet === undefined) {
    if (!existsSync(join(dir, 'tfjs-backend-wasm.wasm'))) {
      return fail(`tfjs-backend-wasm.wasm not found in ${dir} (set RMW_WASM_PATH to the folder holding it)`);
    }
    (wasm.setWasmPaths as (prefix: string) => void)(dir);
    wasmPathsSet = dir;
  }
  if (!(await activate('wasm'))) return fail(`the wasm backend failed to initialise from ${wasmPathsSet}`);
  // Threads need worker files that Node cannot load (ERR_WORKER_PATH), so wasm runs on one core here.
  return { name: 'wasm', ok: true, why: 'WebAssembly (SIMD, one thread)' };
}

async function probeCpu(): Promise<BackendAttempt> {
  const cpu = await optionalImport('@tensorflow/tfjs-backend-cpu', () => import('@tensorflow/tfjs-backend-cpu'));
  if (cpu === undefined) return { name: 'cpu', ok: false, why: '@tensorflow/tfjs-backend-cpu is not installed' };
  if (cpu instanceof Error) return { name: 'cpu', ok: false, why: `failed to load: ${firstLine(cpu)}` };
  if (!(await activate('cpu'))) return { name: 'cpu', ok: false, why: 'the cpu backend failed to start' };
  // The cpu backend prints an advert for tfjs-node on first use; environment.md explains the real choices.
  (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
  return { name: 'cpu', ok: true, why: 'plain JavaScript, always available' };
}

// Node's chooser behind the models' backend interface.
setBackendHost({ select: (request) => selectBackend(request), current: currentBackend });
