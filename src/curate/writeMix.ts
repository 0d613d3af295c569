// Writes a mix: training pairs and the held-out split as Parquet in the Hugging Face preference layout (Arrow IPC and
// JSONL copies only on request: they hold the same pairs and were most of a run folder's size), the data card
// (Markdown + JSON), the composition before/after (the numbers behind Figure 1) and the flagged pairs.
// train.parquet is "the mix file" whose sha256 the CLI prints. Every file's sha256 in the card is computed from the
// bytes read back from disk after the file was written, so the card describes the files as they are.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePairsArrow } from '../data/io/arrowFile.js';
import { writePairsJsonl } from '../data/io/jsonl.js';
import { writePairsParquet } from '../data/io/hfParquet.js';
import type { PreferencePair } from '../data/schema.js';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { canonicalJson, sha256Hex } from '../util/hash.js';
import { buildDataCard, dataCardMarkdown, type DataCard } from './card.js';
import type { Mix } from './recipes/types.js';

export const MIX_FILE = 'train.parquet';
/** The held-out split of a mix. */
export const HELD_OUT_FILE = 'heldout.parquet';

/** Pair file formats of a mix folder; Parquet is always written (train.parquet identifies the mix). */
export const MIX_FORMATS = ['parquet', 'arrow', 'jsonl'] as const;
export type MixFormat = (typeof MIX_FORMATS)[number];

export interface WriteMixOptions {
  /** Formats of train.* and heldout.* (default: Parquet only). */
  formats?: readonly MixFormat[];
}

export interface WrittenMix {
  dir: string;
  /** sha256 of train.parquet. */
  sha256: string;
  files: Record<string, string>;
  card: DataCard;
}

const WRITERS: Record<MixFormat, (path: string, pairs: readonly PreferencePair[]) => void> = {
  parquet: (path, pairs) => writePairsParquet(path, pairs),
  arrow: writePairsArrow,
  jsonl: writePairsJsonl,
};

/** The formats checked: known names, no repeats, Parquet among them. */
export function checkMixFormats(formats: readonly string[]): MixFormat[] {
  for (const f of formats) {
    if (!(MIX_FORMATS as readonly string[]).includes(f))
      throw new Error(`unknown mix format "${f}" (known: ${MIX_FORMATS.join(', ')})`);
  }
  if (new Set(formats).size !== formats.length) throw new Error(`mix formats repeat a name: ${formats.join(',')}`);
  if (!formats.includes('parquet'))
    throw new Error('mix formats must include parquet: train.parquet is the mix file whose sha256 identifies the mix');
  return MIX_FORMATS.filter((f) => formats.includes(f));
}

export function writeMix(dir: string, mix: Mix, options: WriteMixOptions = {}): WrittenMix {
  const formats = checkMixFormats(options.formats ?? ['parquet']);
  mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {};
  const hashWritten = (name: string) => {
    files[name] = sha256Hex(readFileSync(join(dir, name)));
  };
  for (const f of formats) {
    for (const [part, pairs] of [
      ['train', mix.train],
      ['heldout', mix.heldOut],
    ] as const) {
      const name = `${part}.${f}`;
      WRITERS[f](join(dir, name), pairs);
      hashWritten(name);
    }
  }
  const text = (name: string, body: string) => {
    writeFileAtomic(join(dir, name), body);
    hashWritten(name);
  };
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
