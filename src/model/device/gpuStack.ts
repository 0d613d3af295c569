// What stands between Node and a GPU through WebGPU on Linux, checked piece by piece, so a machine without a working
// stack says which piece is missing in seconds instead of failing every later step with "no WebGPU adapter":
//   the NVIDIA driver (nvidia-smi) -> the Vulkan loader (libvulkan.so.1) -> an ICD manifest (a JSON file naming the
//   driver's Vulkan library; the loader reads VK_ICD_FILENAMES / VK_DRIVER_FILES when set, else the standard folders)
//   -> that library (NVIDIA's is libGLX_nvidia.so.0) -> Dawn (the `webgpu` package) -> an adapter with its limits.
// Containers lack the ICD manifest and libGLX_nvidia unless started with the graphics driver capability
// (NVIDIA_DRIVER_CAPABILITIES including `graphics`, or `all`): the CUDA parts work there, Vulkan does not.
// The Vulkan loader's search rules are the Khronos loader's (LoaderInterfaceArchitecture.md, "Driver Discovery").
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { describeAdapter, loadDawn, type WebGpuAdapterInfo } from './dawn.js';

export interface IcdFile {
  path: string;
  /** Where it was found: an environment variable or a standard folder. */
  from: string;
  exists: boolean;
  /** The manifest's ICD.library_path (null when unreadable). */
  library: string | null;
  /** Where that library resolves (an absolute path, or the dynamic loader's cache), null when it does not. */
  libraryFound: string | null;
  error?: string;
}

export interface AdapterFacts {
  /** The request that found it (high-performance, low-power, fallback). */
  request: string;
  info: WebGpuAdapterInfo;
  limits: Record<string, number>;
}

export interface GpuStackReport {
  driver: { nvidiaSmi: boolean; gpus: string[]; driverVersion: string | null; error?: string };
  vulkanLoader: string[];
  icdEnv: Record<string, string | null>;
  icdFiles: IcdFile[];
  libGlxNvidia: string[];
  dawn: { ok: boolean; why?: string };
  adapters: AdapterFacts[];
  /** A hardware (not software, not fallback) adapter was found. */
  hardware: boolean;
  /** What is missing, in the order the stack needs it; empty when a hardware adapter was found. */
  missing: string[];
}

/** The folders the Vulkan loader searches for ICD manifests when no environment variable names them. */
export function icdSearchFolders(env: NodeJS.ProcessEnv = process.env): string[] {
  const config = (env.XDG_CONFIG_DIRS || '/etc/xdg').split(':').filter(Boolean);
  const data = (env.XDG_DATA_DIRS || '/usr/local/share:/usr/share').split(':').filter(Boolean);
  const home = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  const folders = [
    ...config.map((d) => join(d, 'vulkan', 'icd.d')),
    '/usr/local/etc/vulkan/icd.d',
    '/etc/vulkan/icd.d',
    ...data.map((d) => join(d, 'vulkan', 'icd.d')),
    join(home, 'vulkan', 'icd.d'),
  ];
  return [...new Set(folders)];
}

/** The dynamic loader's cache (ldconfig -p), as name -> paths. */
export function dynamicLibraries(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const bin of ['ldconfig', '/sbin/ldconfig', '/usr/sbin/ldconfig']) {
    const r = spawnSync(bin, ['-p'], { encoding: 'utf8', timeout: 5000 });
    if (r.status !== 0 || !r.stdout) continue;
    for (const line of r.stdout.split('\n')) {
      const m = /^\s*(\S+) \(.*\) => (\S+)$/.exec(line);
      if (m) out.set(m[1], [...(out.get(m[1]) ?? []), m[2]]);
    }
    break;
  }
  return out;
}

/** Paths named LD_LIBRARY_PATH holds, then the cache: where `name` resolves (empty when nowhere). */
export function findLibrary(
  name: string,
  cache: Map<string, string[]>,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  const fromPath = (env.LD_LIBRARY_PATH ?? '')
    .split(':')
    .filter(Boolean)
    .map((d) => join(d, name))
    .filter((p) => existsSync(p));
  return [...fromPath, ...(cache.get(name) ?? [])];
}

