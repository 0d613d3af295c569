// The WebGPU device the workbench computes on, made loud. Dawn reports a validation or out-of-memory error by
// printing it (on stdout) and carrying on with garbage results: a kernel that binds more storage buffers than the
// device allows simply does not run, and its output reads as zeros. Here every error that reaches the device
// (uncaptured errors and a lost device) is recorded, written to stderr, makes the process exit non-zero, and is
// thrown by the next `assertDeviceHealthy` (the trainer calls it after every step, other callers after their work).
// The device is created with WebGPU's default limits (raised only where a model's size needs it, with the reason)
// and fails with the reason where the adapter lacks one the workbench needs.
import type { DawnAdapter, WebGpuAdapterInfo } from './dawn.js';

export class WebGpuError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebGpuError';
  }
}

/**
 * WebGPU's default limits (the WebGPU specification's "limits" table): every conforming adapter offers them, and the
 * device is asked for exactly these unless a reason below raises one, so a kernel that binds a 9th storage buffer or
 * a larger workgroup array fails in the tests on SwiftShader (which offers more) just as it would on a GPU that
 * offers only these.
 */
export const DEFAULT_LIMITS: Readonly<Record<string, number>> = {
  maxStorageBuffersPerShaderStage: 8,
  maxComputeInvocationsPerWorkgroup: 256,
  maxComputeWorkgroupSizeX: 256,
  maxComputeWorkgroupStorageSize: 16384,
  maxComputeWorkgroupsPerDimension: 65535,
  maxStorageBufferBindingSize: 134217728,
  maxBufferSize: 268435456,
};

/** The limits every kernel of the workbench fits in: the defaults (our kernels bind at most 8 storage buffers). */
export const REQUIRED_LIMITS: Readonly<Record<string, number>> = {
  maxStorageBuffersPerShaderStage: 8,
  maxComputeInvocationsPerWorkgroup: 256,
  maxComputeWorkgroupSizeX: 256,
  maxComputeWorkgroupStorageSize: 16384,
};

/**
 * The only limits asked for above the defaults, each with its reason: the batch a model trains on sets the size of
 * its largest tensor, not any kernel. One layer's attention scores are [sequences, heads, tokens, tokens] float32:
 * 64 pairs x 512 tokens x 4 heads is 512 MiB, past the default 128 MiB binding and 256 MiB buffer, so these two go
 * to the adapter's maximum (assertBufferFits names the limit when a batch still does not fit).
 */
export const RAISED_LIMITS: Readonly<Record<string, string>> = {
  maxStorageBufferBindingSize: "a training batch's attention scores exceed 128 MiB at 64 pairs x 512 tokens",
  maxBufferSize: "a training batch's attention scores exceed 256 MiB at 64 pairs x 512 tokens",
};

/** The limits `rmw train --json` reports under device.limits (and run.json records). */
export const REPORTED_LIMITS = [
  'maxStorageBuffersPerShaderStage',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBufferBindingSize',
  'maxBufferSize',
] as const;

export interface DeviceError {
  type: string;
  message: string;
}

/** The parts of a Dawn GPUDevice used here. */
interface DawnDevice {
  limits: Record<string, number>;
  lost: Promise<{ reason?: string; message?: string }>;
  addEventListener(type: 'uncapturederror', listener: (e: DawnErrorEvent) => void): void;
}

interface DawnErrorEvent {
  error?: { message?: string; constructor?: { name?: string } };
  preventDefault?(): void;
}

export interface WebGpuDevice {
  /** The GPUDevice (typed loosely: the `webgpu` package is optional). */
  device: unknown;
  adapter: WebGpuAdapterInfo;
  /** The limits the device was created with (REPORTED_LIMITS). */
  limits: Record<string, number>;
  /** Limits asked for above WebGPU's defaults, with the reason for each (RAISED_LIMITS). */
  raised: Record<string, string>;
}

const errors: DeviceError[] = [];
let failed = false;
let exitHook = false;

function errorType(e: DawnErrorEvent): string {
  const name = e.error?.constructor?.name ?? '';
  if (/OutOfMemory/i.test(name)) return 'out-of-memory';
  if (/Validation/i.test(name)) return 'validation';
  if (/Internal/i.test(name)) return 'internal';
  return 'error';
}

