// A trained run folder (runs/<id>/, written by src/train) as a RewardScorer for evaluation and curation.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RewardScorer, ScoringItem } from './types.js';
import type { TrainableRewardModel } from './trainable.js';
import { createRewardModel } from './factory.js';
import { DEFAULT_CHAT_FORMAT, encodeChatItem, type ChatFormatOptions } from './chatFormat.js';
import { decodeSnapshotFile } from './snapshotFile.js';

export const RUN_FILE = 'run.json';
export const WEIGHTS_FILE = 'weights.bin';
export const CHECKPOINT_FILE = 'checkpoint.bin';

export interface LoadedRun {
  dir: string;
  model: TrainableRewardModel;
  chatFormat: ChatFormatOptions;
  /** The parsed run.json. */
  record: Record<string, unknown>;
}

/** The model of a finished run with its final weights. */
export async function loadTrainedModel(dir: string): Promise<LoadedRun> {
  const runPath = join(dir, RUN_FILE),
    weightsPath = join(dir, WEIGHTS_FILE);
  if (!existsSync(runPath)) throw new Error(`${dir}: no ${RUN_FILE}; is this a run folder written by rmw train?`);
  const record = JSON.parse(readFileSync(runPath, 'utf8')) as Record<string, unknown>;
  if (record.status !== 'finished')
    throw new Error(`${runPath}: the run's status is "${String(record.status)}", not "finished"`);
  if (!existsSync(weightsPath)) throw new Error(`${dir}: ${WEIGHTS_FILE} is missing`);
  const model = record.model as { kind: string; config: Record<string, unknown> } | undefined;
  if (!model?.kind || !model.config) throw new Error(`${runPath}: field "model" (kind, config) is missing`);
  const m = await createRewardModel(model.kind, model.config, Number(record.seed ?? 0));
  const { arrays } = decodeSnapshotFile(readFileSync(weightsPath), weightsPath);
  await m.restore({ params: arrays, optimizer: [], optimizerStep: 0 });
  const chatFormat = (record.chatFormat as ChatFormatOptions | undefined) ?? DEFAULT_CHAT_FORMAT;
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
