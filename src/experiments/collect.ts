// Reads an experiment plan's finished records back from the runs folder without checking their keys against the
// current code: for writing results from runs that finished while the code kept moving (each run record keeps
// the git commit it was trained at, and the results list them). `runExperiments` is the path that guarantees
// freshness; this one guarantees only that every record of the plan exists and is finished.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeHashes } from './contentHash.js';
import { readMixRecord, type MixRecord } from './mixes.js';
import { closure } from './plan.js';
import { getExperimentPreset, type ExperimentPreset } from './presets.js';
import { defaultRunsDir, selectedExperiments, type ExperimentRunResult } from './runner.js';
import { readRunSummary, type BaselineResults, type RunRecordSummary } from './runs.js';

export function collectExperiments(
  presetOrName: ExperimentPreset | string,
  runsDir = defaultRunsDir(),
): ExperimentRunResult {
  const preset = typeof presetOrName === 'string' ? getExperimentPreset(presetOrName) : presetOrName;
  const experiments = selectedExperiments(preset);
  const plan = closure(experiments);
  const missing: string[] = [];
  const mixes: Record<string, MixRecord> = {};
  for (const m of plan.mixes) {
    const r = readMixRecord(join(runsDir, 'mixes', m.id));
    if (r) mixes[m.id] = r;
    else missing.push(`mix ${m.id}`);
  }
  const runs: Record<string, RunRecordSummary[]> = {};
  for (const r of plan.runs) {
    const seeds = r.fixedSeed !== undefined ? [r.fixedSeed] : preset.seeds;
    runs[r.id] = [];
    for (const s of seeds) {
      const rec = readRunSummary(join(runsDir, 'runs', `${r.id}-s${s}`));
      if (rec && (r.fixedSeed !== undefined || rec.evaluation)) runs[r.id].push(rec);
      else missing.push(`run ${r.id} seed ${s}`);
    }
  }
  const bfile = join(runsDir, 'baselines.json');
  if (!existsSync(bfile)) missing.push('baselines.json');
  if (missing.length)
    throw new Error(
      `${runsDir}: no finished record for ${missing.join(', ')}; run the experiments first (rmw experiment --preset ${preset.name})`,
    );
  const baselines = JSON.parse(readFileSync(bfile, 'utf8')) as BaselineResults;
  return {
    preset,
    runsDir,
    experiments,
    mixes,
    runs,
    baselines,
    counts: {
      mixesBuilt: 0,
      mixesReused: plan.mixes.length,
      runsTrained: 0,
      runsReused: Object.values(runs).flat().length,
      runsReevaluated: 0,
    },
    seconds: 0,
    code: codeHashes(),
  };
}
