// The transformer's update on the device: the global gradient norm, clipping decided on the device, and AdamW in
// PyTorch's order (the same rule as ../bow/adamW.ts), all as tfjs ops, so nothing is read back to decide anything.
// On WebGPU these ops are replaced by fused kernels (../device/kernels/) where that saves dispatches; this file is
// the reference and the path for wasm and cpu.
import * as tf from '@tensorflow/tfjs-core';
import type { AdamWStep } from '../trainable.js';

/**
 * Σ‖g‖² over every tensor, as a scalar. Summed pairwise: one AddN over all gradients would bind one storage buffer
 * per input, and WebGPU allows 8 per kernel by default.
 */
export function sumOfSquares(tensors: readonly tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => {
    let parts: tf.Tensor[] = tensors.map((g) => tf.sum(tf.square(g)));
    while (parts.length > 1) {
      const next: tf.Tensor[] = [];
      for (let i = 0; i < parts.length; i += 2)
        next.push(i + 1 < parts.length ? tf.add(parts[i], parts[i + 1]) : parts[i]);
      parts = next;
    }
    return parts[0] as tf.Scalar;
  });
}

/**
 * The factor the gradients are multiplied by: clipNorm/(‖g‖ + 1e-6) when ‖g‖ > clipNorm > 0, else 1 (the trainer's
 * CPU rule), from the norm on the device.
 */
export function clipScale(norm: tf.Scalar, clipNorm: number): tf.Scalar {
  return tf.tidy(() => {
    if (!(clipNorm > 0)) return tf.onesLike(norm);
    return tf.where(tf.greater(norm, clipNorm), tf.div(clipNorm, tf.add(norm, 1e-6)), tf.onesLike(norm)) as tf.Scalar;
  });
}

/** Bias-correction constants of AdamW update number `t` (1-based), computed once per step on the CPU. */
export function adamWConstants(step: Omit<AdamWStep, 'gradScale'>, t: number) {
  return {
    stepSize: step.lr / (1 - step.beta1 ** t),
    sqrtBc2: Math.sqrt(1 - step.beta2 ** t),
    decay: 1 - step.lr * step.weightDecay,
  };
}

/**
 * One AdamW update of p, m, v (assigned in place) with g·scale; `decay` false for biases and LayerNorm gains.
 * `scale` is a number (the contract's applyUpdate) or a scalar tensor (the device step's clipping).
 */
export function adamWUpdate(
  p: tf.Variable,
  m: tf.Variable,
  v: tf.Variable,
  grad: tf.Tensor,
  scale: number | tf.Scalar,
  step: Omit<AdamWStep, 'gradScale'>,
  t: number,
  decay: boolean,
): void {
  const k = adamWConstants(step, t);
  tf.tidy(() => {
    const g = tf.mul(grad, scale);
    const m1 = tf.add(tf.mul(m, step.beta1), tf.mul(g, 1 - step.beta1));
    const v1 = tf.add(tf.mul(v, step.beta2), tf.mul(tf.square(g), 1 - step.beta2));
    const decayed = decay ? tf.mul(p, k.decay) : p;
    const update = tf.div(tf.mul(m1, k.stepSize), tf.add(tf.div(tf.sqrt(v1), k.sqrtBc2), step.eps));
    m.assign(m1);
    v.assign(v1);
    p.assign(tf.sub(decayed, update));
  });
}
