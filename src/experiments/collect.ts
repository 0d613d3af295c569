// Reads an experiment plan's finished records back from the runs folder without checking their keys against the
// current code: for writing results from runs that finished while the code kept moving (each run record keeps
// the git commit it was trained at, and the results list them), and for runs trained elsewhere. `runExperiments` is
// the path that guarantees freshness; this one guarantees only that every record of the plan exists and is finished.
// A run trained without its evaluation (the GPU machine's check, whose machine lacks the benchmarks) is evaluated
// here and its record completed, and the baselines are evaluated when the folder has none. A runs folder that holds
// its own preset (preset.json, written by the GPU check) is collected with that preset. An experiment that needs a
// GPU is collected when its runs are in the folder, and skipped with the reason when none of them is.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HELD_OUT_FILE } from '../curate/writeMix.js';
import { readPairsParquet } from '../data/io/hfParquet.js';
import type { PreferencePair } from '../data/schema.js';
import { describeOverlap, overLimit, pairOverlap } from '../train/overlap.js';
import { sha256File } from '../util/hash.js';
import { codeHashes } from './contentHash.js';
import type { SkippedExperiment } from './gpuGate.js';
import { readMixRecord, type MixRecord } from './mixes.js';
import { closure, type ExperimentSpec } from './plan.js';
import { getExperimentPreset, type ExperimentPreset } from './presets.js';
import { defaultRunsDir, EVAL_MIX, selectedExperiments, type ExperimentRunResult } from './runner.js';
import {
  baselinesJobKey,
  evalJobKey,
  evaluateBaselines,
  evaluateRun,
  mixTrainData,
  readRunSummary,
  runFolder,
  type BaselineResults,
  type RunRecordSummary,
} from './runs.js';
import { readJsonFile } from '../util/jsonFile.js';

/** The preset a runs folder was made with, when it says (the GPU check writes it beside its runs). */
export const RUNS_PRESET_FILE = 'preset.json';

export interface CollectOptions {
  log?: (line: string) => void;
  /** Evaluate runs whose training mix shares over 1% of the held-out prompts (refused otherwise). */
  allowOverlap?: boolean;
}

/**
 * The share of the held-out pairs whose prompt a run trained on, read from the run's own mix (its train.parquet
 * checked against the sha256 the run records): runs trained elsewhere are evaluated only on prompts they did not
 * see, unless `allow`.
 */
async function checkHeldOutOverlap(
  runsDir: string,
  rec: RunRecordSummary,
  heldOut: readonly PreferencePair[],
  allow: boolean,
  log: (line: string) => void,
): Promise<void> {
  const trainFile = mixTrainData(join(runsDir, 'mixes', rec.mix.id));
  if (!existsSync(trainFile))
    throw new Error(
      `${trainFile}: not found; the pairs run ${rec.runId} seed ${rec.seed} was trained on are needed to ` +
        `check its held-out overlap`,
    );
  const sha256 = sha256File(trainFile);
  if (sha256 !== rec.mix.sha256)
    throw new Error(
      `${trainFile}: sha256 ${sha256} is not the ${rec.mix.sha256} run ${rec.runId} seed ${rec.seed} was ` +
        'trained on, so its held-out overlap cannot be checked',
    );
  const overlap = pairOverlap(await readPairsParquet(trainFile), heldOut);
  const line = `run ${rec.runId} seed ${rec.seed}, ${EVAL_MIX} held-out pairs: ${describeOverlap(overlap)}`;
  if (overLimit(overlap) && !allow)
    throw new Error(`${line}; its held-out accuracy would measure memory; pass --allow-overlap to evaluate anyway`);
  log(`[collect] overlap: ${line}`);
}

/** The runs folder's own preset (preset.json) if it has one, else the named preset; both given must agree. */
export function collectPreset(runsDir: string, presetOrName?: ExperimentPreset | string): ExperimentPreset {
  const file = join(runsDir, RUNS_PRESET_FILE);
  const named = typeof presetOrName === 'string' ? getExperimentPreset(presetOrName) : presetOrName;
  if (!existsSync(file)) return named ?? getExperimentPreset('full');
  const own = readJsonFile<ExperimentPreset>(file);
  if (named && named.name !== own.name)
    throw new Error(`${file}: the runs were made with preset ${own.name}, not ${named.name}`);
  return own;
}

