// `rmw train`: train a reward model on preference pairs into a run folder (src/train/trainRun.ts). Before training
// it refuses loss parameters the chosen loss would ignore, and, when --eval names held-out pairs, measures their
// overlap with the training pairs (src/train/overlap.ts): reported always, refused past MAX_OVERLAP.
import { trainRun, type TrainRunResult } from '../train/trainRun.js';
import type { TrainConfig } from '../train/config.js';
import type { DeviceStepReport } from '../train/deviceSteps.js';
import { readPairsSpec } from '../train/readPairs.js';
import { describeOverlap, MAX_OVERLAP, overLimit, pairOverlap, type PairOverlap } from '../train/overlap.js';
import { getLoss, lossNames } from '../losses/registry.js';
import { DEFAULT_BOW_CONFIG } from '../model/bow/model.js';
import { DEFAULT_SEED, RUN_DEFAULTS, TRAIN_DEFAULTS, TRAIN_PRESETS } from '../config/defaults.js';
import { defineCommand, type FlagSpec, type FlagValues } from './flags.js';
import { checkLossReads, LOSS_PARAM_FLAGS, lossParamsFromFlags } from './lossFlags.js';
import { UsageError } from './errors.js';

/** "2 (quick: 3)": a trainer setting's default under the full preset, and the quick preset's where it differs. */
function presetDefault(key: keyof TrainConfig): string {
  const full = TRAIN_PRESETS.full.train[key] ?? TRAIN_DEFAULTS[key];
  const quick = TRAIN_PRESETS.quick.train[key] ?? TRAIN_DEFAULTS[key];
  const show = (v: unknown) => (v === null ? 'none' : String(v));
  return quick === full ? show(full) : `${show(full)} (quick: ${show(quick)})`;
}

/** "18 (quick: 14)": a bow model setting's default, and the quick preset's where it differs. */
function bowDefault(key: 'hashBits' | 'hidden'): string {
  const quick = TRAIN_PRESETS.quick.bow[key] ?? DEFAULT_BOW_CONFIG[key];
  return `${DEFAULT_BOW_CONFIG[key]}${quick !== DEFAULT_BOW_CONFIG[key] ? ` (quick: ${quick})` : ''}`;
}

/** A trainer setting as a flag, its default shown from the presets. */
function trainFlag<T extends 'number' | 'integer'>(type: T, key: keyof TrainConfig, help: string, min = 0) {
  return { type, min, help, defaultText: presetDefault(key) } satisfies FlagSpec;
}

const FLAGS = {
  data: {
    type: 'string',
    required: true,
    arg: '<pairs>',
    help: 'pairs file(s) (.jsonl, .arrow, .parquet) or source id(s), comma-separated',
  },
  eval: {
    type: 'string',
    arg: '<pairs>',
    help: 'held-out pairs; without it a prompt-hash fraction of --data is held out',
  },
  'held-out': {
    type: 'number',
    min: 0,
    arg: 'F',
    help: 'fraction of prompts held out by hash when --eval is absent',
    defaultText: String(RUN_DEFAULTS.heldOutFraction),
  },
  'allow-overlap': {
    type: 'boolean',
    help: `train even when over ${100 * MAX_OVERLAP}% of the --eval pairs share a prompt with --data`,
  },
  model: { type: 'string', arg: 'bow|transformer', default: RUN_DEFAULTS.model, help: 'reward model' },
  loss: { type: 'string', arg: '<name>', default: RUN_DEFAULTS.loss, help: `loss: ${lossNames().join(', ')}` },
  ...LOSS_PARAM_FLAGS,
  'margin-from-pairs': { type: 'boolean', help: "hinge, margin-mse: read each pair's margin instead of --m" },
  seed: { type: 'integer', min: 0, default: DEFAULT_SEED, help: 'seed of initial weights, batches and sampling' },
  preset: {
    type: 'string',
    choices: Object.keys(TRAIN_PRESETS),
    default: RUN_DEFAULTS.preset,
    help: 'quick (CI, seconds) or full (minutes on 2 cores)',
  },
  steps: {
    type: 'integer',
    min: 1,
    help: 'stop after N optimizer steps',
    defaultText: `every epoch's (quick: ${TRAIN_PRESETS.quick.train.maxSteps})`,
  },
  epochs: trainFlag('integer', 'epochs', 'passes over the training pairs', 1),
  lr: { ...trainFlag('number', 'lr', 'peak learning rate (AdamW)'), above: 0 },
  batch: trainFlag('integer', 'batchSize', 'pairs per step', 1),
  'weight-decay': trainFlag('number', 'weightDecay', 'AdamW weight decay'),
  clip: trainFlag('number', 'clipNorm', 'clip the global gradient norm (0: off)'),
  'eval-every': trainFlag('integer', 'evalEvery', 'evaluate every N steps (0: at the end only)'),
  'checkpoint-every': trainFlag('integer', 'checkpointEvery', 'checkpoint every N steps (0: never)'),
  'log-every': trainFlag('integer', 'logEvery', 'device steps (transformer): read loss and accuracy every N steps', 1),
  'hash-bits': {
    type: 'integer',
    // the bow model's own bounds (src/model/bow/model.ts), checked here before any data is read
    min: 4,
    max: 24,
    arg: 'K',
    help: 'bow: 2^K hashed feature buckets',
    defaultText: bowDefault('hashBits'),
  },
  hidden: { type: 'integer', min: 1, arg: 'H', help: 'bow: hidden width', defaultText: bowDefault('hidden') },
  'max-tokens': {
    type: 'integer',
    min: 2,
    help: 'token budget per item (the response keeps 3/4 of it)',
    defaultText: `${TRAIN_PRESETS.full.chatFormat.maxTokens} (quick: ${TRAIN_PRESETS.quick.chatFormat.maxTokens})`,
  },
  out: { type: 'string', required: true, arg: '<run dir>', help: 'run folder (run.json, weights.bin, checkpoints)' },
  resume: { type: 'boolean', help: 'continue a killed run from its last checkpoint (same weights as uninterrupted)' },
  force: {
    type: 'boolean',
    help: 'replace a finished run in --out (whole, when the new one is done) or discard an unfinished one',
  },
} as const;

