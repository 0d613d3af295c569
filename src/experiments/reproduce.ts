// The whole chain in one call: curate -> experiments (train, evaluate) -> results (tables, plots, conclusions) ->
// figures (every paper figure and table with ours beside) -> notebooks. Each stage records the content hash of its
// inputs in runs/reproduce-state.json and is skipped when that hash and its outputs are unchanged; inside the
// curate and experiments stages every mix and run is also reused by its own key (runner.ts).
// The quick preset writes under runs/quick/ so it never overwrites the committed full results in figures/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { regenerateFigures } from '../report/regenerateFigures.js';
import { OURS_FILES } from '../report/oursInputs.js';
import { hashJson, sha256Hex } from '../util/hash.js';
import { fromRoot } from '../util/paths.js';
import { openFileOutput } from '../util/output/fileOutput.js';
import type { OutputKind } from '../util/output/marker.js';
import { codeHashes, sourcesHash, treeHash } from './contentHash.js';
import { EXPERIMENTS, MIXES, RUNS } from './plan.js';
import { getExperimentPreset, type ExperimentPreset } from './presets.js';
import { skippedLine, type GpuAdapterFacts } from './gpuGate.js';
import { figureDifferences } from './figure.js';
import { plannedExperiments, runExperiments, type ExperimentRunResult } from './runner.js';
import { readResultsBundle, RESULTS_FILE, writeResults } from './writeResults.js';
import { updateReadmeResults } from './readmeResults.js';
import { readAblationResults, reuseCommittedAblation, TRANSFORMER_ABLATION_FILE } from './transformerAblation.js';

export const STAGES = ['curate', 'experiments', 'results', 'figures', 'notebooks'] as const;
const STATE_OUTPUT: OutputKind = { kind: 'reproduce-state', writer: 'rmw reproduce', noun: 'reproduce state file' };
export type StageName = (typeof STAGES)[number];

export interface ReproduceOptions {
  preset: 'quick' | 'full';
  /** Replace the named preset's definition (tests run a smaller plan through the same pipeline). */
  experimentPreset?: ExperimentPreset;
  /** Rerun every stage and rebuild every mix and run. */
  force?: boolean;
  notebooks?: boolean;
  /** Figures/plots as SVG + PNG (default true; Chromium needed). */
  images?: boolean;
  workers?: number;
  /** Overrides for tests: where runs, results, figures and the state file go. */
  dirs?: Partial<ReproduceDirs>;
  /** Whether a real GPU adapter is present (tests inject it); absent: asked once if the plan has a GPU experiment. */
  gpu?: GpuAdapterFacts;
  log?: (line: string) => void;
}

export interface ReproduceDirs {
  runs: string;
  results: string;
  figures: string;
  state: string;
}

export interface StageReport {
  stage: StageName;
  status: 'ran' | 'skipped' | 'failed';
  reason: string;
  seconds: number;
  inputHash: string | null;
}

export interface ReproduceResult {
  preset: string;
  dirs: ReproduceDirs;
  stages: StageReport[];
  totalSeconds: number;
  counts?: ExperimentRunResult['counts'];
  ok: boolean;
}

interface StateFile {
  format: 'rmw-reproduce-state/1';
  presets: Record<string, Partial<Record<StageName, { inputHash: string; finishedAt: string; seconds: number }>>>;
}

export function defaultDirs(preset: 'quick' | 'full'): ReproduceDirs {
  const state = fromRoot('runs', 'reproduce-state.json');
  return preset === 'full'
    ? {
        runs: fromRoot('runs', 'experiments'),
        results: fromRoot('figures', 'results'),
        figures: fromRoot('figures'),
        state,
      }
    : {
        runs: fromRoot('runs', 'quick', 'experiments'),
        results: fromRoot('runs', 'quick', 'results'),
        figures: fromRoot('runs', 'quick', 'figures'),
        state,
      };
}

function readState(file: string): StateFile {
  if (!existsSync(file)) return { format: 'rmw-reproduce-state/1', presets: {} };
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StateFile;
  } catch {
    return { format: 'rmw-reproduce-state/1', presets: {} };
  }
}

function filesHash(dir: string, names: readonly string[]): string {
  return sha256Hex(
    names.map((n) => `${n}\n${existsSync(join(dir, n)) ? sha256Hex(readFileSync(join(dir, n))) : 'absent'}`).join('\n'),
  );
}

/** Cell sources of every notebook (outputs and metadata excluded), so executing a notebook does not change it. */
function notebookSourcesHash(): string {
  const dir = fromRoot('notebooks');
  if (!existsSync(dir)) return 'none';
  const parts = readdirSync(dir)
    .filter((f) => f.endsWith('.ipynb'))
    .sort()
    .map((f) => {
      const nb = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { cells: { source: string | string[] }[] };
      return (
        `${f}\n` + `${nb.cells.map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source)).join('\n\u0000\n')}`
      );
    });
  return sha256Hex(parts.join('\n'));
}

