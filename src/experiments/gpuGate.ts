// Which experiments this machine plans: those that need a GPU (the transformer loss ablation) only where Dawn finds
// a real GPU adapter. A software adapter (SwiftShader, llvmpipe) runs WebGPU on the CPU: right for tests, far too
// slow for an ablation, so it does not count. The facts are passed in where a caller already has them (tests inject
// them; reproduce detects once for all its stages), and every skip carries its reason, said once.
import { requestWebGpuAdapter } from '../model/device/dawn.js';
import type { ExperimentId, ExperimentSpec } from './plan.js';

export interface GpuAdapterFacts {
  /** A hardware GPU adapter was found. */
  real: boolean;
  /** The adapter's label (software ones too), or null when Dawn found none. */
  adapter: string | null;
  /** One line: what was found. */
  why: string;
}

export interface SkippedExperiment {
  id: ExperimentId;
  reason: string;
}

/** Asks Dawn (the device module) for its high-performance adapter and says whether it is a real GPU. */
export async function detectGpuAdapter(): Promise<GpuAdapterFacts> {
  const found = await requestWebGpuAdapter();
  if (!found.ok) return { real: false, adapter: null, why: found.why };
  const label = found.info.label;
  if (found.info.software)
    return { real: false, adapter: label, why: `the only WebGPU adapter is ${label}, a software test device` };
  return { real: true, adapter: label, why: `WebGPU adapter ${label}` };
}

/** The experiments this machine runs, and the ones it skips with the reason. */
export function gateExperiments(
  experiments: readonly ExperimentSpec[],
  gpu: GpuAdapterFacts,
): { included: ExperimentSpec[]; skipped: SkippedExperiment[] } {
  const included: ExperimentSpec[] = [];
  const skipped: SkippedExperiment[] = [];
  for (const e of experiments) {
    if (e.needsGpu && !gpu.real)
      skipped.push({ id: e.id, reason: `it needs a real GPU adapter and this machine has none (${gpu.why})` });
    else included.push(e);
  }
  return { included, skipped };
}

/** The one line that says what was skipped and why ('' when nothing was). */
export function skippedLine(skipped: readonly SkippedExperiment[]): string {
  return skipped.map((s) => `skipped experiment ${s.id}: ${s.reason}`).join('; ');
}
