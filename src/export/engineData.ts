// The mix as both engines read it: Parquet in the conversational preference layout with an implicit prompt, i.e.
// columns "chosen" and "rejected", each the prompt messages followed by the final assistant message (TRL's dataset
// formats guide, https://huggingface.co/docs/trl/dataset_formats, "Preference" with implicit prompt; OpenRLHF's
// --apply_chat_template without --prompt_key formats exactly these, openrlhf/datasets/reward_dataset.py), plus "id" and
// "source" to trace a pair back. No margin or score columns: TRL would turn a "margin" column into a margin loss,
// and the paper trains plain Bradley-Terry. The held-out split becomes the evaluation file.
import { pairsToParquetBytes } from '../data/io/hfParquet.js';
import type { OutputFolder } from './jobFolder.js';
import type { MixFolder } from '../curate/readMix.js';

/** Column names of the exported files, in file order. */
export const ENGINE_COLUMNS = ['chosen', 'rejected', 'id', 'source'] as const;
export const TRAIN_DATA = 'data/train.parquet';
export const EVAL_DATA = 'data/eval.parquet';

export interface EngineData {
  train: { path: string; pairs: number };
  eval?: { path: string; pairs: number };
  columns: readonly string[];
}

export function writeEngineData(out: OutputFolder, mix: MixFolder): EngineData {
  out.write(TRAIN_DATA, pairsToParquetBytes(mix.train, 'implicit', 'id-source'));
  const data: EngineData = { train: { path: TRAIN_DATA, pairs: mix.train.length }, columns: ENGINE_COLUMNS };
  if (mix.heldOut.length) {
    out.write(EVAL_DATA, pairsToParquetBytes(mix.heldOut, 'implicit', 'id-source'));
    data.eval = { path: EVAL_DATA, pairs: mix.heldOut.length };
  }
  return data;
}
