// What a job will cost, estimated from the base model's size and the mix's tokens: GPU hours from the usual
// 6·N FLOPs per trained token (+2·N for the forward pass gradient checkpointing repeats), and GPU memory per device
// under DeepSpeed ZeRO-3 (model states sharded over the GPUs, activations per micro batch). Every constant is an
// assumption written out in `assumptions`, so the README shows the arithmetic, not just the answer.
import type { BaseModel } from './baseModels.js';

export interface GpuSpec {
  name: string;
  /** Dense BF16 peak, FLOP/s (vendor data sheet, without sparsity). */
  peakFlops: number;
  memoryGiB: number;
}

export const GPUS: GpuSpec[] = [
  { name: 'A100 80GB (SXM)', peakFlops: 312e12, memoryGiB: 80 },
  { name: 'H100 80GB (SXM)', peakFlops: 989e12, memoryGiB: 80 },
];

/** Model FLOPs utilisation: the share of peak a ZeRO-3 job reaches, central value and a range. */
export const MFU = { central: 0.35, low: 0.25, high: 0.5 };
/** FLOPs per parameter per token: 2 forward + 4 backward + 2 for the recomputed forward (gradient checkpointing). */
export const FLOPS_PER_PARAM_TOKEN = 8;
/** Bytes of model state per parameter under mixed-precision AdamW: bf16 weight 2 + bf16 grad 2 + fp32 master
 * weight, momentum and variance 12 (ZeRO paper, Rajbhandari et al. 2020, §3.1). ZeRO-3 divides them over the GPUs. */
export const STATE_BYTES_PER_PARAM = 16;
/** Activation bytes per token per hidden unit of one transformer layer recomputed in full (Korthikanti et al. 2022,
 * eq. 1, without its attention-score term; that term, 5·heads·seq bytes per token, is added for eager attention). */
export const LAYER_ACTIVATION_BYTES = 34;
/** CUDA context, NCCL buffers, allocator fragmentation: a flat allowance per GPU. */
export const OVERHEAD_GIB = 3;

const GiB = 2 ** 30;

export interface CostInput {
  base: BaseModel;
  /** Tokens of one epoch: both sequences of every pair, each capped at the maximum length. */
  tokensPerEpoch: number;
  epochs: number;
  gpus: number;
  microBatch: number;
  maxLength: number;
}

export interface CostEstimate {
  flops: number;
  gpuHours: { gpu: string; central: number; fast: number; slow: number; wallHoursCentral: number }[];
  memoryGiB: {
    modelStates: number;
    gatheredLayers: number;
    activations: number;
    overhead: number;
    total: number;
    fitsIn80GiB: boolean;
  };
  assumptions: string[];
}

export function estimateCost(x: CostInput): CostEstimate {
  const n = x.base.paramsB * 1e9;
  const flops = FLOPS_PER_PARAM_TOKEN * n * x.tokensPerEpoch * x.epochs;
  const gpuHours = GPUS.map((g) => {
    const hours = (mfu: number) => flops / (g.peakFlops * mfu) / 3600;
    return {
      gpu: g.name,
      central: hours(MFU.central),
      fast: hours(MFU.high),
      slow: hours(MFU.low),
      wallHoursCentral: hours(MFU.central) / x.gpus,
    };
  });
  const sequences = 2 * x.microBatch; // chosen and rejected of each pair in the micro batch
  const s = x.maxLength;
  const eagerScores = x.base.attention.implementation === 'eager' ? 5 * (x.base.heads ?? 0) * s : 0;
  const modelStates = (STATE_BYTES_PER_PARAM * n) / x.gpus / GiB;
  const gatheredLayers = (2 * 2 * n) / x.base.layers / GiB; // bf16 weights of the layer in use and the prefetched one
  const activations =
    (sequences * s * (2 * x.base.hidden * x.base.layers + LAYER_ACTIVATION_BYTES * x.base.hidden + eagerScores)) / GiB;
  const total = modelStates + gatheredLayers + activations + OVERHEAD_GIB;
  return {
    flops,
    gpuHours,
    memoryGiB: {
      modelStates,
      gatheredLayers,
      activations,
      overhead: OVERHEAD_GIB,
      total,
      fitsIn80GiB: total <= 80,
    },
    assumptions: [
      `training FLOPs = ${FLOPS_PER_PARAM_TOKEN} x N x tokens x epochs: 6 per parameter per token for the ` +
        `forward and backward passes (Kaplan et al. 2020), +2 for the forward pass that gradient checkpointing ` +
        `repeats`,
      'tokens = both sequences (prompt + chosen, prompt + rejected) of every pair, each capped at the maximum ' +
        'length, counted with the cl100k_base proxy tokenizer',
      `GPU hours = FLOPs / (peak BF16 FLOP/s x MFU); peaks from the vendor data sheets ` +
        `(${GPUS.map((g) => `${g.name} ${g.peakFlops / 1e12} TFLOP/s`).join(', ')}); MFU ${MFU.central} ` +
        `central, ${MFU.high} (fast) to ${MFU.low} (slow): typical of ZeRO-3 jobs at these sizes, not measured ` +
        `here`,
      'padding is not counted (both engines pad a batch to its longest sequence, which adds time when lengths vary)',
      `memory per GPU = model states ${STATE_BYTES_PER_PARAM} bytes x N / GPUs (bf16 weights and grads, fp32 ` +
        `master weights and AdamW moments, sharded by ZeRO-3) + 2 gathered bf16 layers (the one in use and the ` +
        `prefetched one) + activations + ${OVERHEAD_GIB} GiB overhead`,
      `activations = 2 x micro batch sequences x max length x (2 bytes x hidden x layers for the checkpointed ` +
        `layer inputs + ${LAYER_ACTIVATION_BYTES} bytes x hidden for the one layer being ` +
        `recomputed${eagerScores ? ` + 5 bytes x heads x max length for eager attention's score matrices` : ''}` +
        `); the worst case: every sequence at the maximum length`,
      'no CPU offload; offloading the optimizer (DeepSpeed offload_optimizer) trades most of the model-state ' +
        'memory for CPU RAM and time',
    ],
  };
}
