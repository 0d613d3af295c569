// Turns an experiment run into the committed results: summaries per experiment (variants, baselines, seed-paired
// differences), the report's "ours" files (OURS_FILES in src/report/oursInputs.ts), the n-gram contamination
// table, and the JudgeBench leaderboard with the five real reward models.
import { join } from 'node:path';
import { readPairsParquet } from '../data/io/hfParquet.js';
import type { PreferencePair } from '../data/schema.js';
import { loadBenchmarkPrompts } from '../curate/recipes/benchmarks.js';
import { WORKBENCH_SPEC } from '../curate/recipes/workbench.js';
import { taskGroup } from '../curate/categories.js';
import { compositionStatistics } from '../curate/composition.js';
import { contaminationTable, type ContaminationTable } from '../eval/contamination.js';
import { judgeBenchReferenceLeaderboard, type ReferenceRow } from '../eval/judgebench.js';
import type {
  OursCategories,
  OursComposition,
  OursDecontamination,
  OursScoreFile,
  OursScoreRow,
} from '../report/oursInputs.js';
import { REWARDBENCH_SECTIONS } from '../data/rewardbenchSections.js';
import {
  HEADLINE_METRICS,
  pairedDifferences,
  summarizeEvaluations,
  summarizeVariant,
  type Difference,
  type MetricSummary,
  type VariantSummary,
} from './aggregate.js';
import type { SkippedExperiment } from './gpuGate.js';
import type { ExperimentId } from './plan.js';
import type { ExperimentRunResult } from './runner.js';
import type { TransformerSizing } from './transformerSizing.js';

export interface BaselineSummary {
  name: string;
  label: string;
  seeds: number[];
  metrics: Record<string, MetricSummary>;
}

export interface ExperimentSummary {
  id: ExperimentId;
  title: string;
  paper: string;
  question: string;
  reference: string;
  variants: VariantSummary[];
  /** Each non-reference variant minus the reference, seed-paired, on the headline metrics and the extra ones. */
  differences: Record<string, Difference[]>;
  /** An experiment merged in from its own run (the transformer ablation): its preset, where it is not the bundle's. */
  preset?: { name: string; description: string; seeds: number[] };
}

export interface ResultsBundle {
  format: 'rmw-experiment-results/1';
  preset: {
    name: string;
    description: string;
    seeds: number[];
    trainPreset: string;
    train: Record<string, unknown>;
    model: Record<string, unknown>;
    /** Transformer overrides (presets that train the transformer). */
    transformer?: Record<string, unknown>;
    resamples: number;
  };
  code: Record<string, string>;
  experiments: ExperimentSummary[];
  /** Experiments of the preset that were not run (one that needs a GPU, on a machine without one), with why. */
  skipped?: SkippedExperiment[];
  baselines: BaselineSummary[];
  mixes: Record<
    string,
    {
      description: string;
      sha256: string;
      trainPairs: number;
      heldOutPairs: number;
      composition: { before: Record<string, number>; after: Record<string, number> };
      decontamination: unknown;
      steps: { step: string; scope?: string; input: number; kept: number }[];
    }
  >;
  contamination: ContaminationTable[];
  /** Dataset label per contamination row source (mix id -> label). */
  contaminationLabels: Record<string, string>;
  judgebenchReference: ReferenceRow[];
  runs: {
    runId: string;
    seed: number;
    key: string;
    mix: string;
    dataHash: string;
    steps: number;
    trainPairs: number;
    gitCommit: string | null;
    /** The model kind (absent in results written before it was recorded: bow). */
    model?: string;
    backend: string;
    /** The WebGPU adapter a device-step run trained on. */
    adapter?: string | null;
    seconds: { train: number; eval: number };
  }[];
  seconds: number;
  /**
   * The transformer loss ablation, merged in from its committed results (transformerAblation.ts): its size and
   * stopping per backend, what it cost, its own baselines (same held-out pairs, its seeds) and whether the committed
   * results are current on this checkout.
   */
  transformerAblation?: {
    sizing: TransformerSizing;
    sizingLine: string;
    cost: AblationCost;
    command: string;
    seeds: number[];
    baselines: BaselineSummary[];
    status: AblationStatus;
  };
}

