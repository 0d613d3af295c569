// Overlap between a benchmark and the data a run was trained on, checked before a run is scored. A run scored on
// pairs whose prompts it trained on reports what it memorised as accuracy (another mix's held-out split scored 63.6
// where the run's own scored 55.5). The training data is found through the run record's inputs, each checked
// against the sha256 recorded at training time; the count and the 1% limit are the trainer's own
// (src/train/overlap.ts), so `rmw train --eval` and `rmw eval` measure overlap the same way.
import { existsSync } from 'node:fs';
import type { PreferencePair } from '../data/schema.js';
import { describeOverlap, MAX_OVERLAP, overLimit, pairOverlap, type PairOverlap } from '../train/overlap.js';
import { readPairsSpec, type PairInput } from '../train/readPairs.js';
import { RUN_FILE, readFinishedRun } from '../train/runFolder.js';
import { sha256FileStream } from '../util/hash.js';
import { join } from 'node:path';

/** What to pass to evaluate a run without the check, for messages. */
export const ALLOW_OVERLAP_FLAG = '--allow-overlap';

/** The pairs a finished run was trained on, read again from the inputs its record names (sha256 checked). */
export async function runTrainingPairs(dir: string): Promise<PreferencePair[]> {
  const record = readFinishedRun(dir);
  const runFile = join(dir, RUN_FILE);
  const inputs = ((record.inputs ?? []) as PairInput[]).filter((i) => !i.spec.startsWith('eval:'));
  if (inputs.length === 0)
    throw new Error(
      `${runFile}: records no training inputs (field "inputs"), so the overlap of the benchmark with its training ` +
        `data cannot be checked; pass ${ALLOW_OVERLAP_FLAG} to evaluate without the check`,
    );
  const pairs: PreferencePair[] = [];
  for (const input of inputs) {
    const cannot = (why: string) =>
      new Error(
        `${runFile}: the training input "${input.spec}" ${why}, so the overlap of the benchmark with the run's ` +
          `training data cannot be checked; pass ${ALLOW_OVERLAP_FLAG} to evaluate without the check`,
      );
    if (input.kind === 'memory') throw cannot('was handed over in memory and cannot be read again');
    if (input.kind === 'file') {
      if (!existsSync(input.spec)) throw cannot('is not found (paths are as given to rmw train)');
      const got = await sha256FileStream(input.spec);
      if (got !== input.sha256) throw cannot(`has sha256 ${got}, not the ${input.sha256} recorded at training`);
    }
    pairs.push(...(await readPairsSpec(input.spec)).pairs);
  }
  return pairs;
}

/** A benchmark pair as the overlap count reads it (prompt, chosen, rejected, id). */
export type OverlapPair = Pick<PreferencePair, 'id' | 'prompt' | 'chosen' | 'rejected'>;

/**
 * The share of benchmark pairs whose prompt the run trained on; past MAX_OVERLAP an error unless `allow`. The
 * overlap is printed on stderr either way (`who` names the command).
 */
export async function checkRunOverlap(
  dir: string,
  benchPairs: readonly OverlapPair[],
  o: { allow: boolean; who: string; what: string },
): Promise<PairOverlap> {
  const overlap = pairOverlap(await runTrainingPairs(dir), benchPairs as readonly PreferencePair[]);
  const line = `${o.what}: ${describeOverlap(overlap)}`;
  if (overLimit(overlap) && !o.allow)
    throw new Error(
      `${line}. Accuracy on these pairs would measure what the run memorised, not what it learned; evaluate on ` +
        `pairs held out of its training data (the held-out split of the mix it was trained on), or pass ` +
        `${ALLOW_OVERLAP_FLAG} (limit ${100 * MAX_OVERLAP}%)`,
    );
  process.stderr.write(`${o.who}: overlap with the run's training data: ${line}\n`);
  return overlap;
}
