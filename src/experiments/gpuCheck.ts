// The GPU machine check's side of the experiments. A GPU machine is offline and has neither the data nor the
// benchmarks, so the check trains the experiments that need a GPU from a packed runs folder and the results are
// made where the data is. packGpuCheckRuns copies from a runs folder the records and files those runs need (mix
// records, the pairs they train on, the held-out pairs, the helper runs' records); the check trains into a copy of
// that folder laid out as the runner lays out its own, with the preset it ran in preset.json, and
// `rmw experiment --collect --runs <that folder>` evaluates and writes the results there (collect.ts).
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HELD_OUT_FILE } from '../curate/writeMix.js';
import { RUNS_PRESET_FILE } from './collect.js';
import type { GpuAdapterFacts } from './gpuGate.js';
import { MIX_RECORD } from './mixes.js';
import { closure } from './plan.js';
import type { ExperimentPreset } from './presets.js';
import { EVAL_MIX, selectedExperiments } from './runner.js';
import { mixTrainData, runFolder, RUN_EXPERIMENT_FILE } from './runs.js';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { canonicalJson } from '../util/hash.js';

/** The adapter facts when planning for the GPU machine (packing): its experiments are planned, not run, here. */
export const PLANNED_FOR_GPU_MACHINE: GpuAdapterFacts = {
  real: true,
  adapter: null,
  why: 'planned for the GPU machine check (bench/gpu-prepare.sh), not run here',
};

/** Folder-relative paths of every file the preset's runs need from a runs folder (records, pairs, held-out). */
export function gpuCheckFiles(preset: ExperimentPreset): string[] {
  const plan = closure(selectedExperiments(preset));
  const files = plan.mixes.map((m) => join('mixes', m.id, MIX_RECORD));
  const trainedOn = new Set(plan.runs.filter((r) => r.fixedSeed === undefined).map((r) => r.mix));
  for (const m of trainedOn) files.push(mixTrainData(join('mixes', m)));
  files.push(join('mixes', EVAL_MIX, MIX_RECORD), join('mixes', EVAL_MIX, HELD_OUT_FILE));
  // Helper runs (the safety scorer behind the curated mix) travel as their records only: nothing retrains them.
  for (const r of plan.runs.filter((x) => x.fixedSeed !== undefined))
    files.push(join(runFolder('', r.id, r.fixedSeed!), RUN_EXPERIMENT_FILE));
  return [...new Set(files)];
}

/** Copies the files the preset's runs need from one runs folder to another; names what is missing. */
export function copyGpuCheckFiles(preset: ExperimentPreset, fromDir: string, toDir: string): string[] {
  const files = gpuCheckFiles(preset);
  const missing = files.filter((f) => !existsSync(join(fromDir, f)));
  if (missing.length)
    throw new Error(`${fromDir}: ${missing.join(', ')} missing (build the mixes first: bench/gpu-prepare.sh does)`);
  for (const f of files) {
    mkdirSync(dirname(join(toDir, f)), { recursive: true });
    copyFileSync(join(fromDir, f), join(toDir, f));
  }
  return files;
}

/** Writes the preset a runs folder was made with (collect reads it back). */
export function writeRunsPreset(runsDir: string, preset: ExperimentPreset): void {
  mkdirSync(runsDir, { recursive: true });
  writeFileAtomic(join(runsDir, RUNS_PRESET_FILE), `${canonicalJson(preset, 2)}\n`);
}

/** One stage of the GPU machine check (.gpu/check.sh): the script stops it at its budget and moves on. */
export interface GpuCheckStage {
  name: string;
  /** Wall seconds, enforced (the command gets budget - 4 s, then 2 s to die; the summary is written in the rest). */
  budgetS: number;
  what: string;
}

/**
 * The check's stages, in order. The device tool gives one command at most 600 s and a lent machine 15 minutes in
 * all, its start included: the budgets add up to at most GPU_CHECK_TOTAL_S, so the check fits one command with room
 * for a rerun. Stage 0 stops the check when there is no hardware adapter, before any other stage spends time.
 */
export const GPU_CHECK_STAGES: readonly GpuCheckStage[] = [
  {
    name: 'diagnose',
    budgetS: 30,
    what: 'unpack; the GPU stack: driver, Vulkan loader, ICD files, libGLX_nvidia, Dawn adapters and limits',
  },
  { name: 'backend', budgetS: 20, what: 'backend selection (auto): a real GPU adapter must win' },
  { name: 'toy', budgetS: 25, what: "notebook 00's toy Bradley-Terry run on WebGPU" },
  {
    name: 'step',
    budgetS: 80,
    what: 'transformer step (stack) on WebGPU, tfjs matmul defaults: ms, GFLOP, TFLOP/s, dispatches',
  },
  { name: 'step-splitk', budgetS: 60, what: 'the same step with split-K weight-gradient products (threshold 264)' },
  { name: 'torch', budgetS: 45, what: 'PyTorch CUDA on the same weights and batches (RMW_GPU_CHECK_TORCH=0 skips)' },
  { name: 'ablation', budgetS: 140, what: 'transformer loss ablation (bt, bt-margin, focal; seed 1 first), as runs' },
];

/** The most the whole check may take, in seconds. */
export const GPU_CHECK_TOTAL_S = 420;

/** The matmul workgroup threshold the split-K stage uses: two workgroups per multiprocessor of an H100 (132). */
export const SPLIT_K_THRESHOLD = 264;

/** The stage plan as check.sh reads it: one line per stage, `index<TAB>name<TAB>budget<TAB>what`. */
export function gpuCheckPlanTsv(): string {
  const total = GPU_CHECK_STAGES.reduce((a, s) => a + s.budgetS, 0);
  if (total > GPU_CHECK_TOTAL_S) throw new Error(`GPU check stages add up to ${total} s > ${GPU_CHECK_TOTAL_S} s`);
  return GPU_CHECK_STAGES.map((s, i) => `${i}\t${s.name}\t${s.budgetS}\t${s.what}\n`).join('');
}
