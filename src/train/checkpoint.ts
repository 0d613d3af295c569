// Training checkpoints: model snapshot (weights + AdamW moments + step counter) and the trainer's own state (steps
// done, metrics so far), in one snapshot file written atomically. Resuming from it continues bit for bit: the
// batch order of every epoch is a pure function of (seed, epoch), so nothing else needs saving.
import { existsSync, readFileSync } from 'node:fs';
import type { ModelSnapshot } from '../model/trainable.js';
import { decodeSnapshotFile, encodeSnapshotFile } from '../model/snapshotFile.js';
import { writeFileAtomic } from '../util/atomicWrite.js';

export interface TrainerState {
  /** Steps completed. */
  step: number;
  /** Hash of everything that determines the run (config, loss, data, model); a resume must match it. */
  runKey: string;
  metrics: unknown;
}

export function writeCheckpoint(path: string, snapshot: ModelSnapshot, trainer: TrainerState): void {
  const arrays = [
    ...snapshot.params.map((a) => ({ ...a, name: `param:${a.name}` })),
    ...snapshot.optimizer.map((a) => ({ ...a, name: `opt:${a.name}` })),
  ];
  writeFileAtomic(path, encodeSnapshotFile({ trainer, optimizerStep: snapshot.optimizerStep }, arrays));
}

export function readCheckpoint(path: string): { snapshot: ModelSnapshot; trainer: TrainerState } | null {
  if (!existsSync(path)) return null;
  const { meta, arrays } = decodeSnapshotFile(readFileSync(path), path);
  const strip = (prefix: string) =>
    arrays.filter((a) => a.name.startsWith(prefix)).map((a) => ({ ...a, name: a.name.slice(prefix.length) }));
  return {
    snapshot: { params: strip('param:'), optimizer: strip('opt:'), optimizerStep: meta.optimizerStep as number },
    trainer: meta.trainer as TrainerState,
  };
}
