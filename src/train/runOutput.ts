// Writing a run folder (runs/<id>/) by the output rule of util/output. Training never writes into the run folder
// itself: it writes into the staging folder beside it (runs/.<id>.partial), which is the run's in-progress state:
// run.json with status "running" and the last checkpoint. When training finishes, weights.bin and the finished
// run.json are written there, the checkpoint removed, and the folder is published in place of runs/<id> in one swap,
// so a reader of runs/<id> sees the previous complete run or the new one, never a mix (and a kill -9 at any moment
// leaves runs/<id> as it was). A run that diverges is published too, with its record saying so.
//
// What an existing folder means for `rmw train --out runs/<id>`:
// - nothing there (or an empty folder): train;
// - a finished run: refused; --force trains anew and replaces it whole when done (files added to it since, such as
//   an evaluation, go with it); --resume of the same run (same run key) has nothing to do and returns it;
// - an unfinished run (runs/.<id>.partial, left by a killed or stopped trainer): refused; --resume continues it
//   from its last checkpoint to exactly the weights of an uninterrupted run; --force discards it and starts over;
// - anything else (a mix, a person's files): refused, with or without --force.
// Every checkpoint's sha256 is recorded in run.json before the checkpoint file is written, so after a kill between
// the two the file on disk is still one the record lists; --resume refuses a checkpoint the record does not list.
// weights.bin's sha256 is recorded too, and every reader checks it (runFolder.ts readRunWeights).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ModelSnapshot } from '../model/trainable.js';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { sha256Hex } from '../util/hash.js';
import { OutputRefusedError } from '../util/output/errors.js';
import { openFolderOutput, type FolderOutput } from '../util/output/folderOutput.js';
import type { CommandInput } from '../util/output/inputs.js';
import { note } from '../util/output/owner.js';
import { decodeCheckpoint, encodeCheckpoint, type Checkpoint, type TrainerState } from './checkpoint.js';
import {
  CHECKPOINT_FILE,
  RUN_FILE,
  RUN_OUTPUT,
  WEIGHTS_FILE,
  gitCommit,
  readRunRecord,
  softwareVersions,
  writeRunRecord,
  type CheckpointEntry,
  type RunRecord,
} from './runFolder.js';

export interface RunOutputOptions {
  /** Continue an unfinished run from its checkpoint (or return the finished run of the same key). */
  resume?: boolean;
  /**
   * Discard an unfinished run and replace a finished one (whole, once the new one is written). With `resume` too
   * (the experiments' runner; the CLI takes one or the other): continue an unfinished run of the same run key,
   * otherwise start over.
   */
  force?: boolean;
  /** What the training reads (the pairs files): never written onto. */
  inputs?: readonly CommandInput[];
  command?: string;
}

export interface RunOutput {
  /** The run folder (real path) and its name (the record's id). */
  readonly dir: string;
  readonly id: string;
  /** The software versions and git commit the run record names (read here: the trainer runs in browsers too). */
  readonly provenance: { versions: Record<string, string | null>; gitCommit: string | null };
  /** With --resume: the finished run in place, for the trainer to compare run keys. */
  readonly finished: RunRecord | undefined;
  /** The checkpoint to continue from (checked against the recorded sha256), or null to start at step 0. */
  resumePoint(runKey: string): Checkpoint | null;
  /** Writes run.json into the in-progress folder. */
  writeRecord(record: RunRecord): void;
  /** Records the checkpoint's sha256 in run.json, then writes it. */
  writeCheckpoint(snapshot: ModelSnapshot, trainer: TrainerState, record: RunRecord): void;
  /** Writes weights.bin and the finished record (with the weights' sha256) and publishes the run folder. */
  finish(weights: Uint8Array, record: RunRecord): RunRecord;
  /** Publishes a diverged run (its record says what was not finite). */
  publishDiverged(record: RunRecord): void;
  /** Refuses to replace the finished run in place (a --resume whose run key differs). */
  refuseFinished(why: string): never;
  /** Ends without publishing: the in-progress folder stays for --resume, the lock is released. */
  stop(): void;
}

function refused(out: FolderOutput, message: string): never {
  out.abandon();
  throw new OutputRefusedError(message);
}

