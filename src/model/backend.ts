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

export const BACKEND_NAMES = ['tensorflow', 'webgpu', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
export type BackendRequest = 'auto' | BackendName;

export interface BackendAttempt {
  name: BackendName;
  ok: boolean;
  why: string;
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
 * Activates a tfjs backend and registers every gradient. `auto` tries tensorflow (tfjs-node-gpu on a CUDA GPU,
 * then tfjs-node), webgpu (Dawn, needs a GPU adapter), wasm, cpu in that order. A named backend that fails throws
 * `BackendUnavailableError` with the reason.
 */
export async function selectBackend(
  request: string = setting('backend'),
  options: SelectBackendOptions = {},
): Promise<BackendSelection> {
  const wanted = parseBackendRequest(request);
  registerAllGradients();
  if (current && current.request === wanted && tf.getBackend() === current.name) return current;
  const order: BackendName[] = wanted === 'auto' ? [...BACKEND_NAMES] : [wanted];
  const tried: BackendAttempt[] = [];
  for (const name of order) {
    const attempt = await PROBES[name]();
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
    current = { name, request: wanted, reason, tried };
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

type Probe = () => Promise<BackendAttempt>;

const PROBES: Record<BackendName, Probe> = {
  tensorflow: probeTensorflow,
  webgpu: probeWebgpu,
  wasm: probeWasm,
  cpu: probeCpu,
};

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

async function probeTensorflow(): Promise<BackendAttempt> {
  const notes: string[] = [];
  const gpu = await optionalImport('@tensorflow/tfjs-node-gpu');
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
  if (gpu === undefined) {
    const cpuTf = await optionalImport('@tensorflow/tfjs-node');
    if (cpuTf === undefined) notes.push('@tensorflow/tfjs-node not installed');
    else if (cpuTf instanceof Error) notes.push(`@tensorflow/tfjs-node failed to load: ${firstLine(cpuTf)}`);
    else if (await activate('tensorflow'))
      return { name: 'tensorflow', ok: true, why: 'tfjs-node (TensorFlow C library, CPU)' };
    else notes.push('tfjs-node loaded but its backend failed to start');
  }
  return { name: 'tensorflow', ok: false, why: notes.join('; ') };
}

interface GpuLike {
  requestAdapter(): Promise<{ info?: { vendor?: string; device?: string; architecture?: string } } | null>;
}

async function probeWebgpu(): Promise<BackendAttempt> {
  const fail = (why: string): BackendAttempt => ({ name: 'webgpu', ok: false, why });
  if (tf.findBackendFactory('webgpu') && (await activate('webgpu'))) {
    return { name: 'webgpu', ok: true, why: 'WebGPU through Dawn (already initialised)' };
  }
  // stack.md recipe: Dawn's globals and navigator.gpu must exist before tfjs-backend-webgpu is imported,
  // because that module registers itself only when navigator.gpu is present at import time.
  const webgpu = await optionalImport('webgpu', () => import('webgpu'));
  if (webgpu === undefined) return fail('the optional "webgpu" package (Dawn for Node) is not installed');
  if (webgpu instanceof Error) return fail(`the "webgpu" package failed to load: ${firstLine(webgpu)}`);
  const create = webgpu.create as ((flags: string[]) => GpuLike) | undefined;
  if (typeof create !== 'function') return fail('the "webgpu" package has no create(): unsupported version');
  let gpu: GpuLike;
  let adapter: Awaited<ReturnType<GpuLike['requestAdapter']>>;
  try {
    Object.assign(globalThis, webgpu.globals as object);
    gpu = create([]);
    adapter = await gpu.requestAdapter();
  } catch (err) {
    return fail(`Dawn failed to start: ${firstLine(err as Error)}`);
  }
  if (!adapter) {
    return fail('no WebGPU adapter: Dawn found no GPU (it needs a GPU with a Vulkan driver and libvulkan1 on Linux)');
  }
  const prev = (globalThis as { navigator?: { userAgent?: string } }).navigator;
  Object.defineProperty(globalThis, 'navigator', {
    value: { gpu, userAgent: prev?.userAgent ?? 'Node.js' },
    configurable: true,
    writable: true,
  });
  const backend = await optionalImport(
    '@tensorflow/tfjs-backend-webgpu',
    () => import('@tensorflow/tfjs-backend-webgpu'),
  );
  if (backend === undefined) return fail('@tensorflow/tfjs-backend-webgpu is not installed (an optional dependency)');
  if (backend instanceof Error) return fail(`@tensorflow/tfjs-backend-webgpu failed to load: ${firstLine(backend)}`);
  if (!tf.findBackendFactory('webgpu')) {
    return fail('@tensorflow/tfjs-backend-webgpu was imported before navigator.gpu existed, so it did not register');
  }
  if (!(await activate('webgpu'))) return fail('a WebGPU adapter exists but the tfjs webgpu backend failed to start');
  const info = adapter.info ?? {};
  const what = [info.vendor, info.device || info.architecture].filter(Boolean).join(' ');
  return { name: 'webgpu', ok: true, why: `WebGPU through Dawn${what ? ` on ${what}` : ''}` };
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
