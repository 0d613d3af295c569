// The training loop: seeded batches, global-norm clipping, AdamW through the model, warmup + cosine, held-out
// evaluation, atomic checkpoints, exact resume, a NaN/Inf guard and the run record. Two step paths: a model with a
// device step (the tfjs transformer) runs the whole step on its device, loss from the registry's tensor form, and is
// read every logEvery steps (deviceSteps.ts); any other TrainableRewardModel (the CPU bow) gets the registry's loss
// in plain numbers with exact dLoss/dReward, read every step (src/model/trainable.ts). The run folder is written
// through runOutput.ts: staged beside the folder, published whole when finished, checksums recorded.
import { createHash } from '../util/sha256.js';
import { pairLossReference } from '../losses/batch.js';
import { resolveParams } from '../losses/numeric.js';
import type { LossParams, PairLoss } from '../losses/types.js';
import { batchItems, hasDeviceStep, type EncodedPair, type TrainableRewardModel } from '../model/trainable.js';
import { assertDeviceHealthy } from '../model/device/device.js';
import { encodeSnapshotFile } from '../model/snapshotFile.js';
import { createRng, shuffled } from '../util/rng.js';
import { yieldEvery, yieldNow } from '../util/yieldTo.js';
import { logProgress, progress } from '../util/progress.js';
import type { TrainConfig } from './config.js';
import { accuracyOf, scorePairsWith, type EvalMetric, type StepMetric } from './metrics.js';
import type { RunFacts, RunIdentity, RunRecord, RunStatus } from './runFolder.js';
import { runKeyOf } from './runKey.js';
import { RUN_RECORD_FORMAT, WEIGHTS_FILE } from './runNames.js';
import type { RunOutput } from './runOutput.js';
import { learningRateAt } from './schedule.js';
import { stepPlan } from './stepPlan.js';
import { DeviceStepLog, type DeviceStepReport } from './deviceSteps.js';
import { BestWeights, type EarlyStopFacts } from './earlyStop.js';

export interface TrainInputs {
  model: TrainableRewardModel;
  train: readonly EncodedPair[];
  /** Held-out pairs for evaluation during and after training. */
  eval?: readonly EncodedPair[];
  loss: PairLoss;
  lossParams?: LossParams;
  config: TrainConfig;
  /**
   * The run folder (checkpoints, run.json, weights.bin), opened by the caller in Node (`openRunOutput`, with its
   * --resume and --force rules): the trainer itself touches no file, so it runs in a browser too. Without it
   * nothing is written.
   */
  output?: RunOutput;
  /** Extra facts for run.json (data source and sha256, chat format, preset, command line, ...). */
  record?: RunFacts;
  /** Tests: stop as if killed right after this many steps (after that step's checkpoint, if any). */
  stopAfterSteps?: number;
  /** Called after every step (tests use it to watch memory). */
  onStep?: (metric: StepMetric) => void;
  /** Called after every held-out evaluation during training (the lab's live accuracy curve). */
  onEval?: (metric: EvalMetric) => void;
}

export interface TrainResult {
  status: 'finished' | 'stopped';
  stepsDone: number;
  totalSteps: number;
  steps: StepMetric[];
  evals: EvalMetric[];
  /** Held-out evaluation after the last step (null without eval pairs). */
  final: EvalMetric | null;
  runDir: string | null;
  record: RunRecord | null;
  /** Device steps only: the backend, the WebGPU adapter, and what a step cost the device (counts). */
  device?: DeviceStepReport;
  /** Early stopping (config.patience): the step whose weights the run ends with, and where it stopped. */
  earlyStop?: EarlyStopFacts;
}

export class TrainingDivergedError extends Error {
  constructor(
    readonly step: number,
    readonly what: string,
  ) {
    super(
      `training stopped at step ${step}: ${what}. Lower the learning rate (--lr), check the loss parameters, ` +
        'or clip harder (clipNorm); the last checkpoint (if any) holds the state before this step',
    );
    this.name = 'TrainingDivergedError';
  }
}

