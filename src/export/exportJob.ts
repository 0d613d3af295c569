// `rmw export trl|openrlhf` as a library call: plan the job from the mix and the base model, write the data files,
// the engine's configs and launch script, the README and the manifest (job.json: every value with its source, the
// estimate, the files with their sha256), into a folder that holds nothing else (published whole, jobFolder.ts).
import { resolve } from 'node:path';
import { EXPORT_DEFAULTS } from '../config/defaults.js';
import { mixInputs } from '../curate/readMix.js';
import { resolveBaseModel, DEFAULT_BASE_MODEL, type BaseModel } from './baseModels.js';
import { DOCS } from './docs.js';
import { writeEngineData } from './engineData.js';
import { resolveExportLoss } from './exportLoss.js';
import { loadOpenRlhfEras, OPENRLHF_FLAGS_FILE } from './openrlhfEras.js';
import { REWARD_POSITION_FILE, REWARD_POSITIONS, rewardPositionJson } from './rewardPosition.js';
import { DATA_CARD, dataCard } from './dataCard.js';
import type { EngineData } from './engineData.js';
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
  /** bt (default) or bt-margin; any other loss is refused (neither engine has it). */
  loss?: string;
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
  loss: string;
  /** Rows the template rule rewrote or dropped, train and eval (the data card has the reasons). */
  roles: { train: EngineDataRoles; eval?: EngineDataRoles };
}

type EngineDataRoles = EngineData['train']['roles'];

const FILE_NOTES: Record<string, string> = {
  'data/train.parquet': 'training pairs (conversational preference layout, implicit prompt)',
  'data/eval.parquet': "the mix's held-out pairs, for evaluation",
  [TRL_FILES.config]: 'RewardConfig values, model and data, each with its source',
  [TRL_FILES.accelerate]: 'accelerate launcher config: DeepSpeed, processes per node',
  [TRL_FILES.deepspeed]: 'DeepSpeed ZeRO-3 config ("auto" values come from reward_config.yaml)',
  [TRL_FILES.script]: 'the training program (TRL RewardTrainer)',
  [TRL_FILES.launch]: 'runs the job',
  [OPENRLHF_SCRIPT]: 'picks the flags of the installed OpenRLHF release and runs openrlhf.cli.train_rm',
  [REWARD_POSITION_FILE]: 'where the engine reads the reward; copied beside the trained model for score_pairs.py',
  [DATA_CARD]: 'what the chat-template rule merged or dropped, with counts and reasons; the margin column',
  'README.md': 'this file',
  [MANIFEST]: 'the job as data: values and sources, estimate, files and their sha256',
};

export async function exportJob(o: ExportJobOptions): Promise<ExportJobResult> {
  if (!ENGINES.includes(o.engine)) throw new Error(`engine must be one of ${ENGINES.join(', ')}, got "${o.engine}"`);
  const base = resolveBaseModel(o.baseModel ?? DEFAULT_BASE_MODEL, o.modelShape);
  resolveExportLoss(o.loss); // refused before any folder is opened
  const outDir = resolve(o.outDir);
  // refuses a folder with files it did not write, and the mix itself, before any work
  const out = new OutputFolder(outDir, o.engine, mixInputs(resolve(o.mixDir), '--mix'));
  try {
    return await writeJob(o, out, base, outDir);
  } finally {
    out.abandon();
  }
}

async function writeJob(
  o: ExportJobOptions,
  out: OutputFolder,
  base: BaseModel,
  outDir: string,
): Promise<ExportJobResult> {
  const plan = await planJob(resolve(o.mixDir), base, o.gpus ?? EXPORT_DEFAULTS.gpus);
  const loss = resolveExportLoss(o.loss);
  const data = writeEngineData(out, plan.mix, base, loss);
  const { launch } = o.engine === 'trl' ? writeTrlJob(out, plan, data) : writeOpenRlhfJob(out, plan, data, loss);
  out.write(REWARD_POSITION_FILE, rewardPositionJson(o.engine));
  out.write(DATA_CARD, dataCard(plan, data));
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
    loss,
    roles: { train: data.train.roles, ...(data.eval ? { eval: data.eval.roles } : {}) },
  };
  const files = out.finish({
    ...result,
    base,
    hparams: plan.hparams,
    lengths: plan.lengths,
    capped: plan.capped,
    data,
    rewardPosition: REWARD_POSITIONS[o.engine],
    ...(o.engine === 'openrlhf' ? { openrlhfEras: { file: OPENRLHF_FLAGS_FILE, eras: loadOpenRlhfEras() } } : {}),
    docs: Object.values(DOCS),
  });
  return { ...result, files };
}
