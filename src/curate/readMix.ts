// A mix folder (what writeMix / `rmw curate` writes) read back: its training pairs, its held-out split and the
// sha256 of train.parquet, the mix's identity. The one reader of mix folders (export, eval --mix, experiments).
// Every file the data card lists is checked against the sha256 the card records before anything is read: a file
// deleted or changed since the mix was written would otherwise be used (or silently left out) under the mix's name.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPairsParquet } from '../data/io/hfParquet.js';
import type { PreferencePair } from '../data/schema.js';
import { InputError } from '../util/errors.js';
import { sha256File } from '../util/hash.js';
import type { CommandInput } from '../util/output/inputs.js';
import { HELD_OUT_FILE, MIX_FILE } from './writeMix.js';

/** The data card's name in a mix folder (writeMix writes it last, listing every other file's sha256). */
export const DATA_CARD_FILE = 'datacard.json';

export interface MixFolder {
  dir: string;
  train: PreferencePair[];
  heldOut: PreferencePair[];
  /** sha256 of train.parquet: the mix's identity (the data card and `rmw curate` print the same). */
  trainSha256: string;
}

/** A mix folder and the files read from it, as inputs a command must not write onto. */
export function mixInputs(dir: string, flag: string): CommandInput[] {
  return [
    { path: dir, what: `the mix folder (${flag})` },
    { path: join(dir, MIX_FILE), what: `the mix's training pairs (${flag})` },
    { path: join(dir, HELD_OUT_FILE), what: `the mix's held-out pairs (${flag})` },
  ];
}

/** The file → sha256 table of a mix folder's data card, the card's own errors naming it. */
export function dataCardFiles(dir: string): Record<string, string> {
  const cardPath = join(dir, DATA_CARD_FILE);
  if (!existsSync(cardPath))
    throw new InputError(
      { file: cardPath },
      'not found: a mix folder written by `rmw curate` has a data card listing its files and their sha256',
    );
  let card: { files?: unknown };
  try {
    card = JSON.parse(readFileSync(cardPath, 'utf8')) as { files?: unknown };
  } catch (err) {
    throw new InputError({ file: cardPath }, `not JSON (${(err as Error).message})`);
  }
  const files = card?.files;
  if (typeof files !== 'object' || files === null || Array.isArray(files))
    throw new InputError({ file: cardPath, field: 'files' }, 'missing: the card lists no files to check');
  for (const [name, hash] of Object.entries(files))
    if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash) || name.includes('/') || name.includes('\\'))
      throw new InputError({ file: cardPath, field: `files.${name}` }, `not a file name with a sha256`);
  return files as Record<string, string>;
}

/**
 * Checks every file the mix's data card lists (and the two pair files, which must be listed) against the
 * recorded sha256; the first missing or changed file is named. Returns the card's table.
 */
export function verifyMixFiles(dir: string): Record<string, string> {
  const files = dataCardFiles(dir);
  for (const needed of [MIX_FILE, HELD_OUT_FILE])
    if (!(needed in files))
      throw new InputError({ file: join(dir, DATA_CARD_FILE), field: `files.${needed}` }, 'missing from the card');
  for (const [name, expected] of Object.entries(files).sort()) {
    const path = join(dir, name);
    if (!existsSync(path))
      throw new InputError(
        { file: path },
        `missing: the mix's ${DATA_CARD_FILE} lists it; the mix is incomplete, curate it again (--force)`,
      );
    const got = sha256File(path);
    if (got !== expected)
      throw new InputError(
        { file: path },
        `sha256 ${got} differs from the ${expected} that ${DATA_CARD_FILE} records: the file changed after the mix ` +
          'was written; curate the mix again (--force)',
      );
  }
  return files;
}

export async function readMixFolder(dir: string): Promise<MixFolder> {
  const trainFile = join(dir, MIX_FILE);
  if (!existsSync(trainFile))
    throw new InputError({ file: trainFile }, 'not found: a mix folder is written by `rmw curate` (train.parquet)');
  const files = verifyMixFiles(dir);
  const train = await readPairsParquet(trainFile);
  if (!train.length) throw new InputError({ file: trainFile }, 'the mix has no training pairs');
  return {
    dir,
    train,
    heldOut: await readPairsParquet(join(dir, HELD_OUT_FILE)),
    trainSha256: files[MIX_FILE],
  };
}
