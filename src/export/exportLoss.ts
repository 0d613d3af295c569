// The loss an exported job trains with. Both engines train Bradley-Terry, and Bradley-Terry with a per-pair margin
// when the data carries a "margin" column and the engine is told to use it:
//   TRL RewardTrainer subtracts a "margin" column from the reward gap whenever the data has one
//     (https://huggingface.co/docs/trl/reward_trainer; trl/trainer/reward_trainer.py compute_loss);
//   OpenRLHF reads a "margin" key per row (openrlhf/datasets/reward_dataset.py) and uses it only with --margin_loss
//     (--model.margin_loss_enable in the dotted era; data/engines/openrlhf-train-rm.json).
// Every other loss of the workbench (src/losses) has no counterpart in either engine, so it is refused rather than
// silently trained as Bradley-Terry.
import { getLoss } from '../losses/registry.js';
import type { PreferencePair } from '../data/schema.js';

export type ExportLossName = 'bt' | 'bt-margin';
export const EXPORT_LOSSES: readonly ExportLossName[] = ['bt', 'bt-margin'];

export interface ExportLoss {
  name: ExportLossName;
  /** With bt-margin: pairs whose margin came from the mix, and pairs without one (written as 0, plain BT). */
  margins?: { fromMix: number; missingAsZero: number; min: number; max: number };
}

/** The loss by name or alias; anything but BT and BT-with-margin is refused with the reason. */
export function resolveExportLoss(name: string | undefined): ExportLossName {
  if (name === undefined) return 'bt';
  const loss = getLoss(name); // unknown names: the registry's error lists the known ones
  if (loss.name === 'bt' || loss.name === 'bt-margin') return loss.name;
  throw new Error(
    `--loss ${name}: neither TRL's RewardTrainer nor OpenRLHF's train_rm implements the ${loss.name} loss ` +
      `(${loss.formula}); an export trains ${EXPORT_LOSSES.join(' or ')} only`,
  );
}

/** The margin column of the pairs: the mix's own margins (Llama 2's m), 0 where a pair has none. */
export function marginColumn(pairs: readonly PreferencePair[]): { values: number[]; stats: ExportLoss['margins'] } {
  let missing = 0;
  const values = pairs.map((p) => {
    if (p.margin === undefined || p.margin === null || !Number.isFinite(p.margin)) {
      missing++;
      return 0;
    }
    return p.margin;
  });
  return {
    values,
    stats: {
      fromMix: pairs.length - missing,
      missingAsZero: missing,
      min: values.reduce((a, b) => Math.min(a, b), values.length ? Infinity : 0),
      max: values.reduce((a, b) => Math.max(a, b), values.length ? -Infinity : 0),
    },
  };
}