/** What one run cost and where it stopped. */
export interface AblationRunCost {
  runId: string;
  seed: number;
  steps: number;
  /** The step whose weights were kept (lowest validation loss), and the step training stopped at (null: all). */
  bestStep: number | null;
  stoppedAtStep: number | null;
  trainSeconds: number;
  evalSeconds: number;
}

/** What the transformer ablation cost. */
export interface AblationCost {
  /**
   * Wall-clock seconds of the command that trained the runs (in parallel on the worker pool); null when the command
   * that wrote the file trained nothing (every run reused) and no earlier file of the same runs recorded it.
   */
  wallSeconds: number | null;
  workers: number;
  trainSeconds: number;
  evalSeconds: number;
  runs: AblationRunCost[];
}

/** Where the committed results stand on this checkout (set by reproduce; absent: as written). */
export interface AblationStatus {
  current: boolean;
  /** Why the committed results are not current (code or plan changed since they were computed). */
  why?: string;
}

const BASELINE_LABELS: Record<string, string> = {
  'longer-response-wins': 'baseline: longer response wins',
  'shorter-response-wins': 'baseline: shorter response wins',
  random: 'baseline: random',
};

/** Metrics beyond the headline ones that an experiment's question is about. */
export const EXTRA_METRICS: Partial<Record<ExperimentId, string[]>> = {
  decontamination: ['lite/alpacaeval (proxy)', 'rmbench/chat/avg', 'held-out/alpacaeval-bon'],
  'safety-filter': [
    'held-out/hh-harmless',
    'lite/refusals (proxy)',
    'lite/xstest-should-refuse',
    'lite/xstest-should-respond',
    'rmbench/safety/avg',
  ],
  'offsets-topk': ['held-out/alpacaeval-bon', 'held-out/ultrafeedback', 'held-out/gsm8k'],
  'data-ablation': ['held-out/alpacaeval-bon', 'rmbench/hard', 'rmbench/easy'],
  judgebench: ['judgebench/knowledge', 'judgebench/reasoning', 'judgebench/math', 'judgebench/coding'],
};

/** Unique prompts of a pair list (the contamination table counts prompts, not pairs). */
function uniquePrompts(pairs: readonly PreferencePair[], source: string) {
  const seen = new Map<string, { id: string; prompt: PreferencePair['prompt'] }>();
  for (const p of pairs) {
    const k = JSON.stringify(p.prompt);
    if (!seen.has(k)) seen.set(k, { id: `${source}:${seen.size}`, prompt: p.prompt });
  }
  return [...seen.values()];
}

export const CONTAMINATION_MIXES: Record<string, string> = {
  uncurated: 'workbench uncurated pool (378K / 700K role)',
  'no-decontam': 'workbench curated, not decontaminated',
  'contaminated-alpacaeval': 'workbench curated + contaminated AlpacaEval pairs (v0.1 role)',
  curated: 'workbench curated, decontaminated (v0.2 role)',
};

export async function contaminationTables(
  mixDirs: Record<string, string>,
  ns: readonly number[] = [7, 13],
): Promise<ContaminationTable[]> {
  const bench = (await loadBenchmarkPrompts()).map((b) => ({ id: `${b.benchmark}:${b.id}`, prompt: b.text }));
  const train: Record<string, { id: string; prompt: PreferencePair['prompt'] }[]> = {};
  for (const [id, dir] of Object.entries(mixDirs))
    train[id] = uniquePrompts(await readPairsParquet(join(dir, 'train.parquet')), id);
  return ns.map((n) => contaminationTable(train, bench, n));
}