/** sha256 over every token id and margin of the pairs, in order: the data part of a run's identity. */
export function encodedPairsHash(pairs: readonly EncodedPair[]): string {
  const h = createHash('sha256');
  const m = new Float64Array(1);
  for (const p of pairs) {
    h.update(p.id);
    for (const it of [p.chosen, p.rejected]) {
      h.update(new Uint8Array(it.ids.buffer, it.ids.byteOffset, it.ids.byteLength));
      h.update(String(it.promptLength));
    }
    m[0] = p.margin;
    h.update(new Uint8Array(m.buffer));
  }
  return h.digest('hex');
}

export async function trainRewardModel(inp: TrainInputs): Promise<TrainResult> {
  if (inp.train.length === 0) throw new Error('train: no training pairs');
  const out = inp.output ?? null;
  try {
    return await trainInto(inp, out);
  } catch (err) {
    out?.stop(); // an unfinished run stays for --resume; the lock is released
    throw err;
  }
}

async function trainInto(inp: TrainInputs, out: RunOutput | null): Promise<TrainResult> {
  const { model, train, config: c, loss } = inp;
  const evalPairs = inp.eval ?? [];
  const params = resolveParams(loss, inp.lossParams ?? {});
  const { stepsPerEpoch, totalSteps } = stepPlan(train.length, c);
  const warmupSteps = Math.max(1, Math.round(c.warmupFraction * totalSteps));
  const schedule = { lr: c.lr, warmupSteps, minLrFraction: c.minLrFraction };
  const trainHash = encodedPairsHash(train),
    evalHash = encodedPairsHash(evalPairs);
  const runKey = runKeyOf({
    train: c,
    loss: loss.name,
    params,
    kind: model.kind,
    modelConfig: model.config,
    trainHash,
    evalHash,
  });

  const dir = out?.dir ?? null;
  let steps: StepMetric[] = [];
  let evals: EvalMetric[] = [];
  let start = 0;
  const t0 = performance.now();
  if (out?.finished) {
    // --resume of a run that already completed: nothing to do when it is the same run.
    if (out.finished.runKey !== runKey) out.refuseFinished('of other settings (its run key differs)');
    out.stop();
    return finishedResult(out.dir, out.finished);
  }
  const ck = out?.resumePoint(runKey);
  if (ck) {
    await model.restore(ck.snapshot);
    start = ck.trainer.step;
    ({ steps, evals } = ck.trainer.metrics as { steps: StepMetric[]; evals: EvalMetric[] });
    logProgress(`resumed ${dir} at step ${start}/${totalSteps}`);
  }

  const base: RunIdentity = {
    format: RUN_RECORD_FORMAT,
    id: out ? out.id : null,
    runKey,
    model: { kind: model.kind, config: model.config, backend: model.backend, parameters: model.parameters() },
    loss: { name: loss.name, paperName: loss.paperName, params },
    seed: c.seed,
    train: c,
    schedule: { ...schedule, totalSteps, stepsPerEpoch },
    data: {
      trainPairs: train.length,
      evalPairs: evalPairs.length,
      trainTokensSha256: trainHash,
      evalTokensSha256: evalHash,
    },
    ...inp.record,
    versions: out?.provenance.versions ?? {},
    gitCommit: out?.provenance.gitCommit ?? null,
  };
  const recordOf = (
    status: RunStatus,
    extra: Pick<RunRecord, 'final' | 'timings' | 'files' | 'error' | 'device' | 'earlyStop'>,
  ): RunRecord => ({ ...base, status, stepsDone: steps.length, metrics: { steps, evals }, ...extra });

  const orders = new Map<number, number[]>();
  const orderOf = (epoch: number): number[] => {
    let o = orders.get(epoch);
    if (!o) {
      o = shuffled(
        train.map((_, i) => i),
        createRng(c.seed).fork(`shuffle-epoch-${epoch}`),
      );
      orders.clear();
      orders.set(epoch, o);
    }
    return o;
  };
  const evaluate = async (step: number): Promise<EvalMetric> => {
    const r = await scorePairsWith(model, evalPairs);
    const lossMean = pairLossReference(
      loss,
      r.chosen,
      r.rejected,
      evalPairs.map((p) => p.margin),
      params,
    ).mean;
    return { step, ...accuracyOf(r.chosen, r.rejected), loss: lossMean };
  };

  const bar = progress(`train ${model.kind}/${loss.name}`, totalSteps - start);
  const device = hasDeviceStep(model) ? new DeviceStepLog(model) : null;
  const diverged = (step: number, error: string, what: string): never => {
    device?.discard();
    // A diverged run is published with its record saying what was not finite.
    out?.publishDiverged(recordOf('diverged', { error: `step ${step}: ${error}` }));
    throw new TrainingDivergedError(step, what);
  };
  const recordStep = (metric: StepMetric): void => {
    steps.push(metric);
    inp.onStep?.(metric);
    bar.tick(1, `loss ${metric.loss.toFixed(4)} lr ${metric.lr.toExponential(2)}`);
  };
  // Device steps are read here, all queued ones at once; a non-finite loss or norm stops training at its step.
  const flushDevice = async (): Promise<void> => {
    if (!device) return;
    const read = await device.flush();
    // A device error in any step read here (the last, partly filled batch of work included) surfaces by this read:
    // the values are garbage, so nothing after it (diverged record, checkpoint, finished run) may be published.
    assertDeviceHealthy(`training steps read at step ${(read.at(-1)?.step.index ?? -1) + 1}`);
    for (const { step: q, values: v } of read) {
      if (!Number.isFinite(v.loss)) diverged(q.index + 1, `loss ${v.loss}`, `the ${loss.name} loss is ${v.loss}`);
      if (!Number.isFinite(v.gradNorm))
        diverged(q.index + 1, `gradient norm ${v.gradNorm}`, `the gradient norm is ${v.gradNorm}`);
      recordStep({ step: q.index + 1, epoch: q.epoch, lr: q.lr, ...v });
    }
  };
  // Early stopping (config.patience) keeps its best weights in memory, so it cannot resume from a checkpoint.
  const early = c.patience > 0 && evalPairs.length > 0 ? new BestWeights(c.patience) : null;
  if (early && (start > 0 || (out !== null && c.checkpointEvery > 0)))
    throw new Error('train: early stopping (patience > 0) keeps its best weights in memory; set checkpointEvery 0');
  let stoppedAt: number | null = null;
  let stepMs = 0;
  const letSignalsIn = yieldEvery();
  for (let s = start; s < totalSteps; s++) {
    await letSignalsIn(); // Ctrl-C / SIGTERM stop training within a step or so (util/yieldTo.ts)
    const ts = performance.now();
    const epoch = Math.floor(s / stepsPerEpoch),
      pos = s % stepsPerEpoch;
    const batch = orderOf(epoch)
      .slice(pos * c.batchSize, (pos + 1) * c.batchSize)
      .map((i) => train[i]);
    const B = batch.length;
    const lr = learningRateAt(s, totalSteps, schedule);
    const evalDue = evalPairs.length > 0 && c.evalEvery > 0 && (s + 1) % c.evalEvery === 0 && s + 1 < totalSteps;
    const checkpointDue =
      out !== null && c.checkpointEvery > 0 && (s + 1) % c.checkpointEvery === 0 && s + 1 < totalSteps;
    const stopDue = inp.stopAfterSteps === s + 1 && s + 1 < totalSteps;
    if (device) {
      const adamw = { lr, beta1: c.beta1, beta2: c.beta2, eps: c.eps, weightDecay: c.weightDecay };
      try {
        device.run(s, epoch, lr, () =>
          device.model.trainStep({ pairs: batch }, { loss, params, adamw, clipNorm: c.clipNorm }),
        );
        assertDeviceHealthy(`training step ${s + 1}`);
      } catch (err) {
        device.discard();
        throw err;
      }
      if ((s + 1) % c.logEvery === 0 || evalDue || checkpointDue || stopDue || s + 1 === totalSteps) {
        await flushDevice();
      }
      await yieldNow(); // let progress output, signals and a page's repaint through
      stepMs += performance.now() - ts;
    } else {
      const r = await model.forward(batchItems({ pairs: batch }));
      for (let i = 0; i < r.length; i++) {
        if (!Number.isFinite(r[i]))
          diverged(s + 1, `reward of item ${i} is ${r[i]}`, `the model's reward for item ${i} of the batch is ${r[i]}`);
      }
      const rc = r.subarray(0, B),
        rr = r.subarray(B);
      const lv = pairLossReference(
        loss,
        rc,
        rr,
        batch.map((p) => p.margin),
        params,
      );
      let bad = Number.isFinite(lv.mean) ? -1 : 0;
      for (let i = 0; i < B && bad < 0; i++)
        if (!Number.isFinite(lv.dChosen[i]) || !Number.isFinite(lv.dRejected[i])) bad = i;
      if (bad >= 0)
        diverged(s + 1, `loss ${lv.mean}`, `the ${loss.name} loss is ${lv.mean} (or its gradient is not finite)`);
      const dR = new Float64Array(2 * B);
      for (let i = 0; i < B; i++) {
        dR[i] = lv.dChosen[i] / B;
        dR[B + i] = lv.dRejected[i] / B;
      }
      const gradNorm = Math.sqrt(await model.backward(dR));
      if (!Number.isFinite(gradNorm)) diverged(s + 1, `gradient norm ${gradNorm}`, `the gradient norm is ${gradNorm}`);
      const clipped = c.clipNorm > 0 && gradNorm > c.clipNorm;
      model.applyUpdate({
        lr,
        beta1: c.beta1,
        beta2: c.beta2,
        eps: c.eps,
        weightDecay: c.weightDecay,
        gradScale: clipped ? c.clipNorm / (gradNorm + 1e-6) : 1,
      });
      stepMs += performance.now() - ts;
      recordStep({ step: s + 1, epoch, lr, loss: lv.mean, accuracy: accuracyOf(rc, rr).accuracy, gradNorm, clipped });
    }
    if (evalDue) {
      const e = await evaluate(s + 1);
      evals.push(e);
      inp.onEval?.(e);
      logProgress(
        `eval step ${s + 1}: held-out accuracy ${(100 * e.accuracy).toFixed(1)}% (n=${e.n}) loss ${e.loss?.toFixed(4)}`,
      );
      if (early && (await early.offer(e, model))) {
        stoppedAt = s + 1;
        break;
      }
    }
    if (checkpointDue && out) {
      const state = { step: s + 1, runKey, metrics: { steps, evals } };
      const snapshot = await model.snapshot();
      assertDeviceHealthy(`checkpoint at step ${s + 1}`);
      out.writeCheckpoint(snapshot, state, recordOf('running', {}));
    }
    if (stopDue) {
      bar.done('stopped');
      out?.stop();
      return { status: 'stopped', stepsDone: s + 1, totalSteps, steps, evals, final: null, runDir: dir, record: null };
    }
  }
  bar.done(stoppedAt === null ? undefined : `stopped early at step ${stoppedAt}`);
  const stepsDone = stoppedAt ?? totalSteps;
  let final = evalPairs.length && stoppedAt === null ? await evaluate(totalSteps) : null;
  if (final) evals.push(final);
  let earlyStop;
  if (early) {
    if (final) await early.offer(final, model);
    ({ final, facts: earlyStop } = await early.restore(model, stoppedAt));
  }
  const timings = {
    trainMs: performance.now() - t0,
    stepMsMean: stepMs / Math.max(1, stepsDone - start),
    resumedAtStep: start,
  };
  const deviceReport = device?.report();
  let record: RunRecord | null = null;
  if (out) {
    await yieldNow(); // a signal during the last steps or the final evaluation stops the run before it is published
    const snap = await model.snapshot(true);
    assertDeviceHealthy('the trained weights'); // a device error anywhere in the run: nothing is published
    const weights = encodeSnapshotFile({ kind: model.kind, config: model.config }, snap.params);
    record = out.finish(
      weights,
      recordOf('finished', {
        final,
        timings,
        ...(deviceReport ? { device: deviceReport } : {}),
        ...(earlyStop ? { earlyStop } : {}),
        files: { weights: WEIGHTS_FILE },
      }),
    );
  }
  return {
    status: 'finished',
    stepsDone,
    totalSteps,
    steps,
    evals,
    final,
    runDir: dir,
    record,
    ...(earlyStop ? { earlyStop } : {}),
    ...(deviceReport ? { device: deviceReport } : {}),
  };
}

/** The result of a finished run read back from its record (a --resume with nothing left to do). */
function finishedResult(dir: string, rec: RunRecord): TrainResult {
  return {
    status: 'finished',
    stepsDone: rec.stepsDone,
    totalSteps: rec.schedule.totalSteps,
    steps: rec.metrics.steps,
    evals: rec.metrics.evals,
    final: rec.final ?? null,
    runDir: dir,
    record: rec,
  };
}
