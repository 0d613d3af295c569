// The three kinds of work a worker process does, as plain JSON messages, and the one function that executes them
// (the same in a worker child and in-process).
import { loadRun } from '../train/loadRun.js';
import { buildMix, type MixRecord } from './mixes.js';
import { mixSpec } from './plan.js';
import { canonicalJson } from '../util/hash.js';
import {
  evaluateBaselines,
  trainAndEvaluate,
  type BaselineJob,
  type BaselineResults,
  type RunJob,
  type RunRecordSummary,
} from './runs.js';

export interface MixJob {
  mixId: string;
  key: string;
  dir: string;
  seed: number;
  mixDirs: Record<string, string>;
  /** Run folder of the safety scorer, when the mix's spec names one. */
  scorerDir?: string;
}

export type Job = { kind: 'mix'; job: MixJob } | { kind: 'run'; job: RunJob } | { kind: 'baselines'; job: BaselineJob };

export type JobResult = MixRecord | RunRecordSummary | BaselineResults;

/**
 * Runs one job. The result comes back in canonical form (object keys sorted, as in the files jobs write), so a
 * result computed now and one read back from an earlier run's file are the same value, key order included, and
 * every table built from them lists things in the same order.
 */
export async function executeJob(j: Job): Promise<JobResult> {
  return JSON.parse(canonicalJson(await runJob(j))) as JobResult;
}

async function runJob(j: Job): Promise<JobResult> {
  if (j.kind === 'mix') {
    const m = j.job;
    const scorer = m.scorerDir ? await loadRun(m.scorerDir) : undefined;
    return buildMix(mixSpec(m.mixId), { dir: m.dir, key: m.key, seed: m.seed, mixDirs: m.mixDirs, scorer });
  }
  if (j.kind === 'run') return trainAndEvaluate(j.job);
  return evaluateBaselines(j.job);
}