export async function summarizeResults(r: ExperimentRunResult): Promise<ResultsBundle> {
  const pairsOf = (mix: string) => r.mixes[mix].trainPairs;
  const experiments: ExperimentSummary[] = r.experiments.map((e) => {
    // Runs with a validation split train on the mix minus that split: their own count, not the mix's.
    const trainPairs = (id: string) =>
      r.runs[id][0].validation ? r.runs[id][0].trainPairs : pairsOf(r.runs[id][0].mix.id);
    const variants = e.runs.map((id) => summarizeVariant(id, e.labels[id] ?? id, r.runs[id], trainPairs(id)));
    const metrics = [...HEADLINE_METRICS.map((m) => m.key), ...(EXTRA_METRICS[e.id] ?? [])];
    const differences: Record<string, Difference[]> = {};
    for (const v of variants.slice(1)) differences[v.runId] = pairedDifferences(variants[0], v, metrics);
    return {
      id: e.id,
      title: e.title,
      paper: e.paper,
      question: e.question,
      reference: e.runs[0],
      variants,
      differences,
    };
  });
  // Key order is canonical (jobs.ts executeJob), so a fresh evaluation and a reused one list baselines alike.
  const baselines: BaselineSummary[] = Object.entries(r.baselines.baselines).map(([name, evs]) => ({
    name,
    label: BASELINE_LABELS[name] ?? name,
    seeds: evs.map((e) => e.seed),
    metrics: summarizeEvaluations(evs.map((e) => e.evaluation)),
  }));
  const contamDirs = Object.fromEntries(
    Object.keys(CONTAMINATION_MIXES)
      .filter((m) => r.mixes[m])
      .map((m) => [m, join(r.runsDir, 'mixes', m)]),
  );
  const p = r.preset;
  return {
    format: 'rmw-experiment-results/1',
    preset: {
      name: p.name,
      description: p.description,
      seeds: p.seeds,
      trainPreset: p.trainPreset,
      train: p.train,
      model: p.model,
      ...(p.transformer ? { transformer: p.transformer } : {}),
      resamples: p.resamples,
    },
    code: r.code,
    experiments,
    ...(r.skipped.length ? { skipped: r.skipped } : {}),
    baselines,
    mixes: Object.fromEntries(
      Object.entries(r.mixes).map(([id, m]) => [
        id,
        {
          description: m.description,
          sha256: m.sha256,
          trainPairs: m.trainPairs,
          heldOutPairs: m.heldOutPairs,
          composition: m.composition,
          decontamination: m.decontamination,
          steps: m.steps,
        },
      ]),
    ),
    contamination: await contaminationTables(contamDirs),
    contaminationLabels: CONTAMINATION_MIXES,
    judgebenchReference: await judgeBenchReferenceLeaderboard(),
    runs: Object.values(r.runs)
      .flat()
      .map((x) => ({
        runId: x.runId,
        seed: x.seed,
        key: x.key,
        mix: x.mix.id,
        dataHash: x.mix.sha256,
        steps: x.steps,
        trainPairs: x.trainPairs,
        gitCommit: x.gitCommit,
        model: x.model.kind,
        backend: x.model.backend,
        ...(x.model.adapter !== undefined ? { adapter: x.model.adapter } : {}),
        seconds: x.seconds,
      })),
    seconds: r.seconds,
  };
}

const iv = (m: MetricSummary | undefined): [number, number] | undefined => m?.ci95;

/** The report's score row for a variant or baseline (RewardBench-lite sections, percent). */
export function oursScoreRow(
  label: string,
  metrics: Record<string, MetricSummary>,
  facts: { seeds: number[]; config: string; backend: string; dataHash: string; loss?: string },
): OursScoreRow {
  const sections = Object.fromEntries(
    REWARDBENCH_SECTIONS.map((s) => [s, metrics[`lite/${s}`].mean]),
  ) as OursScoreRow['sections'];
  const ciSections = Object.fromEntries(
    REWARDBENCH_SECTIONS.flatMap((s) => (iv(metrics[`lite/${s}`]) ? [[s, iv(metrics[`lite/${s}`])!]] : [])),
  );
  const score = metrics['lite/score'];
  return {
    label,
    sections,
    score: score.mean,
    ...(score.ci95 ? { ci: { score: score.ci95, sections: ciSections } } : {}),
    seeds: facts.seeds,
    config: facts.config,
    backend: facts.backend,
    dataHash: facts.dataHash,
    ...(facts.loss ? { loss: facts.loss } : {}),
  };
}

