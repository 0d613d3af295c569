// Number formats shared by the results tables, the headline and CONCLUSIONS.md: signed differences in points
// with their seed CI, starred when the CI excludes 0; what trained a row (model / backend).
import type { Difference } from './aggregate.js';
import { DEFAULT_MODEL } from './plan.js';

/** "+1.2" / "−0.3" (a true minus sign), one decimal. */
export function signed(x: number): string {
  return `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}`;
}

/**
 * A seed-paired difference as "+1.2 [+0.1, +2.3] *" (* = its CI excludes 0); "–" when not measured. On a metric
 * without signal (signal.ts) it is never starred and says so: "+3.9 [+2.8, +5.1] (no signal)".
 */
export function fmtDiff(d: Difference | undefined, signal = true): string {
  if (!d) return '–';
  const ci = d.ci95 ? ` [${signed(d.ci95[0])}, ${signed(d.ci95[1])}]` : '';
  return `${signed(d.mean)}${ci}${!signal ? ' (no signal)' : d.exceeds ? ' *' : ''}`;
}

/**
 * What trained a row, short: "bow / cpu" (the plain-TypeScript bag-of-n-grams), "transformer / webgpu" (tfjs
 * backends lose their "tfjs-" prefix). The notes keep the full backend name and the WebGPU adapter. Results written
 * before runs recorded their model kind trained the bag-of-n-grams model only, so a missing kind reads as bow.
 */
export function modelBackend(v: { model?: string; backend: string }): string {
  return `${v.model ?? DEFAULT_MODEL} / ${v.backend.replace(/^typescript-/, '').replace(/^tfjs-/, '')}`;
}

/** The distinct model / backend pairs of some rows, in first-seen order, joined with "; ". */
export function modelBackends(vs: readonly { model?: string; backend: string }[]): string {
  return [...new Set(vs.map(modelBackend))].join('; ');
}
