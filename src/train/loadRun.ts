// A finished run folder (runs/<id>/, written by the trainer) back as a model, and as a RewardScorer for evaluation
// and curation. The folder's layout and record are runFolder.ts's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CHAT_FORMAT, encodeChatItem, type ChatFormatOptions } from '../model/chatFormat.js';
import { createRewardModel } from '../model/factory.js';
import { decodeSnapshotFile } from '../model/snapshotFile.js';
import type { TrainableRewardModel } from '../model/trainable.js';
import type { RewardScorer, ScoringItem } from '../model/types.js';
import { readFinishedRun, WEIGHTS_FILE, type RunRecord } from './runFolder.js';

export interface LoadedRun {
  dir: string;
  model: TrainableRewardModel;
  chatFormat: ChatFormatOptions;
  /** The parsed run.json. */
  record: RunRecord;
}

/** The model of a finished run with its final weights. */
export async function loadTrainedModel(dir: string): Promise<LoadedRun> {
  const record = readFinishedRun(dir);
  const weightsPath = join(dir, WEIGHTS_FILE);
  const m = await createRewardModel(record.model.kind, record.model.config, Number(record.seed ?? 0));
  const { arrays } = decodeSnapshotFile(readFileSync(weightsPath), weightsPath);
  await m.restore({ params: arrays, optimizer: [], optimizerStep: 0 });
  const chatFormat = record.chatFormat ?? DEFAULT_CHAT_FORMAT;
  return { dir, model: m, chatFormat, record };
}

/** A RewardScorer over a finished run (rewards in chunks of `chunk` items). */
export async function loadRun(dir: string, chunk = 256): Promise<RewardScorer> {
  const run = await loadTrainedModel(dir);
  return {
    name: `${run.model.kind} run ${dir}`,
    async score(items: ScoringItem[]): Promise<Float64Array> {
      const out = new Float64Array(items.length);
      for (let at = 0; at < items.length; at += chunk) {
        const enc = items.slice(at, at + chunk).map((it) => encodeChatItem(it.prompt, it.response, run.chatFormat));
        out.set(await run.model.rewards(enc), at);
      }
      return out;
    },
  };
}
