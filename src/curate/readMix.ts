// A mix folder (what writeMix / `rmw curate` writes) read back: its training pairs, its held-out split and the
// sha256 of train.parquet, the mix's identity. The one reader of mix folders (export, eval --mix, experiments).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readPairsParquet } from '../data/io/hfParquet.js';
import type { PreferencePair } from '../data/schema.js';
import { InputError } from '../util/errors.js';
import { sha256File } from '../util/hash.js';
import { HELD_OUT_FILE, MIX_FILE } from './writeMix.js';

export interface MixFolder {
  dir: string;
  train: PreferencePair[];
  heldOut: PreferencePair[];
  /** sha256 of train.parquet: the mix's identity (the data card and `rmw curate` print the same). */
  trainSha256: string;
}

export async function readMixFolder(dir: string): Promise<MixFolder> {
  const trainFile = join(dir, MIX_FILE);
  if (!existsSync(trainFile))
    throw new InputError({ file: trainFile }, 'not found: a mix folder is written by `rmw curate` (train.parquet)');
  const heldFile = join(dir, HELD_OUT_FILE);
  const train = await readPairsParquet(trainFile);
  if (!train.length) throw new InputError({ file: trainFile }, 'the mix has no training pairs');
  return {
    dir,
    train,
    heldOut: existsSync(heldFile) ? await readPairsParquet(heldFile) : [],
    trainSha256: sha256File(trainFile),
  };
}
