// Executes the experiment plan: every mix and every run × seed as a job on the worker pool, in dependency order
// (the safety scorer before the mixes it filters, derived mixes after their sources), with content-hash reuse:
// a mix or run whose key (spec + input hashes + source code of the areas that compute it) is unchanged is not
// rebuilt. Run folders live under runs/experiments/ (git-ignored). One runner at a time per folder: it holds the
// folder's lock (util/output) while it works; each mix and run inside is an output of its own (built aside and put
// in place whole, so a killed runner leaves every finished mix and run complete).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { getPreset, trainConfigFrom } from '../train/config.js';
import { stepPlan } from '../train/stepPlan.js';
import { planTrainRun } from '../train/trainRun.js';
import { sha256File } from '../util/hash.js';
import { lockOutput } from '../util/output/lock.js';
import { HELD_OUT_FILE } from '../curate/writeMix.js';
import { verifyMixFiles } from '../curate/readMix.js';
import { fromRoot } from '../util/paths.js';
import { codeHashes, jobKey, sourcesHash, type CodeHashes } from './contentHash.js';
import { readMixRecord, type MixRecord } from './mixes.js';
import {
  detectGpuAdapter,
  gateExperiments,
  skippedLine,
  type GpuAdapterFacts,
  type SkippedExperiment,
} from './gpuGate.js';
import { closure, EXPERIMENTS, mixSpec, runSpec, type ExperimentSpec } from './plan.js';
import { WorkerPool } from './pool.js';
import { getExperimentPreset, type ExperimentPreset } from './presets.js';
import { sizeExperiments, sizingLine, transformerSizing, type TransformerSizing } from './transformerSizing.js';
import {
  baselinesJobKey,
  evalJobKey,
  mixTrainData,
  planRunJob,
  readRunSummary,
  runFolder,
  type BaselineResults,
  type RunRecordSummary,
} from './runs.js';

/** Every mix is curated with this seed (dedup tie-breaks, target sampling): the CIs are over training seeds. */
export const MIX_SEED = 1;
/** The mix whose held-out split every run is evaluated on (all workbench mixes share it: it is cut before any trick).
 * */
export const EVAL_MIX = 'no-filter';
/** Pool priority of jobs that others wait on (mixes, the safety scorer); runs get their step count. */
const URGENT = 1e9;

export interface ExperimentOptions {
  preset: ExperimentPreset | string;
  /** Where mixes and runs go (default runs/experiments). */
  runsDir?: string;
  /** Worker processes (default 2: one per core here); 0 runs in-process. */
  workers?: number;
  /** Rebuild every mix and run even when its key is unchanged. */
  force?: boolean;
  log?: (line: string) => void;
  /** Build only the mixes (and the helper runs they need, e.g. the safety scorer): the reproduce "curate" stage. */
  mixesOnly?: boolean;
  /**
   * Whether a real GPU adapter is present, which decides if the experiments that need one are planned. Absent: the
   * runner asks the device module and logs what it skips; a caller that passes the facts says so itself.
   */
  gpu?: GpuAdapterFacts;
  /** Presets sized per backend: use this sizing instead of the machine's (tests train a tiny transformer). */
  sizing?: TransformerSizing;
  /**
   * Run summaries committed with the results (the transformer ablation's): a run whose key and evaluation key match
   * one of them is taken from it, trained and evaluated nowhere (reuse by content hash on a fresh checkout).
   */
  committedRuns?: readonly RunRecordSummary[];
  /** Train and evaluate nothing: a run that is neither in the folder nor committed under its key fails the call
   * with NotReusedError (reproduce checks committed results this way). */
  reuseOnly?: boolean;
}

/** Runs that would have to be trained or evaluated anew (ExperimentOptions.reuseOnly). */
export class NotReusedError extends Error {
  constructor(readonly runs: string[]) {
    super(
      `${runs.length} run(s) are not reusable under the current code and plan (their content hash ` +
        `changed): ${runs.join(', ')}`,
    );
    this.name = 'NotReusedError';
  }
}

export interface ExperimentRunResult {
  preset: ExperimentPreset;
  runsDir: string;
  experiments: ExperimentSpec[];
  /** Experiments of the preset that were not planned on this machine, with the reason. */
  skipped: SkippedExperiment[];
  mixes: Record<string, MixRecord>;
  /** Run id -> one summary per seed (helper runs: their fixed seed). */
  runs: Record<string, RunRecordSummary[]>;
  baselines: BaselineResults;
  counts: { mixesBuilt: number; mixesReused: number; runsTrained: number; runsReused: number; runsReevaluated: number };
  seconds: number;
  code: CodeHashes;
  /** Presets sized per backend (the transformer ablation): the backend, size and stopping the runs used. */
  sizing?: TransformerSizing;
}

