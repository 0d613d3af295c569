// Training checkpoints: model snapshot (weights + AdamW moments + step counter) and the trainer's own state (steps
// done, metrics so far), in one snapshot file. Resuming from it continues bit for bit: the batch order of every
// epoch is a pure function of (seed, epoch), so nothing else needs saving. The bytes are encoded here and written
// by the run folder's writer (runOutput.ts), which records their sha256 in run.json before writing them.
import type { ModelSnapshot } from '../model/trainable.js';
import { decodeSnapshotFile, encodeSnapshotFile } from '../model/snapshotFile.js';

export interface TrainerState {
  /** Steps completed. */
  step: number;
  /** Hash of everything that determines the run (config, loss, data, model); a resume must match it. */
  runKey: string;
  metrics: unknown;
}

export interface Checkpoint {
  snapshot: ModelSnapshot;
  trainer: TrainerState;
}

export function encodeCheckpoint(snapshot: ModelSnapshot, trainer: TrainerState): Uint8Array {
  const arrays = [
    ...snapshot.params.map((a) => ({ ...a, name: `param:${a.name}` })),
    ...snapshot.optimizer.map((a) => ({ ...a, name: `opt:${a.name}` })),
  ];
  return encodeSnapshotFile({ trainer, optimizerStep: snapshot.optimizerStep }, arrays);
}

/** A checkpoint file's bytes back as snapshot and trainer state (`path` names the file in errors). */
export function decodeCheckpoint(bytes: Uint8Array, path: string): Checkpoint {
  const { meta, arrays } = decodeSnapshotFile(bytes, path);
  const strip = (prefix: string) =>
    arrays.filter((a) => a.name.startsWith(prefix)).map((a) => ({ ...a, name: a.name.slice(prefix.length) }));
  return {
    snapshot: { params: strip('param:'), optimizer: strip('opt:'), optimizerStep: meta.optimizerStep as number },
    trainer: meta.trainer as TrainerState,
  };
}
