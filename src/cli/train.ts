// `rmw train`: train a reward model on preference pairs into a run folder (src/train/trainRun.ts).
import type { CliCommand, ParsedArgs } from './types.js';
import { flagBool, flagNumber, flagString, requireFlag } from './args.js';
import { trainRun, type TrainRunResult } from '../train/trainRun.js';
import type { TrainConfig } from '../train/config.js';
import type { LossParams } from '../losses/types.js';
import type { DeviceStepReport } from '../train/deviceSteps.js';

export const command: CliCommand = {
  name: 'train',
  summary: 'Train a reward model on preference pairs into runs/<id>',
  usage: [
    'rmw train --data <pairs .jsonl|.arrow|.parquet or source id[,more]> --model bow|transformer --loss <name>',
    '          [--gamma G --m M --t T --temperature T --center L --margin-from-pairs] --seed N [--preset quick|full]',
    '          [--steps N --epochs N --lr X --batch N --weight-decay X --clip X --eval-every N --checkpoint-every N]',
    '          [--log-every N (device steps: read loss/accuracy every N steps)]',
    '          [--hash-bits K --hidden H] [--max-tokens N] [--eval <pairs>] [--held-out F] --out runs/<id> [--resume] [--json]',
    '',
    'Holds out a fraction (default 0.1) of the data by prompt hash unless --eval names held-out pairs; prints the',
    'held-out accuracy with a 95% Wilson interval. The run folder gets run.json (config, seed, backend, versions,',
    'data sha256, git commit, metrics per step and eval, timings) and weights.bin. A killed run continues with',
    '--resume to exactly the same weights. Presets: quick (CI, seconds), full (default; minutes on 2 cores).',
  ].join('\n'),
  async run(args: ParsedArgs): Promise<TrainRunResult & { summary: Record<string, unknown> }> {
    const num = (name: string) => flagNumber(args, name);
    const train: Partial<TrainConfig> = {
      seed: num('seed') ?? 1,
      maxSteps: num('steps'),
      epochs: num('epochs'),
      lr: num('lr'),
      batchSize: num('batch'),
      weightDecay: num('weight-decay'),
      clipNorm: num('clip'),
      evalEvery: num('eval-every'),
      checkpointEvery: num('checkpoint-every'),
      logEvery: num('log-every'),
    };
    const lossParams: LossParams = {
      gamma: num('gamma'),
      m: num('m'),
      t: num('t'),
      temperature: num('temperature'),
      center: num('center'),
      marginFromPairs: flagBool(args, 'margin-from-pairs') || undefined,
    };
    const modelConfig: Record<string, unknown> = {};
    if (num('hash-bits') !== undefined) modelConfig.hashBits = num('hash-bits');
    if (num('hidden') !== undefined) modelConfig.hidden = num('hidden');
    const maxTokens = num('max-tokens');
    const result = await trainRun({
      data: requireFlag(args, 'data'),
      evalData: flagString(args, 'eval'),
      heldOutFraction: num('held-out'),
      model: flagString(args, 'model', 'bow')!,
      modelConfig,
      loss: flagString(args, 'loss', 'bt')!,
      lossParams,
      preset: flagString(args, 'preset', 'full'),
      train,
      chatFormat: maxTokens
        ? { maxTokens, maxResponseTokens: Math.min(maxTokens, Math.round(0.75 * maxTokens)) }
        : undefined,
      outDir: requireFlag(args, 'out'),
      resume: flagBool(args, 'resume'),
      command: process.argv.slice(2),
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
    };
    return { ...result, summary };
  },
  format(result: unknown): string {
    const s = (result as { summary: Record<string, unknown> }).summary;
    const ci = s.ci95 as [number, number] | null;
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
        ? "no held-out pairs: no prompt here falls in the held-out hash split (a mix's train file has them removed; pass --eval <mix>/heldout.parquet)"
        : `held-out accuracy ${(100 * (s.heldOutAccuracy as number)).toFixed(1)}% ` +
          `(95% CI ${(100 * ci![0]).toFixed(1)}-${(100 * ci![1]).toFixed(1)}%, n=${String(s.evalPairs)})`,
    ].join('\n');
  },
};
