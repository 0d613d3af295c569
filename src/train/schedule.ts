// Learning-rate schedule: linear warmup to the peak, then cosine decay to minLrFraction·peak (the paper trains
// with a cosine schedule, paper-facts §6; the warmup length is ours).

export interface ScheduleConfig {
  /** Peak learning rate. */
  lr: number;
  /** Warmup steps: lr rises linearly over steps 1..warmupSteps. */
  warmupSteps: number;
  /** The floor of the cosine, as a fraction of the peak. */
  minLrFraction: number;
}

/** Learning rate of 0-based step `step` out of `totalSteps`. */
export function learningRateAt(step: number, totalSteps: number, s: ScheduleConfig): number {
  if (step < s.warmupSteps) return (s.lr * (step + 1)) / s.warmupSteps;
  const decaySteps = Math.max(1, totalSteps - s.warmupSteps);
  const progress = Math.min(1, (step - s.warmupSteps) / decaySteps);
  return s.lr * (s.minLrFraction + (1 - s.minLrFraction) * 0.5 * (1 + Math.cos(Math.PI * progress)));
}