const variantRow = (v: VariantSummary, label = v.label, loss?: string) =>
  oursScoreRow(label, v.metrics, {
    seeds: v.seeds,
    config: v.config,
    backend: v.backend,
    dataHash: v.mix.sha256,
    loss,
  });
const baselineRow = (b: BaselineSummary) =>
  oursScoreRow(b.label, b.metrics, {
    seeds: b.seeds,
    config: 'no training: a rule',
    backend: 'none',
    dataHash: 'none',
  });

export interface OursFiles {
  leaderboard: OursScoreFile;
  lossAblation: OursScoreFile;
  decontamination: OursDecontamination;
  composition: OursComposition;
  categories: OursCategories;
}

/** The report's result files (src/report/oursInputs.ts shapes) from the bundle and the curated mix's pairs. */
export function oursFiles(b: ResultsBundle, curatedTrain: readonly PreferencePair[]): OursFiles {
  const exp = (id: ExperimentId) => b.experiments.find((e) => e.id === id);
  const data = exp('data-ablation'),
    loss = exp('loss-ablation'),
    dec = exp('decontamination');
  const note =
    `Workbench bow models trained from scratch on the offline data (preset ${b.preset.name}), scored ` +
    `on RewardBench-lite; mean over seeds ${b.preset.seeds.join(', ')} with t-based 95% CI.`;
  const curated = b.mixes.curated;
  const contam7 = b.contamination.find((t) => t.n === 7);
  const aiJudged = new Set([...WORKBENCH_SPEC.aiJudged, 'gsm8k']);
  const cats: Record<string, number> = {};
  for (const p of curatedTrain)
    if (aiJudged.has(p.source)) cats[taskGroup(p.category)] = (cats[taskGroup(p.category)] ?? 0) + 1;
  return {
    leaderboard: { note, rows: [...(data?.variants.map((v) => variantRow(v)) ?? []), ...b.baselines.map(baselineRow)] },
    lossAblation: { note, rows: loss?.variants.map((v) => variantRow(v, 'bow, curated mix', v.label)) ?? [] },
    decontamination: {
      note:
        `${note} Contamination: word 7-grams (src/eval/contamination.ts) of each mix's unique training ` +
        `prompts against every benchmark prompt held offline.`,
      contamination: (contam7?.rows ?? []).map((row) => ({
        dataset: b.contaminationLabels[row.source] ?? row.source,
        benchmarkPromptsMatched: row.benchmarkPromptsHit,
        contaminatedPrompts: row.contaminatedPrompts,
        benchmarkPrompts: contam7!.benchmarkPrompts,
        trainingPrompts: row.prompts,
      })),
      models: dec?.variants.map((v) => variantRow(v)) ?? [],
    },
    composition: {
      label: 'workbench curated mix (ours)',
      dataHash: curated?.sha256 ?? 'none',
      config: `recipe workbench, all tricks on, mix seed 1`,
      before: Object.entries(curated?.composition.before ?? {}).map(([source, pairs]) => ({ source, pairs })),
      // Table 1's turns and tokens, measured on the mix's training pairs (the counts alone when they are absent).
      after: curatedTrain.length
        ? compositionStatistics(curatedTrain)
        : Object.entries(curated?.composition.after ?? {}).map(([source, pairs]) => ({ source, pairs })),
    },
    categories: {
      label:
        'workbench curated mix, AI-judged + GSM8K pairs (Magpie role), in the three groups top-k ranks by ' +
        '(math / code / other)',
      dataHash: curated?.sha256 ?? 'none',
      rows: Object.entries(cats)
        .sort((a, z) => z[1] - a[1])
        .map(([category, count]) => ({ category, count })),
    },
  };
}
