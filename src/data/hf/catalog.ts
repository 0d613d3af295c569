// The paper's Hugging Face sources: repository, files per split, and the loader for their published schema.
// File names marked "assumed" follow the hub's usual `data/<split>-00000-of-0000N.parquet` naming and may need the
// shard count changed; pass an explicit file to loadHfSource when the hub lists another name.
import type { LoadReport } from '../loadReport.js';
import type { PreferencePair, ResponseGroup } from '../schema.js';
import { loadHelpSteer2 } from './helpSteer2.js';
import { resolveHfFile, type HfResolveOptions } from './hub.js';
import { loadMagpieDpo } from './magpieDpo.js';
import { loadOffsetBias } from './offsetBias.js';
import { loadRewardBenchFiltered, loadSkyworkPreference } from './preferenceSets.js';
import { loadWildGuardMix } from './wildGuardMix.js';

export interface HfSource {
  id: string;
  repo: string;
  /** Split name -> file in the repository. */
  files: Record<string, string>;
  kind: 'pairs' | 'groups';
  note: string;
}

export const HF_DATASETS: HfSource[] = [
  {
    id: 'helpsteer2',
    repo: 'nvidia/HelpSteer2',
    kind: 'groups',
    files: { train: 'train.jsonl.gz', validation: 'validation.jsonl.gz' },
    note: 'file names verified',
  },
  {
    id: 'offsetbias',
    repo: 'NCSOFT/offsetbias',
    kind: 'pairs',
    files: { train: 'train.jsonl' },
    note: 'file name verified',
  },
  {
    id: 'wildguardmix',
    repo: 'allenai/wildguardmix',
    kind: 'pairs',
    files: { train: 'train/wildguard_train.parquet', test: 'test/wildguard_test.parquet' },
    note: 'file names verified; gated (HF_TOKEN)',
  },
  {
    id: 'magpie-pro-dpo',
    repo: 'Magpie-Align/Magpie-Pro-DPO-100K-v0.1',
    kind: 'pairs',
    files: { train: 'data/train-00000-of-00005.parquet' },
    note: 'shard names assumed',
  },
  {
    id: 'magpie-air-dpo',
    repo: 'Magpie-Align/Magpie-Air-DPO-100K-v0.1',
    kind: 'pairs',
    files: { train: 'data/train-00000-of-00003.parquet' },
    note: 'shard names assumed',
  },
  {
    id: 'magpie-llama31-pro-dpo',
    repo: 'Magpie-Align/Magpie-Llama-3.1-Pro-DPO-100K-v0.1',
    kind: 'pairs',
    files: { train: 'data/train-00000-of-00005.parquet' },
    note: 'shard names assumed',
  },
  {
    id: 'skywork-80k-v0.1',
    repo: 'Skywork/Skywork-Reward-Preference-80K-v0.1',
    kind: 'pairs',
    files: { train: 'data/train-00000-of-00001.parquet' },
    note: 'shard name assumed',
  },
  {
    id: 'skywork-80k-v0.2',
    repo: 'Skywork/Skywork-Reward-Preference-80K-v0.2',
    kind: 'pairs',
    files: { train: 'data/train-00000-of-00001.parquet' },
    note: 'shard name assumed',
  },
  {
    id: 'reward-bench-filtered',
    repo: 'allenai/reward-bench',
    kind: 'pairs',
    files: { filtered: 'data/filtered-00000-of-00001.parquet' },
    note: 'shard name assumed',
  },
];

export function getHfSource(id: string): HfSource {
  const s = HF_DATASETS.find((x) => x.id === id);
  if (!s) throw new Error(`unknown Hugging Face source "${id}"; known: ${HF_DATASETS.map((x) => x.id).join(', ')}`);
  return s;
}

/** Parse a local file of the given source with its loader. */
export async function loadHfFile(
  id: string,
  path: string,
): Promise<LoadReport<PreferencePair> | LoadReport<ResponseGroup>> {
  const s = getHfSource(id);
  if (s.id === 'helpsteer2') return loadHelpSteer2(path, { source: s.id });
  if (s.id === 'offsetbias') return loadOffsetBias(path, { source: s.id });
  if (s.id === 'wildguardmix') return loadWildGuardMix(path, { source: s.id });
  if (s.id.startsWith('magpie-')) return loadMagpieDpo(path, { source: s.id });
  if (s.id.startsWith('skywork-')) return loadSkyworkPreference(path, { source: s.id });
  return loadRewardBenchFiltered(path, { source: s.id });
}

/** Resolve a source's file for a split (cache, else hub download unless RMW_OFFLINE=1) and load it. */
export async function loadHfSource(
  id: string,
  options: { split?: string; file?: string } & HfResolveOptions = {},
): Promise<LoadReport<PreferencePair> | LoadReport<ResponseGroup>> {
  const s = getHfSource(id);
  const split = options.split ?? Object.keys(s.files)[0];
  const file = options.file ?? s.files[split];
  if (!file) throw new Error(`source "${id}" has no split "${split}"; splits: ${Object.keys(s.files).join(', ')}`);
  const resolved = await resolveHfFile({ repo: s.repo, file }, options);
  return loadHfFile(id, resolved.path);
}
