// The GPU machine check's one summary ($OUT/summary.json): every figure the check produced, rewritten after every
// stage from the files the stages left in $OUT, so a check cut short (a stage past its budget, a machine taken back)
// still reports what it measured. Headline figures (ours, measured on that machine) come first, then each stage's
// status, then every stage's output as it was written.
import { peakFp32Tflops } from '../model/transformer/flops.js';

/** A stage as check.sh records it in $OUT/stages.tsv. */
export interface StageRow {
  name: string;
  budgetS: number;
  seconds: number;
  /** The command's exit status (124/137: stopped at its budget). */
  rc: number;
  timedOut: boolean;
  /** `skipped: why` for a stage the check did not run. */
  note?: string;
}

/** Reads $OUT/stages.tsv: name, budget, seconds, rc, timed out (0/1), note (optional), one stage a line. */
export function parseStagesTsv(text: string): StageRow[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((line) => {
      const [name, budget, seconds, rc, timedOut, note] = line.split('\t');
      return {
        name,
        budgetS: Number(budget),
        seconds: Number(seconds),
        rc: Number(rc),
        timedOut: timedOut === '1',
        ...(note ? { note } : {}),
      };
    });
}

/** The files a check leaves in $OUT, by name (parsed JSON; absent when the stage did not write it). */
export const GPU_CHECK_FILES = [
  'diagnose.json',
  'env-auto.json',
  'toy-webgpu.json',
  'transformer-step.json',
  'transformer-step-splitk.json',
  'torch.json',
  'ablation/summary.json',
] as const;

interface StepFile {
  config: string;
  pairs: number;
  gflopPerStep: number;
  results: {
    setup: string;
    msPerStep: number;
    tflops?: number;
    losses: number[];
    device?: {
      adapter: string;
      dispatches: number;
      submits: number;
      reads: number;
      limits?: Record<string, number>;
      tfjs?: { matmulWorkgroupThreshold: number; matmulThresholdDefault: boolean } | null;
    };
  }[];
}

interface TorchFile {
  torch?: string;
  cuda?: string;
  results?: { setup: string; msPerStep: number; losses: number[] }[];
  notes?: string[];
  ran?: boolean;
  why?: string;
}

export interface StepFigures {
  config: string;
  pairs: number;
  msPerStep: number;
  gflopPerStep: number;
  tflops: number;
  /** Achieved over the GPU's FP32 peak (null when the GPU's peak is not known). */
  ofPeak: number | null;
  dispatchesPerStep: number | null;
  submitsPerStep: number | null;
  readsPerStep: number | null;
  matmulThreshold: number | null;
  firstLoss: number;
  /** msPerStep over PyTorch CUDA's from the same run (null without it). */
  vsTorchCuda: number | null;
}

export interface GpuCheckSummary {
  what: string;
  reduced: boolean;
  /** Every stage's status and seconds, in order. */
  stages: StageRow[];
  /** 0 when every stage that ran exited 0. */
  failedStages: string[];
  gpu: {
    name: string | null;
    driver: string | null;
    adapter: string | null;
    peakFp32Tflops: { tflops: number; source: string } | null;
    missing: string[];
  };
  backendAuto: { name: string | null; reason: string | null };
  toy: { steps: number; finalLoss: number | null } | null;
  torchCuda: { msPerStep: number; device: string | null; version: string | null } | { ran: false; why: string } | null;
  step: StepFigures | null;
  stepSplitK: StepFigures | null;
  ablation: unknown;
  /** Every stage's output file, parsed. */
  outputs: Record<string, unknown>;
}

function stepFigures(f: StepFile | undefined, peak: number | null, torchMs: number | null): StepFigures | null {
  const r = f?.results.find((x) => x.setup.startsWith('tfjs-webgpu')) ?? f?.results[0];
  if (!f || !r) return null;
  const tflops = r.tflops ?? f.gflopPerStep / 1000 / (r.msPerStep / 1000);
  return {
    config: f.config,
    pairs: f.pairs,
    msPerStep: r.msPerStep,
    gflopPerStep: f.gflopPerStep,
    tflops,
    ofPeak: peak ? tflops / peak : null,
    dispatchesPerStep: r.device?.dispatches ?? null,
    submitsPerStep: r.device?.submits ?? null,
    readsPerStep: r.device?.reads ?? null,
    matmulThreshold: r.device?.tfjs?.matmulWorkgroupThreshold ?? null,
    firstLoss: r.losses[0],
    vsTorchCuda: torchMs ? r.msPerStep / torchMs : null,
  };
}

/** Builds the summary from the stage rows and the parsed files (pure: the bench entry reads them). */
export function gpuCheckSummary(
  stages: StageRow[],
  files: Partial<Record<(typeof GPU_CHECK_FILES)[number], unknown>>,
  reduced: boolean,
): GpuCheckSummary {
  const diag = files['diagnose.json'] as
    | {
        driver?: { gpus?: string[]; driverVersion?: string | null };
        adapters?: { info: { label: string; software: boolean } }[];
        missing?: string[];
      }
    | undefined;
  const gpuName = diag?.driver?.gpus?.[0]?.split(',')[0]?.trim() ?? null;
  const peak = gpuName ? peakFp32Tflops(gpuName) : null;
  const adapter = diag?.adapters?.find((a) => !a.info.software) ?? diag?.adapters?.[0];
  const env = files['env-auto.json'] as { backend?: { name?: string; reason?: string } } | undefined;
  const toyFile = files['toy-webgpu.json'] as { toy?: { steps?: { loss: number }[] } } | undefined;
  const torch = files['torch.json'] as TorchFile | undefined;
  const cuda = torch?.results?.find((r) => r.setup === 'pytorch-cuda');
  const torchCuda: GpuCheckSummary['torchCuda'] = cuda
    ? { msPerStep: cuda.msPerStep, device: torch?.cuda ?? null, version: torch?.torch ?? null }
    : torch
      ? { ran: false, why: torch.why ?? (torch.notes ?? []).join('; ') ?? 'no CUDA result' }
      : null;
  const torchMs = cuda?.msPerStep ?? null;
  const outputs: Record<string, unknown> = {};
  for (const k of GPU_CHECK_FILES) if (files[k] !== undefined) outputs[k] = files[k];
  return {
    what: `GPU machine check (ours, measured${reduced ? '; REDUCED sizes: a test of the packing, not a result' : ''})`,
    reduced,
    stages,
    failedStages: stages.filter((s) => s.rc !== 0).map((s) => s.name),
    gpu: {
      name: gpuName,
      driver: diag?.driver?.driverVersion ?? null,
      adapter: adapter?.info.label ?? null,
      peakFp32Tflops: peak,
      missing: diag?.missing ?? [],
    },
    backendAuto: { name: env?.backend?.name ?? null, reason: env?.backend?.reason ?? null },
    toy: toyFile?.toy?.steps
      ? { steps: toyFile.toy.steps.length, finalLoss: toyFile.toy.steps.at(-1)?.loss ?? null }
      : null,
    torchCuda,
    step: stepFigures(files['transformer-step.json'] as StepFile | undefined, peak?.tflops ?? null, torchMs),
    stepSplitK: stepFigures(
      files['transformer-step-splitk.json'] as StepFile | undefined,
      peak?.tflops ?? null,
      torchMs,
    ),
    ablation: files['ablation/summary.json'] ?? null,
    outputs,
  };
}