/** Opens runs/<id> for training: the lock, the ownership checks, and what to do with an unfinished run. */
export function openRunOutput(path: string, o: RunOutputOptions = {}): RunOutput {
  const out = openFolderOutput(path, {
    kind: RUN_OUTPUT,
    replace: Boolean(o.force || o.resume),
    force: o.force,
    resumable: true,
    inputs: o.inputs,
    command: o.command,
  });
  const work = out.dir;
  const unfinishedRecord = out.unfinished ? readRunRecord(work) : undefined;
  const where = unfinishedRecord
    ? `step ${unfinishedRecord.stepsDone} of ${unfinishedRecord.schedule.totalSteps}`
    : 'no checkpoint yet';
  if (out.unfinished && !o.resume) {
    if (!o.force)
      refused(
        out,
        `${out.target} has an unfinished run in ${work} (${where}); pass --resume to continue it, ` +
          'or --force to discard it and start over',
      );
    note(`discarding the unfinished run in ${work} (${where}) as --force asks`);
    out.startOver();
  }
  const inPlace = out.existing && !o.force ? readRunRecord(out.target) : undefined;
  if (out.existing && !o.force && inPlace?.status !== 'finished')
    refused(out, `${out.target} holds a run whose status is "${inPlace?.status}"; pass --force to replace it`);
  // An unfinished run (of a --force retraining) is what --resume continues, even beside a finished one.
  const finished = out.unfinished ? undefined : inPlace;
  let checkpoints: CheckpointEntry[] = unfinishedRecord?.checkpoints ?? [];
  const ckptPath = join(work, CHECKPOINT_FILE);
  const withCheckpoints = (r: RunRecord): RunRecord => (checkpoints.length ? { ...r, checkpoints } : r);

  return {
    dir: out.target,
    id: basename(out.target),
    provenance: { versions: softwareVersions(), gitCommit: gitCommit() },
    finished,
    resumePoint(runKey) {
      if (!o.resume || !existsSync(ckptPath)) return null;
      const bytes = readFileSync(ckptPath);
      const sha = sha256Hex(bytes);
      const startOver = (why: string): null => {
        note(`${ckptPath}: ${why}; starting over as --force asks`);
        out.startOver();
        checkpoints = [];
        return null;
      };
      if (!checkpoints.some((c) => c.sha256 === sha)) {
        if (o.force) return startOver('not a checkpoint the run recorded');
        refused(
          out,
          `${ckptPath}: sha256 ${sha} is not a checkpoint that ${join(work, RUN_FILE)} records; it was replaced or ` +
            'damaged. Pass --force instead of --resume to start over',
        );
      }
      const ck = decodeCheckpoint(bytes, ckptPath);
      if (ck.trainer.runKey !== runKey) {
        if (o.force) return startOver('the checkpoint belongs to a different run');
        refused(
          out,
          `${ckptPath}: the checkpoint belongs to a different run (config, loss, model or data differ); ` +
            'use a new --out folder, or --force instead of --resume to start over',
        );
      }
      // Checkpoints after this one were recorded but never written (killed in between): they are written again.
      checkpoints = checkpoints.filter((c) => c.step <= ck.trainer.step);
      return ck;
    },
    writeRecord(record) {
      writeRunRecord(work, withCheckpoints(record));
    },
    writeCheckpoint(snapshot, trainer, record) {
      const bytes = encodeCheckpoint(snapshot, trainer);
      checkpoints = [
        ...checkpoints.filter((c) => c.step < trainer.step),
        { step: trainer.step, sha256: sha256Hex(bytes) },
      ];
      writeRunRecord(work, withCheckpoints(record));
      writeFileAtomic(ckptPath, bytes);
    },
    finish(weights, record) {
      writeFileAtomic(join(work, WEIGHTS_FILE), weights);
      const done = withCheckpoints({ ...record, checksums: { [WEIGHTS_FILE]: sha256Hex(weights) } });
      rmSync(ckptPath, { force: true });
      writeRunRecord(work, done);
      out.commit();
      return done;
    },
    publishDiverged(record) {
      writeRunRecord(work, withCheckpoints(record));
      out.commit();
    },
    refuseFinished(why) {
      return refused(out, `${out.target} holds a finished run ${why}; pass --force to replace it`);
    },
    stop() {
      out.abandon();
    },
  };
}
