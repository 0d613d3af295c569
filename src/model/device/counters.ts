// Counts what a WebGPU training step costs in round trips, independent of how fast the machine is: compute
// dispatches, queue submits, buffer map-reads (each one is a GPU-to-CPU read the CPU waits for) and bytes uploaded
// (queue.writeBuffer plus buffers created mapped for writing). The counts come from wrapping Dawn's prototypes once,
// so they see every call tfjs-backend-webgpu and our own kernels make, on any adapter (a real GPU or SwiftShader).
// Timing on SwiftShader says nothing about a GPU; these counts say the same thing on both.

/** Running totals since the process installed the counters. */
export interface DeviceCounts {
  dispatches: number;
  submits: number;
  /** buffer.mapAsync(READ) calls: every one is a GPU-to-CPU read. */
  reads: number;
  /** Bytes written from the CPU: queue.writeBuffer and buffers created mappedAtCreation. */
  uploadBytes: number;
}

const totals: DeviceCounts = { dispatches: 0, submits: 0, reads: 0, uploadBytes: 0 };
let installed = false;

/** The totals so far (a copy). */
export function deviceCounts(): DeviceCounts {
  return { ...totals };
}

/** b − a, field by field. */
export function countsBetween(a: DeviceCounts, b: DeviceCounts): DeviceCounts {
  return {
    dispatches: b.dispatches - a.dispatches,
    submits: b.submits - a.submits,
    reads: b.reads - a.reads,
    uploadBytes: b.uploadBytes - a.uploadBytes,
  };
}

/** Whether the Dawn prototypes are wrapped (counts are zero and meaningless otherwise). */
export function countersInstalled(): boolean {
  return installed;
}

type Method = (this: unknown, ...args: unknown[]) => unknown;

function wrap(proto: Record<string, unknown> | undefined, name: string, count: (args: unknown[]) => void): void {
  const original = proto?.[name] as Method | undefined;
  if (!proto || typeof original !== 'function') {
    throw new Error(`WebGPU counters: Dawn's prototype has no ${name}() (unsupported "webgpu" package version)`);
  }
  proto[name] = function (this: unknown, ...args: unknown[]) {
    count(args);
    return original.apply(this, args);
  };
}

const MAP_READ = 1; // GPUMapMode.READ

/**
 * Wraps the Dawn classes in `globals` (the `webgpu` package's globals) once per process. Call before any device is
 * used; later calls do nothing.
 */
export function installDeviceCounters(globals: Record<string, unknown>): void {
  if (installed) return;
  const proto = (cls: string) => (globals[cls] as { prototype?: Record<string, unknown> } | undefined)?.prototype;
  wrap(proto('GPUComputePassEncoder'), 'dispatchWorkgroups', () => totals.dispatches++);
  wrap(proto('GPUComputePassEncoder'), 'dispatchWorkgroupsIndirect', () => totals.dispatches++);
  wrap(proto('GPUQueue'), 'submit', () => totals.submits++);
  wrap(proto('GPUQueue'), 'writeBuffer', (args) => {
    // writeBuffer(buffer, bufferOffset, data, dataOffset?, size?): size is in elements of a typed array, else bytes.
    const data = args[2] as ArrayBufferView | ArrayBuffer;
    const unit = ArrayBuffer.isView(data) ? ((data as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT ?? 1) : 1;
    const total = data.byteLength / unit;
    const offset = (args[3] as number | undefined) ?? 0;
    const size = (args[4] as number | undefined) ?? total - offset;
    totals.uploadBytes += size * unit;
  });
  wrap(proto('GPUBuffer'), 'mapAsync', (args) => {
    if (((args[0] as number) & MAP_READ) !== 0) totals.reads++;
  });
  wrap(proto('GPUDevice'), 'createBuffer', (args) => {
    const d = args[0] as { size?: number; mappedAtCreation?: boolean } | undefined;
    if (d?.mappedAtCreation) totals.uploadBytes += d.size ?? 0;
  });
  installed = true;
}
