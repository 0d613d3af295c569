// Shared test setup: the cpu backend and every tfjs gradient (tfjs-core ships none that Node can load directly).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { registerAllGradients } from '../../src/model/tfjsGradients.js';

export async function useCpuBackend(): Promise<void> {
  registerAllGradients();
  await tf.setBackend('cpu');
}

/** |actual − expected| ≤ tol·max(1, |expected|), with a message naming what was compared. */
export function assertClose(actual: number, expected: number, tol: number, what: string): void {
  if (!Number.isFinite(actual)) throw new Error(`${what}: got ${actual}, expected ${expected}`);
  const err = Math.abs(actual - expected);
  if (!(err <= tol * Math.max(1, Math.abs(expected)))) {
    throw new Error(`${what}: got ${actual}, expected ${expected} (error ${err.toExponential(2)}, tolerance ${tol})`);
  }
}
