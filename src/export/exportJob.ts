// `rmw export trl|openrlhf` as a library call: plan the job from the mix and the base model, write the data files,
// the engine's configs and launch script, the README and the manifest (job.json: every value with its source, the
// estimate, the files with their sha256), into a folder that holds nothing else.
import { resolve } from 'node:path';
import { EXPORT_DEFAULTS } from '../config/defaults.js';
import { resolveBaseModel, DEFAULT_BASE_MODEL } from './baseModels.js';
import { DOCS } from './docs.js';
import { writeEngineData } from './engineData.js';
import { OutputFolder, MANIFEST, type WrittenFile } from './jobFolder.js';
import { planJob, type JobPlan } from './jobPlan.js';
import { jobReadme, type Engine } from './jobReadme.js';
import { OPENRLHF_SCRIPT, writeOpenRlhfJob } from './openrlhf.js';
import { TRL_FILES, writeTrlJob } from './trl.js';

export const ENGINES: readonly Engine[] = ['trl', 'openrlhf'];

export interface ExportJobOptions {
  engine: Engine;
  mixDir: string;
  outDir: string;
  baseModel?: string;
  /** PARAMS_B:LAYERS:HIDDEN:CONTEXT for a base model the exporter does not list. */
  modelShape?: string;
  gpus?: number;
}

export interface ExportJobResult {
  engine: Engine;
  out: string;
  baseModel: string;
  mix: { dir: string; trainSha256: string; trainPairs: number; heldOutPairs: number };
  launch: string;
  layout: JobPlan['layout'];
  maxLength: number;
  estimate: JobPlan['cost'];
  files: WrittenFile[];
}

const FILE_NOTES: Record<string, string> = {
  'data/train.parquet': 'training pairs (conversational preference layout, implicit prompt)',
  'data/eval.parquet': "the mix's held-out pairs, for evaluation",
  [TRL_FILES.config]: 'RewardConfig values, model and data, each with its source',
  [TRL_FILES.accelerate]: 'accelerate launcher config: DeepSpeed, processes per node',
  [TRL_FILES.deepspeed]: 'DeepSpeed ZeRO-3 config ("auto" values come from reward_config.yaml)',
  [TRL_FILES.script]: 'the training program (TRL RewardTrainer)',
  [TRL_FILES.launch]: 'runs the job',
  [OPENRLHF_SCRIPT]: 'runs openrlhf.cli.train_rm with every flag and its source',
  'README.md': 'this file',
  [MANIFEST]: 'the job as data: values and sources, estimate, files and their sha256',
};

export async function exportJob(o: ExportJobOptions): Promise<ExportJobResult> {
  if (!ENGINES.includes(o.engine)) throw new Error(`engine must be one of ${ENGINES.join(', ')}, got "${o.engine}"`);
  const base = resolveBaseModel(o.baseModel ?? DEFAULT_BASE_MODEL, o.modelShape);
  const outDir = resolve(o.outDir);
  const out = new OutputFolder(outDir, o.engine); // refuses a folder with files it did not write, before any work
  const plan = await planJob(resolve(o.mixDir), base, o.gpus ?? EXPORT_DEFAULTS.gpus);
  const data = writeEngineData(out, plan.mix);
  const { launch } = o.engine === 'trl' ? writeTrlJob(out, plan, data) : writeOpenRlhfJob(out, plan, data);
  const listed = [...out.files().map((f) => f.path), 'README.md', MANIFEST];
  out.write(
    'README.md',
    jobReadme({
      engine: o.engine,
      plan,
      data,
      launch,
      files: listed.map((path) => ({ path, what: FILE_NOTES[path] ?? '' })),
    }),
  );
  const result = {
    engine: o.engine,
    out: outDir,
    baseModel: base.id,
    mix: {
      dir: plan.mix.dir,
      trainSha256: plan.mix.trainSha256,
      trainPairs: plan.mix.train.length,
      heldOutPairs: plan.mix.heldOut.length,
    },
    launch,
    layout: plan.layout,
    maxLength: plan.hparams.maxLength.value,
    estimate: plan.cost,
  };
  const files = out.finish({
    ...result,
    base,
    hparams: plan.hparams,
    lengths: plan.lengths,
    capped: plan.capped,
    data,
    docs: Object.values(DOCS),
  });
  return { ...result, files };
}