/** Reads one ICD manifest and resolves its library as the loader does (a path with a / is relative to the file). */
export function readIcdFile(path: string, from: string, cache: Map<string, string[]>, env = process.env): IcdFile {
  if (!existsSync(path)) return { path, from, exists: false, library: null, libraryFound: null };
  let library: string | null = null;
  try {
    const json = JSON.parse(readFileSync(path, 'utf8')) as { ICD?: { library_path?: string } };
    library = json.ICD?.library_path ?? null;
    if (!library) return { path, from, exists: true, library, libraryFound: null, error: 'no ICD.library_path' };
  } catch (err) {
    const error = `unreadable: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`;
    return { path, from, exists: true, library, libraryFound: null, error };
  }
  let found: string | null = null;
  if (isAbsolute(library)) found = existsSync(library) ? library : null;
  else if (library.includes('/')) {
    const p = resolve(dirname(path), library);
    found = existsSync(p) ? p : null;
  } else found = findLibrary(library, cache, env)[0] ?? null;
  return { path, from, exists: true, library, libraryFound: found };
}

/** Every ICD manifest the loader would consider: the environment's when set, else those in the standard folders. */
export function icdFiles(cache: Map<string, string[]>, env: NodeJS.ProcessEnv = process.env): IcdFile[] {
  const out: IcdFile[] = [];
  for (const v of ['VK_DRIVER_FILES', 'VK_ICD_FILENAMES']) {
    for (const p of (env[v] ?? '').split(':').filter(Boolean)) out.push(readIcdFile(p, v, cache, env));
  }
  for (const folder of icdSearchFolders(env)) {
    if (!existsSync(folder)) continue;
    let names: string[] = [];
    try {
      names = readdirSync(folder).filter((f) => f.endsWith('.json'));
    } catch {
      continue;
    }
    for (const f of names.sort()) out.push(readIcdFile(join(folder, f), folder, cache, env));
  }
  return out;
}

function nvidiaSmi(): GpuStackReport['driver'] {
  const r = spawnSync('nvidia-smi', ['--query-gpu=name,driver_version,memory.total', '--format=csv,noheader'], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  if (r.error || r.status !== 0) {
    const why = r.error ? r.error.message : (r.stderr || r.stdout).trim().split('\n')[0];
    return { nvidiaSmi: false, gpus: [], driverVersion: null, error: why };
  }
  const gpus = r.stdout.trim().split('\n').filter(Boolean);
  return { nvidiaSmi: true, gpus, driverVersion: gpus[0]?.split(',')[1]?.trim() ?? null };
}

const REQUESTS: [string, Record<string, unknown>][] = [
  ['high-performance', { powerPreference: 'high-performance' }],
  ['low-power', { powerPreference: 'low-power' }],
  ['fallback', { forceFallbackAdapter: true }],
];

/** The adapters Dawn offers for each kind of request (the same adapter found twice is listed once). */
export async function dawnAdapters(): Promise<{ dawn: GpuStackReport['dawn']; adapters: AdapterFacts[] }> {
  const dawn = await loadDawn();
  if (!dawn.ok) return { dawn: { ok: false, why: dawn.why }, adapters: [] };
  const adapters: AdapterFacts[] = [];
  for (const [request, options] of REQUESTS) {
    let a;
    try {
      a = await dawn.gpu.requestAdapter(options);
    } catch {
      a = null;
    }
    if (!a) continue;
    const info = describeAdapter(a);
    if (adapters.some((x) => x.info.label === info.label && x.info.software === info.software)) continue;
    const limits: Record<string, number> = {};
    // Dawn's limits object keeps its values as getters on the prototype: read them by name.
    for (const k of limitNames(a.limits)) if (typeof a.limits[k] === 'number') limits[k] = a.limits[k];
    adapters.push({ request, info, limits });
  }
  return { dawn: { ok: true }, adapters };
}

function limitNames(limits: object): string[] {
  const names = new Set<string>(Object.keys(limits));
  for (let p = Object.getPrototypeOf(limits); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const k of Object.getOwnPropertyNames(p)) if (k !== 'constructor') names.add(k);
  }
  return [...names].sort();
}