export async function collectExperiments(
  presetOrName?: ExperimentPreset | string,
  runsDir = defaultRunsDir(),
  options: CollectOptions = {},
): Promise<ExperimentRunResult> {
  const log = options.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const preset = collectPreset(runsDir, presetOrName);
  const seedsOf = (r: { fixedSeed?: number }) => (r.fixedSeed !== undefined ? [r.fixedSeed] : preset.seeds);
  const readRun = (id: string, seed: number) => readRunSummary(runFolder(runsDir, id, seed));
  // An experiment that needs a GPU is in the folder only when a GPU machine trained it.
  const experiments: ExperimentSpec[] = [];
  const skipped: SkippedExperiment[] = [];
  for (const e of selectedExperiments(preset)) {
    if (e.needsGpu && !e.runs.some((id) => preset.seeds.some((s) => readRun(id, s))))
      skipped.push({ id: e.id, reason: `it needs a GPU and ${runsDir} holds none of its runs` });
    else experiments.push(e);
  }
  if (skipped.length) log(`[collect] ${skipped.map((s) => `skipped experiment ${s.id}: ${s.reason}`).join('; ')}`);
  const plan = closure(experiments);
  const missing: string[] = [];
  const mixes: Record<string, MixRecord> = {};
  for (const m of plan.mixes) {
    const r = readMixRecord(join(runsDir, 'mixes', m.id));
    if (r) mixes[m.id] = r;
    else missing.push(`mix ${m.id}`);
  }
  const runs: Record<string, RunRecordSummary[]> = {};
  const unevaluated: RunRecordSummary[] = [];
  for (const r of plan.runs) {
    runs[r.id] = [];
    for (const s of seedsOf(r)) {
      const rec = readRun(r.id, s);
      if (rec && r.fixedSeed === undefined && !rec.evaluation) unevaluated.push(rec);
      if (rec) runs[r.id].push(rec);
      else missing.push(`run ${r.id} seed ${s}`);
    }
  }
  const bfile = join(runsDir, 'baselines.json');
  const heldOutFile = join(runsDir, 'mixes', EVAL_MIX, HELD_OUT_FILE);
  const evalMix = mixes[EVAL_MIX] ?? readMixRecord(join(runsDir, 'mixes', EVAL_MIX));
  const evaluateHere = unevaluated.length > 0 || !existsSync(bfile);
  if (evaluateHere && (!evalMix || !existsSync(heldOutFile)))
    missing.push(`${EVAL_MIX} held-out pairs (mixes/${EVAL_MIX}/${HELD_OUT_FILE} and record.json) to evaluate with`);
  if (missing.length)
    throw new Error(
      `${runsDir}: no finished record for ${missing.join(', ')}; run the experiments first (rmw experiment ` +
        `--preset ${preset.name})`,
    );
  const code = codeHashes();
  let baselines: BaselineResults;
  if (evaluateHere) {
    const heldOutSha = sha256File(heldOutFile);
    const evalKey = evalJobKey(code, heldOutSha, evalMix!.sha256, preset.resamples);
    const heldOut = unevaluated.length ? await readPairsParquet(heldOutFile) : [];
    for (const rec of unevaluated) {
      await checkHeldOutOverlap(runsDir, rec, heldOut, options.allowOverlap ?? false, log);
      log(
        `[collect] evaluating run ${rec.runId} seed ${rec.seed} (${rec.model.kind}, trained on ${rec.model.backend})`,
      );
      const done = await evaluateRun(runFolder(runsDir, rec.runId, rec.seed), rec, {
        heldOutFile,
        resamples: preset.resamples,
        evalKey,
      });
      runs[rec.runId] = runs[rec.runId].map((x) => (x.seed === rec.seed ? done : x));
    }
    const key = baselinesJobKey(code, heldOutSha, preset.seeds, preset.resamples);
    baselines = existsSync(bfile)
      ? readJsonFile<BaselineResults>(bfile)
      : await evaluateBaselines({ key, file: bfile, seeds: preset.seeds, heldOutFile, resamples: preset.resamples });
  } else baselines = readJsonFile<BaselineResults>(bfile);
  return {
    preset,
    runsDir,
    experiments,
    skipped,
    mixes,
    runs,
    baselines,
    counts: {
      mixesBuilt: 0,
      mixesReused: plan.mixes.length,
      runsTrained: 0,
      runsReused: Object.values(runs).flat().length - unevaluated.length,
      runsReevaluated: unevaluated.length,
    },
    seconds: 0,
    code,
  };
}