/** The preset's experiments with the runs it includes (before the GPU gate, gpuGate.ts). */
export function selectedExperiments(preset: ExperimentPreset): ExperimentSpec[] {
  return EXPERIMENTS.filter((e) => !preset.experiments || preset.experiments.includes(e.id)).map((e) => ({
    ...e,
    runs: preset.runs?.[e.id] ?? e.runs,
  }));
}

/** The preset's experiments this machine plans, and those it skips (an experiment needing a GPU, on a machine
 * without a real adapter). Detects the adapter unless the facts are given. */
export async function plannedExperiments(
  preset: ExperimentPreset,
  gpu?: GpuAdapterFacts,
): Promise<{
  experiments: ExperimentSpec[];
  skipped: SkippedExperiment[];
  gpu: GpuAdapterFacts;
  sizing?: TransformerSizing;
}> {
  const selected = selectedExperiments(preset);
  // Dawn is asked only when an experiment depends on the answer.
  const facts =
    gpu ??
    (selected.some((e) => e.needsGpu) || preset.sizedByBackend
      ? await detectGpuAdapter()
      : { real: false, adapter: null, why: 'not asked: no experiment of the preset needs a GPU' });
  const { included, skipped } = gateExperiments(selected, facts);
  if (!included.length)
    throw new Error(`preset ${preset.name}: every experiment was skipped (${skippedLine(skipped)})`);
  if (!preset.sizedByBackend) return { experiments: included, skipped, gpu: facts };
  const sizing = transformerSizing(facts);
  return { experiments: sizeExperiments(included, sizing), skipped, gpu: facts, sizing };
}

export function defaultRunsDir(): string {
  return fromRoot('runs', 'experiments');
}

export async function runExperiments(options: ExperimentOptions): Promise<ExperimentRunResult> {
  const runsDir = options.runsDir ?? defaultRunsDir();
  mkdirSync(runsDir, { recursive: true });
  const lock = lockOutput(runsDir);
  try {
    return await runLocked(options, runsDir);
  } finally {
    lock.release();
  }
}