/** What is missing for a hardware adapter, from the facts gathered (pure, so each rule is tested on its own). */
export function whatIsMissing(r: Omit<GpuStackReport, 'missing'>): string[] {
  if (r.hardware) return [];
  const missing: string[] = [];
  if (!r.driver.nvidiaSmi) missing.push(`the NVIDIA driver: nvidia-smi did not run (${r.driver.error ?? 'not found'})`);
  if (r.vulkanLoader.length === 0)
    missing.push('the Vulkan loader libvulkan.so.1 (Debian libvulkan1; bench/gpu-prepare.sh packs it in .gl/)');
  const named = r.icdFiles.filter((f) => f.from.startsWith('VK_'));
  for (const f of named.filter((x) => !x.exists)) {
    missing.push(`${f.from} names ${f.path}, which does not exist (unset it, or point it at the driver's ICD file)`);
  }
  const considered = named.length ? named : r.icdFiles;
  for (const f of considered.filter((x) => x.exists && !x.libraryFound)) {
    missing.push(
      `${f.path}: ` +
        (f.error ??
          `its library ${f.library} is not found (not at that path, not in LD_LIBRARY_PATH or the ldconfig cache)`),
    );
  }
  const nvidiaIcd = considered.some((f) => f.exists && /nvidia/i.test(`${f.path} ${f.library ?? ''}`));
  if (!nvidiaIcd) {
    missing.push(
      `an NVIDIA Vulkan ICD file (nvidia_icd.json) ` +
        `${named.length ? `among ${named.map((f) => f.from).join(', ')}` : `in ${icdSearchFolders().join(', ')}`}` +
        `: ` +
        'a container gets it (and libGLX_nvidia) only with the graphics driver capability ' +
        '(NVIDIA_DRIVER_CAPABILITIES=all or ' +
        'compute,utility,graphics)',
    );
  }
  if (r.libGlxNvidia.length === 0)
    missing.push(
      'libGLX_nvidia.so.0 (the NVIDIA Vulkan driver library the ICD file names): not in LD_LIBRARY_PATH or ' +
        'the ldconfig cache',
    );
  if (!r.dawn.ok) missing.push(`Dawn (the "webgpu" package): ${r.dawn.why}`);
  else if (r.adapters.length === 0) missing.push('a WebGPU adapter: Dawn found none (Vulkan offered it no device)');
  else missing.push(`a hardware WebGPU adapter: Dawn offers only ${r.adapters.map((a) => a.info.label).join(', ')}`);
  return missing;
}

/** Checks the whole stack; never throws. */
export async function diagnoseGpuStack(env: NodeJS.ProcessEnv = process.env): Promise<GpuStackReport> {
  const cache = dynamicLibraries();
  const { dawn, adapters } = await dawnAdapters();
  const partial = {
    driver: nvidiaSmi(),
    vulkanLoader: findLibrary('libvulkan.so.1', cache, env),
    icdEnv: { VK_ICD_FILENAMES: env.VK_ICD_FILENAMES ?? null, VK_DRIVER_FILES: env.VK_DRIVER_FILES ?? null },
    icdFiles: icdFiles(cache, env),
    libGlxNvidia: findLibrary('libGLX_nvidia.so.0', cache, env),
    dawn,
    adapters,
    hardware: adapters.some((a) => !a.info.software),
  };
  return { ...partial, missing: whatIsMissing(partial) };
}

/** The report as lines for a person. */
export function formatGpuStack(r: GpuStackReport): string {
  const lines = [
    `driver: ` +
      (r.driver.nvidiaSmi
        ? `${r.driver.gpus.join('; ')} (driver ${r.driver.driverVersion})`
        : `none (${r.driver.error ?? 'nvidia-smi not found'})`),
    `Vulkan loader: ${r.vulkanLoader.join(', ') || 'none'}`,
    `VK_ICD_FILENAMES=${r.icdEnv.VK_ICD_FILENAMES ?? '(unset)'} ` +
      `VK_DRIVER_FILES=${r.icdEnv.VK_DRIVER_FILES ?? '(unset)'}`,
    ...(r.icdFiles.length
      ? r.icdFiles.map(
          (f) =>
            `ICD ${f.path} (${f.from}): ` +
            `${f.exists ? `library ${f.library ?? '?'} -> ${f.libraryFound ?? 'NOT FOUND'}` : 'MISSING'}`,
        )
      : ['ICD files: none found']),
    `libGLX_nvidia.so.0: ${r.libGlxNvidia.join(', ') || 'not found'}`,
    `Dawn: ${r.dawn.ok ? 'loaded' : r.dawn.why}`,
    ...r.adapters.map(
      (a) =>
        `adapter (${a.request}): ${a.info.label}; maxStorageBuffersPerShaderStage ` +
        `${a.limits.maxStorageBuffersPerShaderStage}, ` +
        `maxComputeWorkgroupStorageSize ${a.limits.maxComputeWorkgroupStorageSize}, maxBufferSize ` +
        `${a.limits.maxBufferSize}`,
    ),
    r.hardware
      ? 'hardware adapter: yes'
      : `hardware adapter: NO. Missing:\n${r.missing.map((m) => `  - ${m}`).join('\n')}`,
  ];
  return lines.join('\n');
}