interface NotebookApi {
  notebookToolsMissing(): string | undefined;
  prepareNotebookRuntime(build?: boolean): void;
  listNotebooks(names?: string[]): string[];
  runNotebook(
    path: string,
    options?: { quick?: boolean },
  ): { notebook: string; ok: boolean; seconds: number; error?: string };
}

/** scripts/run-notebooks.ts, loaded at run time (a path the bundler cannot follow: it lives outside the library). */
async function notebookApi(): Promise<NotebookApi | string> {
  const file = fromRoot('scripts', 'run-notebooks.ts');
  if (!existsSync(file)) return `${file} is missing`;
  try {
    return (await import(pathToFileURL(file).href)) as NotebookApi;
  } catch (err) {
    return `cannot load ${file}: ${(err as Error).message}`;
  }
}

export async function reproduce(options: ReproduceOptions): Promise<ReproduceResult> {
  const start = performance.now();
  const log = options.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const preset = options.experimentPreset ?? getExperimentPreset(options.preset);
  const dirs: ReproduceDirs = { ...defaultDirs(options.preset), ...(options.dirs ?? {}) };
  const state = readState(dirs.state);
  const mine = (state.presets[options.preset] ??= {});
  const saveState = () => {
    openFileOutput(dirs.state, { kind: STATE_OUTPUT }).write(`${JSON.stringify(state, null, 2)}\n`);
  };
  const stages: StageReport[] = [];
  const code = codeHashes();
  const sources = sourcesHash();
  // The GPU gate is decided once for every stage: what this machine plans is part of each stage's inputs, so a
  // machine that gains a GPU adapter runs the GPU experiments and rewrites the results.
  const gate = await plannedExperiments(preset, options.gpu);
  if (gate.skipped.length) log(`[reproduce ${options.preset}] ${skippedLine(gate.skipped)}`);
  const planned = gate.experiments.map((e) => e.id);
  const planHash = hashJson({ preset, MIXES, RUNS, EXPERIMENTS, planned });
  let experimentResult: ExperimentRunResult | undefined;
  let failed = false;

  const stage = async (
    name: StageName,
    inputHash: () => string,
    outputsExist: () => boolean,
    body: () => Promise<string>,
    recordAfter = false,
  ) => {
    const i = STAGES.indexOf(name) + 1;
    const t0 = performance.now();
    const tag = `[reproduce ${options.preset}] stage ${i}/${STAGES.length} ${name}`;
    if (failed) {
      stages.push({ stage: name, status: 'skipped', reason: 'an earlier stage failed', seconds: 0, inputHash: null });
      log(`${tag}: skipped (an earlier stage failed)`);
      return;
    }
    const before = inputHash();
    if (!options.force && mine[name]?.inputHash === before && outputsExist()) {
      stages.push({
        stage: name,
        status: 'skipped',
        reason: 'inputs unchanged (content hash)',
        seconds: 0,
        inputHash: before,
      });
      log(`${tag}: skipped, inputs unchanged (${before.slice(0, 12)})`);
      return;
    }
    log(`${tag}: running`);
    try {
      const reason = await body();
      const seconds = Number(((performance.now() - t0) / 1000).toFixed(1));
      const h = recordAfter ? inputHash() : before;
      mine[name] = { inputHash: h, finishedAt: new Date().toISOString(), seconds };
      saveState();
      stages.push({ stage: name, status: 'ran', reason, seconds, inputHash: h });
      log(`${tag}: done in ${seconds} s (${reason})`);
    } catch (err) {
      failed = true;
      const seconds = Number(((performance.now() - t0) / 1000).toFixed(1));
      stages.push({ stage: name, status: 'failed', reason: (err as Error).message, seconds, inputHash: before });
      log(`${tag}: FAILED after ${seconds} s: ${(err as Error).message}`);
    }
  };
  const run = (mixesOnly: boolean) =>
    runExperiments({
      preset,
      runsDir: dirs.runs,
      workers: options.workers,
      force: options.force,
      log,
      mixesOnly,
      gpu: gate.gpu,
    });

  await stage(
    'curate',
    () => hashJson({ planHash, code: code.mix, run: code.run, sources }),
    () => existsSync(join(dirs.runs, 'mixes')),
    async () => {
      const r = await run(true);
      return `${r.counts.mixesBuilt} mixes built, ${r.counts.mixesReused} reused`;
    },
  );
  const expHash = () => hashJson({ planHash, code, sources });
  await stage(
    'experiments',
    expHash,
    () => existsSync(join(dirs.results, RESULTS_FILE)),
    async () => {
      experimentResult = await run(false);
      const c = experimentResult.counts;
      return `${c.runsTrained} runs trained, ${c.runsReevaluated} re-evaluated, ${c.runsReused} reused`;
    },
  );
  const resultsCode = () => treeHash(['src/experiments', 'src/report', 'data/paper']);
  await stage(
    'results',
    () =>
      hashJson({
        exp: expHash(),
        code: resultsCode(),
        images: options.images ?? true,
        transformer: filesHash(dirs.results, [TRANSFORMER_ABLATION_FILE]),
      }),
    () => existsSync(join(dirs.results, RESULTS_FILE)),
    async () => {
      experimentResult ??= await run(false); // every job is reused: this only reads the run records back
      // The transformer ablation is its own experiment: its committed results are reused by content hash (nothing
      // is trained here), and labelled stale where this checkout's code or plan gives its runs other hashes.
      const committed = readAblationResults(dirs.results);
      const transformer = committed
        ? await reuseCommittedAblation(committed, { runsDir: dirs.runs, gpu: options.gpu, log })
        : null;
      if (transformer && !transformer.status.current)
        log(
          `[reproduce ${options.preset}] transformer ablation: committed results kept, ` +
            `stale: ${transformer.status.why}`,
        );
      const w = await writeResults(experimentResult, { outDir: dirs.results, images: options.images, transformer });
      // Only the full preset speaks for the project: its headline goes into the README's results section.
      const readme =
        options.preset === 'full' && updateReadmeResults(fromRoot('README.md'), dirs.results)
          ? '; README results updated'
          : '';
      return `${w.files.length} files in ${dirs.results}${w.notes.length ? `; ${w.notes.join('; ')}` : ''}${readme}`;
    },
  );
  await stage(
    'figures',
    () =>
      hashJson({
        ours: filesHash(dirs.results, Object.values(OURS_FILES)),
        code: treeHash(['src/report', 'src/losses', 'data/paper']),
        sources,
        images: options.images ?? true,
      }),
    () => existsSync(join(dirs.figures, 'README.md')),
    async () => {
      const bundle = readResultsBundle(dirs.results);
      const r = await regenerateFigures({
        outDir: dirs.figures,
        resultsDir: dirs.results,
        images: options.images,
        differences: bundle ? figureDifferences(bundle) : undefined,
      });
      return `${r.tables.length} tables, ${r.figures.length} figures; ours from ${r.ours.found.join(', ') || 'none'}`;
    },
  );
  if (options.notebooks === false) {
    stages.push({ stage: 'notebooks', status: 'skipped', reason: '--no-notebooks', seconds: 0, inputHash: null });
    log(`[reproduce ${options.preset}] stage 5/5 notebooks: skipped (--no-notebooks)`);
  } else {
    const api = await notebookApi();
    const missing = typeof api === 'string' ? api : api.notebookToolsMissing();
    if (missing) {
      stages.push({
        stage: 'notebooks',
        status: 'skipped',
        reason: `notebook runtime missing: ${missing}`,
        seconds: 0,
        inputHash: null,
      });
      log(`[reproduce ${options.preset}] stage 5/5 notebooks: skipped, the notebook runtime is missing (${missing})`);
    } else {
      const nb = api as NotebookApi;
      await stage(
        'notebooks',
        () =>
          hashJson({
            nb: notebookSourcesHash(),
            src: treeHash(['src', 'scripts']),
            results: filesHash(dirs.results, [RESULTS_FILE, ...Object.values(OURS_FILES)]),
            quick: options.preset === 'quick',
          }),
        () => true,
        async () => {
          nb.prepareNotebookRuntime(true);
          const bad: string[] = [];
          let n = 0;
          for (const path of nb.listNotebooks()) {
            const r = nb.runNotebook(path, { quick: options.preset === 'quick' });
            n++;
            log(
              `[reproduce ${options.preset}]   notebook ${r.notebook}: ${r.ok ? 'ok' : 'FAILED'} in ` +
                `${r.seconds.toFixed(1)} s`,
            );
            if (!r.ok) bad.push(`${r.notebook}: ${(r.error ?? '').split('\n').slice(-6).join(' ')}`);
          }
          if (bad.length) throw new Error(`${bad.length} of ${n} notebooks failed: ${bad.join(' | ')}`);
          return `${n} notebooks executed`;
        },
        true,
      );
    }
  }
  const totalSeconds = Number(((performance.now() - start) / 1000).toFixed(1));
  log(
    `[reproduce ${options.preset}] total ${totalSeconds} s: ` +
      `${stages.map((s) => `${s.stage} ${s.status}${s.status === 'ran' ? ` ${s.seconds} s` : ''}`).join(', ')}`,
  );
  return { preset: options.preset, dirs, stages, totalSeconds, counts: experimentResult?.counts, ok: !failed };
}