type TrainFlags = FlagValues<typeof FLAGS>;

/** The overlap of --eval with --data (read once here for the check; trainRun reads them again for the record). */
async function checkOverlap(flags: TrainFlags): Promise<PairOverlap | undefined> {
  if (flags.eval === undefined) return undefined;
  const [train, held] = [await readPairsSpec(flags.data), await readPairsSpec(flags.eval)];
  const overlap = pairOverlap(train.pairs, held.pairs);
  if (overLimit(overlap) && !flags['allow-overlap']) {
    throw new UsageError(
      `--eval overlaps --data: ${describeOverlap(overlap)}. Held-out accuracy on these pairs would measure memory, ` +
        `not generalisation; use held-out pairs that share no prompt with training (rmw curate writes ` +
        `heldout.parquet), drop --eval to hold out a prompt-hash fraction, or pass --allow-overlap ` +
        `(limit ${100 * MAX_OVERLAP}%)`,
    );
  }
  if (overlap.samePrompt > 0) process.stderr.write(`rmw train: note: ${describeOverlap(overlap)}\n`);
  return overlap;
}

function checkFlags(flags: TrainFlags): void {
  if (flags.resume && flags.force)
    throw new UsageError('give --resume (continue the unfinished run) or --force (start over), not both');
  if (flags.eval !== undefined && flags['held-out'] !== undefined)
    throw new UsageError('--held-out applies only without --eval (with --eval nothing is held out of --data)');
  if (flags['held-out'] !== undefined && flags['held-out'] >= 1)
    throw new UsageError(`--held-out must be a fraction below 1, got ${flags['held-out']}`);
  const bowOnly = (['hash-bits', 'hidden'] as const).find((k) => flags[k] !== undefined);
  if (bowOnly && flags.model !== 'bow')
    throw new UsageError(`--${bowOnly} applies to the bow model, not ${flags.model}`);
}

