// Bookkeeping for device steps (src/model/trainable.ts, DeviceStepModel): steps are queued on the device and their
// loss, accuracy and gradient norm are read in one go at log points (every logEvery steps, and before every
// evaluation, checkpoint or stop), so a step between logs reads nothing back. What each step cost the WebGPU device
// (dispatches, submits, reads, bytes uploaded) is counted around the step call and reported per step.
import type { DeviceStepModel, DeviceStepValues, PendingStep } from '../model/trainable.js';
import { countsBetween, deviceCounts, type DeviceCounts } from '../model/device/counters.js';
import { activeWebGpuDevice, tfjsWebgpuSettings, type TfjsWebgpuSettings } from '../model/device/tfjsWebgpu.js';

/** What `rmw train --json` reports under `device`. Counts are null off WebGPU (nothing to count there). */
export interface DeviceStepReport {
  backend: string;
  /** The WebGPU adapter, e.g. "nvidia hopper (nvidia-h100-80gb-hbm3)"; null off WebGPU. */
  adapter: string | null;
  /** Steps the means are over: every step this process ran except its first (which also uploads the weights). */
  countedSteps: number;
  dispatchesPerStep: number | null;
  submitsPerStep: number | null;
  /** GPU-to-CPU reads inside a step (between logs); 0 is the design. */
  readsPerStep: number | null;
  uploadBytesPerStep: number | null;
  /** Reads at log points (one per log is the design), and how many log points there were. */
  readsPerLog: number | null;
  logs: number;
  /** WebGPU only: the limits the device was created with (WebGPU's defaults unless `raisedLimits` names a reason). */
  limits?: Record<string, number>;
  /** WebGPU only: limits asked for above the defaults, each with its reason. */
  raisedLimits?: Record<string, string>;
  /** WebGPU only: tfjs's settings that change speed (submit batch, matmul split threshold). */
  tfjs?: TfjsWebgpuSettings;
}

export interface QueuedStep {
  /** 0-based step index. */
  index: number;
  epoch: number;
  lr: number;
  pending: PendingStep;
}

export class DeviceStepLog {
  private queue: QueuedStep[] = [];
  private stepCounts: DeviceCounts = { dispatches: 0, submits: 0, reads: 0, uploadBytes: 0 };
  private logCounts: DeviceCounts = { dispatches: 0, submits: 0, reads: 0, uploadBytes: 0 };
  private counted = 0;
  private ran = 0;
  private logs = 0;
  private readonly onWebgpu: boolean;

  constructor(readonly model: DeviceStepModel) {
    this.onWebgpu = model.backend === 'tfjs-webgpu';
  }

  /** Runs `queue()` (which queues one step) and counts what it cost the device. */
  run(index: number, epoch: number, lr: number, queue: () => PendingStep): void {
    const before = deviceCounts();
    const pending = queue();
    const spent = countsBetween(before, deviceCounts());
    if (this.ran++ > 0) {
      this.counted++;
      this.stepCounts = add(this.stepCounts, spent);
    }
    this.queue.push({ index, epoch, lr, pending });
  }

  get pendingSteps(): number {
    return this.queue.length;
  }

  /** Reads every queued step (one device read) and returns them with their values, in order. */
  async flush(): Promise<{ step: QueuedStep; values: DeviceStepValues }[]> {
    if (this.queue.length === 0) return [];
    const steps = this.queue;
    this.queue = [];
    const before = deviceCounts();
    const values = await this.model.readSteps(steps.map((s) => s.pending));
    this.logCounts = add(this.logCounts, countsBetween(before, deviceCounts()));
    this.logs++;
    return steps.map((step, k) => ({ step, values: values[k] }));
  }

  /** Releases queued steps without reading them (a step threw). */
  discard(): void {
    for (const s of this.queue) s.pending.dispose();
    this.queue = [];
  }

  report(): DeviceStepReport {
    const n = this.counted;
    const per = (x: number) => (this.onWebgpu && n > 0 ? x / n : null);
    const d = this.onWebgpu ? activeWebGpuDevice() : undefined;
    const tfjs = this.onWebgpu ? tfjsWebgpuSettings() : null;
    return {
      backend: this.model.backend,
      adapter: this.onWebgpu ? (activeWebGpuDevice()?.adapter.label ?? null) : null,
      countedSteps: n,
      dispatchesPerStep: per(this.stepCounts.dispatches),
      submitsPerStep: per(this.stepCounts.submits),
      readsPerStep: per(this.stepCounts.reads),
      uploadBytesPerStep: per(this.stepCounts.uploadBytes),
      readsPerLog: this.onWebgpu && this.logs > 0 ? this.logCounts.reads / this.logs : null,
      logs: this.logs,
      ...(d ? { limits: { ...d.limits }, raisedLimits: { ...d.raised } } : {}),
      ...(tfjs ? { tfjs } : {}),
    };
  }
}

function add(a: DeviceCounts, b: DeviceCounts): DeviceCounts {
  return {
    dispatches: a.dispatches + b.dispatches,
    submits: a.submits + b.submits,
    reads: a.reads + b.reads,
    uploadBytes: a.uploadBytes + b.uploadBytes,
  };
}