function record(type: string, message: string): void {
  errors.push({ type, message });
  failed = true;
  if (errors.length <= 5) process.stderr.write(`rmw webgpu: ${type} error: ${message.trim()}\n`);
  else if (errors.length === 6) process.stderr.write('rmw webgpu: more errors follow (not printed)\n');
  if (!exitHook) {
    exitHook = true;
    // However the caller ends, a process whose device reported an error does not exit 0.
    process.on('exit', () => {
      if (failed && !process.exitCode) process.exitCode = 1;
    });
  }
}

/** Throws a WebGpuError naming every device error since the last call (and clears them). */
export function assertDeviceHealthy(context: string): void {
  if (errors.length === 0) return;
  const list = errors.splice(0, errors.length);
  const shown = list
    .slice(0, 3)
    .map((e) => `${e.type}: ${e.message.trim().split('\n')[0]}`)
    .join('; ');
  throw new WebGpuError(
    `${context}: the WebGPU device reported ${list.length} error(s), so the results are wrong: ${shown}` +
      (list.length > 3 ? ` (and ${list.length - 3} more)` : ''),
  );
}

/** Errors recorded and not yet thrown (tests). */
export function pendingDeviceErrors(): DeviceError[] {
  return errors.slice();
}

/**
 * Creates the device: WebGPU's default limits (failing with the reason where the adapter lacks one of them), the
 * RAISED_LIMITS at the adapter's maximum, and the loud error handling described above.
 */
export async function createWebGpuDevice(adapter: DawnAdapter, info: WebGpuAdapterInfo): Promise<WebGpuDevice> {
  const offered = adapter.limits;
  const lacking = Object.entries(REQUIRED_LIMITS).filter(([k, need]) => !(offered[k] >= need));
  if (lacking.length) {
    throw new WebGpuError(
      `the WebGPU adapter ${info.label} lacks limits the workbench needs: ` +
        lacking.map(([k, need]) => `${k} ${String(offered[k])} < ${need}`).join(', '),
    );
  }
  const requiredLimits: Record<string, number> = {};
  const raised: Record<string, string> = {};
  for (const [k, why] of Object.entries(RAISED_LIMITS)) {
    if (typeof offered[k] === 'number' && offered[k] > (DEFAULT_LIMITS[k] ?? 0)) {
      requiredLimits[k] = offered[k];
      raised[k] = why;
    }
  }
  const requiredFeatures: string[] = [];
  const has = (f: string) => adapter.features.has(f);
  if (has('timestamp-query')) requiredFeatures.push('timestamp-query');
  let device: DawnDevice;
  try {
    device = (await adapter.requestDevice({ requiredLimits, requiredFeatures })) as DawnDevice;
  } catch (err) {
    throw new WebGpuError(
      `the WebGPU adapter ${info.label} refused a device with limits ${JSON.stringify(requiredLimits)}: ` +
        (err instanceof Error ? err.message : String(err)),
    );
  }
  device.addEventListener('uncapturederror', (e) => {
    e.preventDefault?.(); // Dawn would print it on stdout
    record(errorType(e), e.error?.message ?? 'unknown error');
  });
  void device.lost.then((l) => {
    if (l.reason !== 'destroyed') record('device-lost', `${l.reason ?? 'unknown'}: ${l.message ?? ''}`);
  });
  const limits: Record<string, number> = {};
  for (const k of REPORTED_LIMITS) limits[k] = device.limits[k];
  return { device, adapter: info, limits, raised };
}

/** Throws a clear error when one buffer of `bytes` (what `what` needs) exceeds the device's binding limits. */
export function assertBufferFits(d: WebGpuDevice, bytes: number, what: string): void {
  const limit = Math.min(d.limits.maxStorageBufferBindingSize, d.limits.maxBufferSize);
  if (bytes > limit) {
    throw new WebGpuError(
      `${what} needs a ${bytes}-byte buffer, more than the WebGPU adapter ${d.adapter.label} allows ` +
        `(maxStorageBufferBindingSize/maxBufferSize ${limit}): use a smaller batch, maxTokens or model`,
    );
  }
}