export const command = defineCommand({
  name: 'train',
  summary: 'Train a reward model on preference pairs into runs/<id>',
  synopsis: [
    'rmw train --data <pairs .jsonl|.arrow|.parquet or source id[,more]> --model bow|transformer --loss <name>',
    '          [--gamma G --m M --t T --temperature T --center L --margin-from-pairs] --seed N [--preset quick|full]',
    '          [--steps N --epochs N --lr X --batch N --weight-decay X --clip X --eval-every N --checkpoint-every N]',
    '          [--log-every N]',
    '          [--hash-bits K --hidden H] [--max-tokens N] [--eval <pairs> [--allow-overlap]] [--held-out F]',
    '          --out runs/<id> [--resume | --force] [--json]',
  ],
  description: [
    'Holds out a fraction of the data by prompt hash unless --eval names held-out pairs; prints the held-out',
    'accuracy with a 95% Wilson interval. With --eval, the evaluation pairs whose prompt also opens a training pair',
    `are counted and reported; over ${100 * MAX_OVERLAP}% the run is refused unless --allow-overlap (the count is`,
    'kept in run.json). The run folder gets run.json (config, seed, backend, versions, data sha256, git commit,',
    'metrics per step and eval, timings, the sha256 of weights.bin and of every checkpoint) and weights.bin.',
    'Training writes into runs/.<id>.partial and puts the folder in place whole when it finishes; a killed run',
    'continues with --resume to exactly the same weights. An existing run is never overwritten: --force replaces a',
    'finished one (with everything in its folder) or discards an unfinished one; a folder rmw train did not write is',
    'refused, and so is one being written by another process. A loss parameter the chosen loss does not read is',
    'refused.',
  ],
  flags: FLAGS,
  async run(flags): Promise<TrainRunResult & { summary: Record<string, unknown> }> {
    checkFlags(flags);
    const lossParams = lossParamsFromFlags(flags);
    if (flags['margin-from-pairs']) lossParams.marginFromPairs = true;
    checkLossReads(getLoss(flags.loss), lossParams);
    const overlap = await checkOverlap(flags);
    const train: Partial<TrainConfig> = {
      seed: flags.seed,
      maxSteps: flags.steps,
      epochs: flags.epochs,
      lr: flags.lr,
      batchSize: flags.batch,
      weightDecay: flags['weight-decay'],
      clipNorm: flags.clip,
      evalEvery: flags['eval-every'],
      checkpointEvery: flags['checkpoint-every'],
      logEvery: flags['log-every'],
    };
    const modelConfig: Record<string, unknown> = {};
    if (flags['hash-bits'] !== undefined) modelConfig.hashBits = flags['hash-bits'];
    if (flags.hidden !== undefined) modelConfig.hidden = flags.hidden;
    const maxTokens = flags['max-tokens'];
    const result = await trainRun({
      data: flags.data,
      evalData: flags.eval,
      heldOutFraction: flags['held-out'] ?? RUN_DEFAULTS.heldOutFraction,
      model: flags.model,
      modelConfig,
      loss: flags.loss,
      lossParams,
      preset: flags.preset,
      train,
      chatFormat: maxTokens
        ? { maxTokens, maxResponseTokens: Math.min(maxTokens, Math.round(0.75 * maxTokens)) }
        : undefined,
      outDir: flags.out,
      resume: flags.resume,
      force: flags.force,
      command: process.argv.slice(2),
      ...(overlap ? { record: { evalOverlap: overlap } } : {}),
    });
    const f = result.final;
    const summary = {
      runDir: result.runDir,
      steps: result.stepsDone,
      trainPairs: result.trainPairs,
      evalPairs: result.evalPairs,
      heldOutAccuracy: f?.accuracy ?? null,
      ci95: f?.ci95 ?? null,
      finalTrainLoss: result.steps.at(-1)?.loss ?? null,
      finalHeldOutLoss: f?.loss ?? null,
      device: result.device ?? null,
      ...(overlap ? { evalOverlap: overlap } : {}),
    };
    return { ...result, summary };
  },
  format(result: unknown): string {
    const s = (result as { summary: Record<string, unknown> }).summary;
    const ci = s.ci95 as [number, number] | null;
    const overlap = s.evalOverlap as PairOverlap | undefined;
    const d = s.device as DeviceStepReport | null;
    const perStep = (x: number | null, digits = 1) => (x === null ? 'n/a' : x.toFixed(digits));
    return [
      ...(d
        ? [
            `device step on ${d.backend}${d.adapter ? ` (${d.adapter})` : ''}: per step ` +
              `${perStep(d.dispatchesPerStep)} dispatches, ${perStep(d.submitsPerStep)} submits, ` +
              `${perStep(d.readsPerStep, 2)} reads, ${perStep(d.uploadBytesPerStep, 0)} bytes uploaded ` +
              `(mean over ${d.countedSteps} steps; ${d.logs} reads of the step log)`,
          ]
        : []),
      `run ${String(s.runDir)}: ${String(s.steps)} steps on ${String(s.trainPairs)} pairs`,
      s.heldOutAccuracy === null
        ? "no held-out pairs: no prompt here falls in the held-out hash split (a mix's train file has them " +
          'removed; pass --eval <mix>/heldout.parquet)'
        : `held-out accuracy ${(100 * (s.heldOutAccuracy as number)).toFixed(1)}% ` +
          `(95% CI ${(100 * ci![0]).toFixed(1)}-${(100 * ci![1]).toFixed(1)}%, n=${String(s.evalPairs)})`,
      ...(overlap && overlap.samePrompt > 0 ? [`overlap: ${describeOverlap(overlap)}`] : []),
    ].join('\n');
  },
});
