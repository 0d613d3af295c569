// Writes a mix: training pairs as Parquet (HF preference layout), Arrow IPC and JSONL; the held-out split; the
// data card (Markdown + JSON); the composition before/after (the numbers behind Figure 1); the flagged pairs.
// train.parquet is "the mix file" whose sha256 the CLI prints; every file's sha256 is listed in the card.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { writePairsArrow } from '../data/io/arrowFile.js';
import { writePairsJsonl } from '../data/io/jsonl.js';
import { writePairsParquet } from '../data/io/hfParquet.js';
import { canonicalJson, sha256Hex } from '../util/hash.js';
import { buildDataCard, dataCardMarkdown, type DataCard } from './card.js';
import type { Mix } from './recipes/types.js';

export const MIX_FILE = 'train.parquet';

export interface WrittenMix {
  dir: string;
  /** sha256 of train.parquet. */
  sha256: string;
  files: Record<string, string>;
  card: DataCard;
}

export function writeMix(dir: string, mix: Mix): WrittenMix {
  mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {};
  const hash = (name: string) => {
    files[name] = sha256Hex(readFileSync(join(dir, name)));
  };
  const text = (name: string, body: string) => {
    writeFileAtomic(join(dir, name), body);
    hash(name);
  };
  writePairsParquet(join(dir, MIX_FILE), mix.train);
  hash(MIX_FILE);
  writePairsArrow(join(dir, 'train.arrow'), mix.train);
  hash('train.arrow');
  writePairsJsonl(join(dir, 'train.jsonl'), mix.train);
  hash('train.jsonl');
  writePairsParquet(join(dir, 'heldout.parquet'), mix.heldOut);
  hash('heldout.parquet');
  writePairsJsonl(join(dir, 'heldout.jsonl'), mix.heldOut);
  hash('heldout.jsonl');
  text(
    'composition.json',
    `${canonicalJson(
      {
        recipe: mix.recipe,
        seed: mix.seed,
        before: mix.composition.before,
        after: mix.composition.after,
        heldOut: mix.heldOut.length,
        note: "ours; the paper's Figure 1 numbers are in paper-facts §1.1 and §1.3",
      },
      2,
    )}\n`,
  );
  text('decontamination.json', `${canonicalJson(mix.decontamination, 2)}\n`);
  const card = buildDataCard(mix, { ...files });
  writeFileAtomic(join(dir, 'datacard.json'), `${canonicalJson(card, 2)}\n`);
  writeFileAtomic(join(dir, 'datacard.md'), dataCardMarkdown(card));
  return { dir, sha256: files[MIX_FILE], files, card };
}