async function runLocked(options: ExperimentOptions, runsDir: string): Promise<ExperimentRunResult> {
  const start = performance.now();
  const preset = typeof options.preset === 'string' ? getExperimentPreset(options.preset) : options.preset;
  const log = options.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const planned = await plannedExperiments(preset, options.gpu);
  const { experiments, skipped } = planned;
  const sizing = planned.sizing && (options.sizing ?? planned.sizing);
  if (skipped.length && !options.gpu) log(`[experiments] ${skippedLine(skipped)}`);
  if (sizing) log(`[experiments] transformer sized for ${sizing.backend} (${sizing.why}): ${sizingLine(sizing)}`);
  const plan = closure(experiments);
  const code = codeHashes();
  const sources = sourcesHash();
  const tp = getPreset(preset.trainPreset);
  const trainCfg = trainConfigFrom({ ...tp.train, ...preset.train });
  const counts = { mixesBuilt: 0, mixesReused: 0, runsTrained: 0, runsReused: 0, runsReevaluated: 0 };
  const totalRuns = plan.runs.reduce((a, r) => a + (r.fixedSeed !== undefined ? 1 : preset.seeds.length), 0);
  let doneRuns = 0;
  const pool = new WorkerPool(options.workers ?? 2);
  const elapsed = () => `${((performance.now() - start) / 1000).toFixed(0)}s`;

  const mixes = new Map<string, Promise<MixRecord>>();
  const runs = new Map<string, Promise<RunRecordSummary>>();

  const mixDir = (id: string) => join(runsDir, 'mixes', id);
  const buildMixOnce = (id: string): Promise<MixRecord> => {
    let p = mixes.get(id);
    if (!p) mixes.set(id, (p = buildMix(id)));
    return p;
  };
  async function buildMix(id: string): Promise<MixRecord> {
    const spec = mixSpec(id);
    const deps: Record<string, string> = {};
    const d = spec.derive;
    const depIds = d?.kind === 'drop-sources' ? [d.from] : d?.kind === 'add-flagged' ? [d.base, d.from] : [];
    for (const dep of depIds) deps[dep] = (await buildMixOnce(dep)).sha256;
    let scorerKey: string | null = null;
    let scorerDir: string | undefined;
    if (spec.scorer) {
      const s = await runOnce(spec.scorer, runSpec(spec.scorer).fixedSeed ?? preset.seeds[0]);
      scorerKey = s.key;
      scorerDir = runDir(spec.scorer, s.seed);
    }
    const key = jobKey({ kind: 'mix', spec, seed: MIX_SEED, code: code.mix, sources, deps, scorer: scorerKey });
    const dir = mixDir(id);
    const prev = readMixRecord(dir);
    if (!options.force && prev?.key === key) {
      verifyMixFiles(dir); // a mix reused by its key must still hold the files its data card lists
      counts.mixesReused++;
      log(`[experiments ${elapsed()}] mix ${id}: reused (${prev.trainPairs} pairs, key ${key.slice(0, 12)})`);
      return prev;
    }
    const rec = (await pool.run(
      {
        kind: 'mix',
        job: {
          mixId: id,
          key,
          dir,
          seed: MIX_SEED,
          mixDirs: Object.fromEntries(depIds.map((m) => [m, mixDir(m)])),
          scorerDir,
        },
      },
      URGENT,
    )) as MixRecord;
    counts.mixesBuilt++;
    log(
      `[experiments ${elapsed()}] mix ${id}: built in ${rec.seconds.toFixed(1)} s (${rec.trainPairs} train, ` +
        `${rec.heldOutPairs} held out)`,
    );
    return rec;
  }

  const runDir = (id: string, seed: number) => runFolder(runsDir, id, seed);
  const runOnce = (id: string, seed: number): Promise<RunRecordSummary> => {
    const k = `${id}@${seed}`;
    let p = runs.get(k);
    if (!p) runs.set(k, (p = trainOne(id, seed)));
    return p;
  };
  /** Steps the run of `runId` takes: trainRun's own plan over its mix (identical pairs dropped, the preset's cap). */
  const plannedSteps = new Map<string, Promise<number>>();
  const stepsOf = (runId: string): Promise<number> => {
    const mixId = runSpec(runId).mix;
    let p = plannedSteps.get(mixId);
    if (!p) {
      const plan = async () => {
        await buildMixOnce(mixId);
        const data = mixTrainData(mixDir(mixId));
        return (await planTrainRun({ data, evalPairs: [], preset: preset.trainPreset, train: preset.train }))
          .totalSteps;
      };
      plannedSteps.set(mixId, (p = plan()));
    }
    return p;
  };
  /** Pool priority of a run: the trainer's step plan over the mix's pair count (an upper bound; ordering only). */
  const priorityOf = (pairs: number) => stepPlan(pairs, trainCfg).totalSteps;
  async function trainOne(id: string, seed: number): Promise<RunRecordSummary> {
    const spec = runSpec(id);
    const mix = await buildMixOnce(spec.mix);
    const evalMix = await buildMixOnce(EVAL_MIX);
    const heldOutFile = join(mixDir(EVAL_MIX), HELD_OUT_FILE);
    const heldOutSha = sha256File(heldOutFile);
    const train = { ...preset.train };
    if (spec.stepsLike) train.maxSteps = await stepsOf(spec.stepsLike);
    const evaluate = spec.fixedSeed === undefined;
    const job = planRunJob(spec, seed, {
      preset,
      runsDir,
      mix: { id: spec.mix, dir: mixDir(spec.mix), sha256: mix.sha256 },
      heldOutFile,
      heldOutSha256: heldOutSha,
      train,
      code,
      evalKey: evalJobKey(code, heldOutSha, evalMix.sha256, preset.resamples),
      evaluate,
      sizing,
    });
    const { key, evalKey, dir } = job;
    const prev = options.force ? undefined : readRunSummary(dir);
    const tag = `run ${id} seed ${seed}`;
    if (prev?.key === key && (!evaluate || prev.evalKey === evalKey)) {
      counts.runsReused++;
      doneRuns++;
      log(`[experiments ${elapsed()}] (${doneRuns}/${totalRuns}) ${tag}: reused`);
      return prev;
    }
    const committed = options.force
      ? undefined
      : options.committedRuns?.find(
          (r) => r.runId === id && r.seed === seed && r.key === key && (!evaluate || r.evalKey === evalKey),
        );
    if (committed) {
      counts.runsReused++;
      doneRuns++;
      log(`[experiments ${elapsed()}] (${doneRuns}/${totalRuns}) ${tag}: reused from the committed results`);
      return committed;
    }
    if (options.reuseOnly) throw new NotReusedError([`${id}@${seed}`]);
    const retrain = prev?.key !== key;
    const rec = (await pool.run(
      { kind: 'run', job: { ...job, force: options.force } },
      evaluate ? (train.maxSteps ?? priorityOf(mix.trainPairs)) : URGENT,
    )) as RunRecordSummary;
    if (retrain) counts.runsTrained++;
    else counts.runsReevaluated++;
    doneRuns++;
    const ho = rec.evaluation
      ? ` held-out ${(100 * rec.evaluation.heldOut.metrics.overall).toFixed(1)}%, lite ` +
        `${(100 * rec.evaluation.lite.metrics.score).toFixed(1)}`
      : '';
    log(
      `[experiments ${elapsed()}] (${doneRuns}/${totalRuns}) ${tag}: ` +
        `${retrain ? `trained ${rec.steps} steps in ${rec.seconds.train.toFixed(1)} s` : 're-evaluated'}` +
        `${evaluate ? `, eval ${rec.seconds.eval.toFixed(1)} s;${ho}` : ''}`,
    );
    return rec;
  }

  async function baselines(): Promise<BaselineResults> {
    // A reuse-only call checks run keys; it computes nothing, baselines included.
    if (options.reuseOnly) return { key: '', baselines: {} };
    await buildMixOnce(EVAL_MIX);
    const heldOutFile = join(mixDir(EVAL_MIX), HELD_OUT_FILE);
    const key = baselinesJobKey(code, sha256File(heldOutFile), preset.seeds, preset.resamples);
    const file = join(runsDir, 'baselines.json');
    const r = (await pool.run({
      kind: 'baselines',
      job: { key, file, seeds: preset.seeds, heldOutFile, resamples: preset.resamples, force: options.force },
    })) as BaselineResults;
    log(`[experiments ${elapsed()}] baselines: ${Object.keys(r.baselines).join(', ')}`);
    return r;
  }

  log(
    `[experiments] preset ${preset.name}: ${plan.mixes.length} mixes, ${plan.runs.length} run specs ` +
      `(${totalRuns} runs), seeds ${preset.seeds.join(', ')}, ` +
      `${pool.size} worker${pool.size === 1 ? '' : 's'}; folder ${runsDir}`,
  );
  try {
    if (options.mixesOnly) {
      const built = await Promise.all(plan.mixes.map((m) => buildMixOnce(m.id)));
      const helperRuns: Record<string, RunRecordSummary[]> = {};
      for (const [k, p] of runs) (helperRuns[k.split('@')[0]] ??= []).push(await p);
      return {
        preset,
        runsDir,
        experiments,
        skipped,
        mixes: Object.fromEntries(plan.mixes.map((m, i) => [m.id, built[i]])),
        runs: helperRuns,
        baselines: { key: '', baselines: {} },
        counts,
        seconds: Number(((performance.now() - start) / 1000).toFixed(1)),
        code,
        ...(sizing ? { sizing } : {}),
      };
    }
    const all: Promise<unknown>[] = [baselines()];
    for (const r of plan.runs) {
      const seeds = r.fixedSeed !== undefined ? [r.fixedSeed] : preset.seeds;
      for (const s of seeds) all.push(runOnce(r.id, s));
    }
    const settled = await Promise.allSettled(all);
    const failed = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    const notReused = failed.map((f) => f.reason).filter((e): e is NotReusedError => e instanceof NotReusedError);
    if (notReused.length && notReused.length === failed.length)
      throw new NotReusedError(notReused.flatMap((e) => e.runs));
    if (failed.length)
      throw new Error(
        `${failed.length} experiment job(s) failed; first: ` +
          `${String(failed[0].reason instanceof Error ? failed[0].reason.message : failed[0].reason)}`,
      );
    const runResults: Record<string, RunRecordSummary[]> = {};
    for (const r of plan.runs) {
      const seeds = r.fixedSeed !== undefined ? [r.fixedSeed] : preset.seeds;
      runResults[r.id] = await Promise.all(seeds.map((s) => runOnce(r.id, s)));
    }
    const mixResults: Record<string, MixRecord> = {};
    for (const m of plan.mixes) mixResults[m.id] = await buildMixOnce(m.id);
    return {
      preset,
      runsDir,
      experiments,
      skipped,
      mixes: mixResults,
      runs: runResults,
      baselines: await (all[0] as Promise<BaselineResults>),
      counts,
      seconds: Number(((performance.now() - start) / 1000).toFixed(1)),
      code,
      ...(sizing ? { sizing } : {}),
    };
  } finally {
    await pool.close();
  }
}
