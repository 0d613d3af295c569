// The mix as both engines read it: Parquet in the conversational preference layout with an implicit prompt, i.e.
// columns "chosen" and "rejected", each the prompt messages followed by the final assistant message (TRL's dataset
// formats guide, https://huggingface.co/docs/trl/dataset_formats, "Preference" with implicit prompt; OpenRLHF's
// --apply_chat_template without --prompt_key formats exactly these, openrlhf/datasets/reward_dataset.py), plus "id" and
// "source" to trace a pair back. A "margin" column is written only for BT-with-margin (both engines read a column of
// that name; TRL subtracts it whenever it is present). Before writing, every conversation is made to alternate as the
// base model's chat template needs (roleOrder.ts): what was merged or dropped is counted for the data card. The
// held-out split becomes the evaluation file.
import { pairsToParquetBytes } from '../data/io/hfParquet.js';
import type { PreferencePair } from '../data/schema.js';
import type { MixFolder } from '../curate/readMix.js';
import type { BaseModel } from './baseModels.js';
import { marginColumn, type ExportLoss, type ExportLossName } from './exportLoss.js';
import type { OutputFolder } from './jobFolder.js';
import { alternateRows, type RoleReport } from './roleOrder.js';

/** Column names of the exported files, in file order. */
export const ENGINE_COLUMNS = ['chosen', 'rejected', 'id', 'source'] as const;
export const TRAIN_DATA = 'data/train.parquet';
export const EVAL_DATA = 'data/eval.parquet';

export interface EngineData {
  train: { path: string; pairs: number; roles: RoleReport };
  eval?: { path: string; pairs: number; roles: RoleReport };
  columns: readonly string[];
  loss: ExportLoss;
}

function engineRows(
  pairs: readonly PreferencePair[],
  base: BaseModel,
  loss: ExportLossName,
): { bytes: Uint8Array; pairs: number; roles: RoleReport; margins?: ExportLoss['margins'] } {
  const { rows, report } = alternateRows(pairs, { systemRole: base.systemRole });
  if (loss !== 'bt-margin')
    return { bytes: pairsToParquetBytes(rows, 'implicit', 'id-source'), pairs: rows.length, roles: report };
  const { values, stats } = marginColumn(rows);
  const withMargin = rows.map((p, i) => ({ ...p, margin: values[i] }));
  return {
    bytes: pairsToParquetBytes(withMargin, 'implicit', 'id-source-margin'),
    pairs: rows.length,
    roles: report,
    margins: stats,
  };
}

export function writeEngineData(
  out: OutputFolder,
  mix: MixFolder,
  base: BaseModel,
  loss: ExportLossName = 'bt',
): EngineData {
  const train = engineRows(mix.train, base, loss);
  if (!train.pairs) throw new Error(`${mix.dir}: no training pair alternates user/assistant turns; nothing to train`);
  out.write(TRAIN_DATA, train.bytes);
  const data: EngineData = {
    train: { path: TRAIN_DATA, pairs: train.pairs, roles: train.roles },
    columns: loss === 'bt-margin' ? [...ENGINE_COLUMNS, 'margin'] : ENGINE_COLUMNS,
    loss: { name: loss, ...(train.margins ? { margins: train.margins } : {}) },
  };
  if (mix.heldOut.length) {
    const ev = engineRows(mix.heldOut, base, loss);
    if (ev.pairs) {
      out.write(EVAL_DATA, ev.bytes);
      data.eval = { path: EVAL_DATA, pairs: ev.pairs, roles: ev.roles };
    }
  }
  return data;
}
