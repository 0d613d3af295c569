// The lab pack: a mix's training and held-out pairs already tokenised (so a page needs no tokenizer), with the
// mix's data card, its hash and the preset that chose and encoded them. Plain JSON, read the same way by the
// browser lab and by Node; `rmw export lab-pack` (labPackWrite.ts) writes it.
import { hashJson } from '../util/digest.js';
import type { EncodedPair } from '../model/trainable.js';

export const LAB_PACK_FORMAT = 'rmw-lab-pack/1';

/** One pair: [id, chosen ids, chosen prompt length, rejected ids, rejected prompt length, margin]. */
export type LabPackPair = [string, number[], number, number[], number, number];

export interface LabPack {
  format: typeof LAB_PACK_FORMAT;
  /** The mix: its folder name, the sha256 of its train.parquet (its identity) and its data card (Markdown). */
  mix: { name: string; trainSha256: string; card: string | null };
  /** The preset whose caps drew the pairs and whose chat format and transformer size the lab starts from. */
  preset: string;
  /** The seed of the preset's sample (trainRun's fork('preset-subsample')). */
  sampleSeed: number;
  chatFormat: Record<string, unknown>;
  tokenizer: string;
  /** sha256 over the canonical JSON of train and heldOut below: what the page shows as the data hash. */
  dataHash: string;
  train: LabPackPair[];
  heldOut: LabPackPair[];
}

export function packPair(p: EncodedPair): LabPackPair {
  return [
    p.id,
    Array.from(p.chosen.ids),
    p.chosen.promptLength,
    Array.from(p.rejected.ids),
    p.rejected.promptLength,
    p.margin,
  ];
}

export function labPackDataHash(train: readonly LabPackPair[], heldOut: readonly LabPackPair[]): string {
  return hashJson({ train, heldOut });
}

function unpack(p: LabPackPair, where: string): EncodedPair {
  const ok =
    Array.isArray(p) &&
    p.length === 6 &&
    typeof p[0] === 'string' &&
    Array.isArray(p[1]) &&
    Array.isArray(p[3]) &&
    Number.isInteger(p[2]) &&
    Number.isInteger(p[4]) &&
    typeof p[5] === 'number';
  if (!ok) throw new Error(`${where}: not a lab pack pair [id, ids, promptLength, ids, promptLength, margin]`);
  const item = (ids: number[], promptLength: number, side: string) => {
    if (!ids.every((v) => Number.isInteger(v) && v >= 0))
      throw new Error(`${where}: ${side} ids must be integers >= 0`);
    if (promptLength < 0 || promptLength > ids.length)
      throw new Error(`${where}: ${side} prompt length ${promptLength} outside 0..${ids.length}`);
    return { ids: Int32Array.from(ids), promptLength };
  };
  return { id: p[0], chosen: item(p[1], p[2], 'chosen'), rejected: item(p[3], p[4], 'rejected'), margin: p[5] };
}

/** A pack read back and checked (format, every pair's shape, the data hash), as encoded pairs for the trainer. */
export function readLabPack(
  value: unknown,
  source: string,
): { pack: LabPack; train: EncodedPair[]; heldOut: EncodedPair[] } {
  const pack = value as LabPack;
  if (!pack || pack.format !== LAB_PACK_FORMAT)
    throw new Error(`${source}: field "format" is ${JSON.stringify(pack?.format)}, expected "${LAB_PACK_FORMAT}"`);
  if (!Array.isArray(pack.train) || !Array.isArray(pack.heldOut))
    throw new Error(`${source}: fields "train" and "heldOut" must be arrays of pairs`);
  const hash = labPackDataHash(pack.train, pack.heldOut);
  if (hash !== pack.dataHash)
    throw new Error(
      `${source}: the pairs hash to ${hash}, field "dataHash" says ${pack.dataHash} (edited or truncated?)`,
    );
  return {
    pack,
    train: pack.train.map((p, i) => unpack(p, `${source}: train row ${i + 1}`)),
    heldOut: pack.heldOut.map((p, i) => unpack(p, `${source}: heldOut row ${i + 1}`)),
  };
}
