// The arithmetic of one training step of the transformer (graph.ts), for reporting achieved TFLOP/s against a GPU's
// peak. Counted: the matrix products, 2 FLOPs per multiply-add; a training step is the forward products three times
// (forward, then the two gradient products of each: the usual 6·parameters·tokens rule, with attention's own
// products added, Kaplan et al. 2020, section 2.1). Not counted: elementwise work, softmax, LayerNorm, the embedding
// lookup (a gather) and the optimizer, all memory-bound.
import type { TransformerConfig } from './graph.js';

export interface StepFlops {
  /** Forward products of one batch. */
  forward: number;
  /** Forward + backward (3 x forward). */
  step: number;
}

/** FLOPs of one step over `sequences` items (2 x pairs) of config.maxTokens tokens. */
export function transformerStepFlops(
  c: Pick<TransformerConfig, 'maxTokens' | 'dModel' | 'layers' | 'ffn' | 'vocabBuckets'>,
  sequences: number,
  embedding: 'gather' | 'onehot' = 'gather',
): StepFlops {
  const L = c.maxTokens,
    d = c.dModel,
    T = sequences * L;
  const projections = 4 * 2 * T * d * d; // Q, K, V and the output projection
  const attention = 2 * 2 * sequences * L * L * d; // Q·Kᵀ and softmax·V over all heads (heads x head width = d)
  const mlp = 2 * 2 * T * d * c.ffn;
  const head = 2 * sequences * d;
  const lookup = embedding === 'onehot' ? 2 * T * c.vocabBuckets * d : 0;
  const forward = c.layers * (projections + attention + mlp) + head + lookup;
  return { forward, step: 3 * forward };
}

/**
 * Peak dense FP32 (non-tensor-core) TFLOP/s of the GPUs the check runs on, from NVIDIA's datasheets (H100: SXM5 67,
 * PCIe 51; H200 SXM 67; A100 19.5), matched on the name nvidia-smi reports. tfjs-webgpu computes in plain FP32.
 */
export function peakFp32Tflops(gpuName: string): { tflops: number; source: string } | null {
  const n = gpuName.toLowerCase();
  const sheet = (tflops: number, what: string) => ({ tflops, source: `NVIDIA datasheet, ${what} FP32` });
  if (/h200/.test(n)) return sheet(67, 'H200 SXM');
  if (/h100/.test(n)) return /pcie/.test(n) ? sheet(51, 'H100 PCIe') : sheet(67, 'H100 SXM5');
  if (/a100/.test(n)) return sheet(19.5, 'A100');
  return null;
}
