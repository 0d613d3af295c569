// Everything about a training job that does not depend on the engine: the mix and its lengths, the hyper-parameters
// with their sources, how the paper's global batch of 128 splits over the GPUs, and the cost estimate.
import type { BaseModel } from './baseModels.js';
import { estimateCost, type CostEstimate } from './cost.js';
import { jobHparams, type JobHparams } from './hparams.js';
import {
  capTokens,
  chooseMaxLength,
  lengthStats,
  sequenceLengths,
  type CappedTokens,
  type LengthStats,
} from './mixStats.js';
import { readMixFolder, type MixFolder } from '../curate/readMix.js';

export interface BatchLayout {
  gpus: number;
  /** Pairs per GPU per forward pass. */
  microBatch: number;
  /** Micro batches per optimizer step: global = microBatch x gpus x accumulation. */
  accumulation: number;
  /** How the micro batch was chosen. */
  why: string;
}

export interface JobPlan {
  mix: MixFolder;
  base: BaseModel;
  hparams: JobHparams;
  layout: BatchLayout;
  lengths: LengthStats;
  capped: CappedTokens;
  cost: CostEstimate;
}

/** Micro batches tried, largest first; the estimate must leave 10% of an 80 GiB GPU free. */
const MICRO_BATCHES = [8, 4, 2, 1];
const MEMORY_BUDGET_GIB = 72;

export function batchLayout(globalBatch: number, gpus: number, fits: (microBatch: number) => boolean): BatchLayout {
  if (!Number.isInteger(gpus) || gpus < 1) throw new Error(`--gpus must be a positive integer, got ${gpus}`);
  if (globalBatch % gpus !== 0)
    throw new Error(`--gpus ${gpus} does not divide the global batch of ${globalBatch} pairs; use a divisor of it`);
  const candidates = MICRO_BATCHES.filter((m) => (globalBatch / gpus) % m === 0);
  const micro = candidates.find(fits);
  const microBatch = micro ?? 1;
  return {
    gpus,
    microBatch,
    accumulation: globalBatch / (gpus * microBatch),
    why:
      micro !== undefined
        ? `NOT STATED by the paper; the largest of ${candidates.join(', ')} whose memory estimate stays under ` +
          `${MEMORY_BUDGET_GIB} GiB per GPU`
        : `NOT STATED by the paper; 1, and even that exceeds the ${MEMORY_BUDGET_GIB} GiB estimate: use more ` +
          `GPUs or CPU offload (see the README)`,
  };
}

export async function planJob(mixDir: string, base: BaseModel, gpus: number): Promise<JobPlan> {
  const mix = await readMixFolder(mixDir);
  const lengthsArr = sequenceLengths(mix.train);
  const lengths = lengthStats(lengthsArr);
  const maxLength = chooseMaxLength(lengths, base.maxContext);
  const hparams = jobHparams(base, maxLength);
  const capped = capTokens(lengthsArr, maxLength.value);
  const costFor = (microBatch: number) =>
    estimateCost({
      base,
      tokensPerEpoch: capped.tokens,
      epochs: hparams.epochs.value,
      gpus,
      microBatch,
      maxLength: maxLength.value,
    });
  const layout = batchLayout(
    hparams.globalBatchSize.value,
    gpus,
    (m) => costFor(m).memoryGiB.total <= MEMORY_BUDGET_GIB,
  );
  return { mix, base, hparams, layout, lengths, capped, cost: costFor(layout.microBatch) };
}
