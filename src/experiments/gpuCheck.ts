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
