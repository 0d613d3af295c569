// `rmw export lab-pack --mix <dir> --out <file>`: a curated mix as a lab pack (labPack.ts) for the browser lab. The
// pairs are the ones `rmw train --data <mix>/train.parquet --eval <mix>/heldout.parquet --preset <preset> --seed
// <seed>` trains and evaluates on (trainRun's selectRunPairs: identical pairs dropped, the preset's seeded caps),
// encoded by the same chat format, so the page and Node train on the same token ids.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEFAULT_SEED } from '../config/defaults.js';
import { mixInputs, readMixFolder } from '../curate/readMix.js';
import { encodePair, type ChatFormatOptions } from '../model/chatFormat.js';
import { TOKENIZER_NAME } from '../model/tokenizer.js';
import { getPreset } from '../train/config.js';
import { selectRunPairs } from '../train/trainRun.js';
import { openFileOutput } from '../util/output/fileOutput.js';
import type { OutputKind } from '../util/output/marker.js';
import { LAB_PACK_FORMAT, labPackDataHash, packPair, type LabPack } from './labPack.js';

export const LAB_PACK_OUTPUT: OutputKind = { kind: 'lab-pack', writer: 'rmw export lab-pack', noun: 'lab pack' };

export interface LabPackOptions {
  mixDir: string;
  out: string;
  /** The preset whose caps and chat format apply (default quick: 256 train and 256 held-out pairs). */
  preset?: string;
  seed?: number;
}

export interface LabPackResult {
  out: string;
  mix: string;
  mixSha256: string;
  preset: string;
  seed: number;
  trainPairs: number;
  heldOutPairs: number;
  dropped: { identicalTrain: number; identicalEval: number };
  dataHash: string;
  bytes: number;
  gzipBytes: number;
}

/** The pack of a mix, built in memory (the book's Lab chapter and the export both come here). */
export async function buildLabPack(o: Omit<LabPackOptions, 'out'>): Promise<{ pack: LabPack; result: LabPackResult }> {
  const dir = resolve(o.mixDir);
  const mix = await readMixFolder(dir);
  const preset = getPreset(o.preset ?? 'quick');
  const seed = o.seed ?? DEFAULT_SEED;
  const { train, heldOut, dropped } = selectRunPairs(mix.train, mix.heldOut, preset, seed);
  const chatFormat: ChatFormatOptions = { ...preset.chatFormat };
  const trainRows = train.map((p) => packPair(encodePair(p, chatFormat)));
  const heldRows = heldOut.map((p) => packPair(encodePair(p, chatFormat)));
  const cardFile = join(dir, 'datacard.md');
  const pack: LabPack = {
    format: LAB_PACK_FORMAT,
    mix: {
      name: basename(dir),
      trainSha256: mix.trainSha256,
      card: existsSync(cardFile) ? readFileSync(cardFile, 'utf8') : null,
    },
    preset: preset.name,
    sampleSeed: seed,
    chatFormat: { ...chatFormat },
    tokenizer: TOKENIZER_NAME,
    dataHash: labPackDataHash(trainRows, heldRows),
    train: trainRows,
    heldOut: heldRows,
  };
  const text = JSON.stringify(pack);
  return {
    pack,
    result: {
      out: '',
      mix: dir,
      mixSha256: mix.trainSha256,
      preset: preset.name,
      seed,
      trainPairs: trainRows.length,
      heldOutPairs: heldRows.length,
      dropped,
      dataHash: pack.dataHash,
      bytes: Buffer.byteLength(text),
      gzipBytes: gzipSync(text).length,
    },
  };
}

export async function exportLabPack(o: LabPackOptions): Promise<LabPackResult> {
  const out = resolve(o.out);
  if (!out.endsWith('.json')) throw new Error(`--out must name a .json file, got "${o.out}"`);
  const output = openFileOutput(out, { kind: LAB_PACK_OUTPUT, inputs: mixInputs(resolve(o.mixDir), '--mix') });
  try {
    const { pack, result } = await buildLabPack(o);
    output.write(JSON.stringify(pack));
    return { ...result, out };
  } finally {
    output.abandon();
  }
}
