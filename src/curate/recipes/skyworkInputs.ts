// The paper's Hugging Face sources -> Skywork80kInputs, so `skywork-80k-v0.1` / `-v0.2` run end to end.
// Each source is read through its HF-schema loader (src/data/hf); a file comes from a local override (tests, offline
// users), else the cache, else a hub download (unless RMW_OFFLINE=1). Before anything is read, every file that is
// neither given nor cached while downloads are off is listed in one error, with the ways to supply it.
//
// Source names follow the offsets table (MAGPIE_SOURCES): Pro (Llama 3) = Magpie-Pro-DPO-100K, Pro (Llama 3.1) =
// Magpie-Llama-3.1-Pro-DPO-100K, Air = Magpie-Air-DPO-100K. Magpie Ultra has no entry in the HF catalogue (its
// published
// set, argilla/magpie-ultra-v0.1, has another schema and no loader here): it is read only from a local file in the
// Magpie DPO layout, and otherwise left out with a limit saying so.
import { existsSync } from 'node:fs';
import { HF_DATASETS, type HfSource } from '../../data/hf/catalog.js';
import { loadHelpSteer2 } from '../../data/hf/helpSteer2.js';
import {
  hfCachePath,
  hfFileSha256,
  resolveHfFile,
  type HfFileSpec,
  type HfResolveOptions,
  type ResolvedHfFile,
} from '../../data/hf/hub.js';
import { loadMagpieDpo } from '../../data/hf/magpieDpo.js';
import { loadOffsetBias } from '../../data/hf/offsetBias.js';
import { loadRewardBenchFiltered } from '../../data/hf/preferenceSets.js';
import { loadWildGuardMix } from '../../data/hf/wildGuardMix.js';
import type { LoadReport } from '../../data/loadReport.js';
import { lastUserText, type PreferencePair, type ResponseGroup } from '../../data/schema.js';
import type { RewardScorer } from '../../model/types.js';
import { InputError } from '../../util/errors.js';
import { setting } from '../../config/env.js';
import type { BenchmarkPrompt } from '../decontaminate.js';
import { MAGPIE_SOURCES } from '../select.js';
import { HF_SOURCES } from './paperCounts.js';
import { skywork80k, type Skywork80kInputs, type Skywork80kOptions } from './skywork80k.js';
import type { Mix } from './types.js';

type Role = 'helpsteer2' | 'offsetbias' | 'wildguardmix' | 'magpie' | 'rewardbench';

export interface SkyworkHfInput {
  /** Name used for overrides (`--hf-file <key>=<path>`) and, except RewardBench, the mix's `source` column. */
  key: string;
  /** Id in HF_DATASETS (also accepted as an override key). */
  catalogId: string;
  role: Role;
  split: string;
  /** Only v0.2 needs it (RewardBench prompts for decontamination). */
  v02Only?: boolean;
}

export const SKYWORK_HF_INPUTS: readonly SkyworkHfInput[] = [
  { key: HF_SOURCES.helpsteer2, catalogId: 'helpsteer2', role: 'helpsteer2', split: 'train' },
  { key: HF_SOURCES.offsetbias, catalogId: 'offsetbias', role: 'offsetbias', split: 'train' },
  { key: HF_SOURCES.wildguardmix, catalogId: 'wildguardmix', role: 'wildguardmix', split: 'train' },
  { key: MAGPIE_SOURCES.ultra, catalogId: 'magpie-ultra', role: 'magpie', split: 'train' },
  { key: MAGPIE_SOURCES.proLlama31, catalogId: 'magpie-llama31-pro-dpo', role: 'magpie', split: 'train' },
  { key: MAGPIE_SOURCES.proLlama3, catalogId: 'magpie-pro-dpo', role: 'magpie', split: 'train' },
  { key: MAGPIE_SOURCES.air, catalogId: 'magpie-air-dpo', role: 'magpie', split: 'train' },
  { key: 'reward-bench', catalogId: 'reward-bench-filtered', role: 'rewardbench', split: 'filtered', v02Only: true },
];

export type HfFileOverrides = Readonly<Record<string, string | readonly string[]>>;

export interface LoadSkywork80kInputsOptions extends HfResolveOptions {
  version?: 'v0.1' | 'v0.2';
  /** Local files per source key or catalogue id; a source given here is never looked up in the cache or hub. */
  files?: HfFileOverrides;
  /** The RM for WildGuardMix's two-stage filter (e.g. loadRun(<run dir>)). */
  scorer?: RewardScorer;
}

export interface SkyworkInputFile {
  source: string;
  path: string;
  from: 'local' | 'cache' | 'download';
  sha256: string;
  read: number;
  kept: number;
  quarantined: Record<string, number>;
}

export interface LoadedSkywork80kInputs extends Skywork80kInputs {
  files: SkyworkInputFile[];
  /** What was left out or looks wrong (goes into the mix's known limits). */
  notes: string[];
}

export interface MissingHfFile {
  source: string;
  repo: string;
  file: string;
  cachePath: string;
}

/** Raised before any loading when files are neither given, cached, nor downloadable. */
export class MissingHfFilesError extends Error {
  constructor(
    readonly recipe: string,
    readonly missing: MissingHfFile[],
  ) {
    super(
      [
        `${recipe} needs ${missing.length} Hugging Face file(s) that were not given, are not in the cache, ` +
          `and cannot be downloaded (RMW_OFFLINE=1):`,
        ...missing.map((m) => `  - ${m.source}: ${m.repo}/${m.file} (cache path ${m.cachePath})`),
        'Supply them with `rmw curate ... --hf-file <source>=<path>[,<source>=<path>...]` (library: ' +
          'loadSkywork80kInputs({ files })),',
        'copy them to the cache paths above, or unset RMW_OFFLINE to download them (allenai/wildguardmix is ' +
          'gated: accept its terms and set HF_TOKEN).',
      ].join('\n'),
    );
    this.name = 'MissingHfFilesError';
  }
}

/** "helpsteer2=a.jsonl.gz,magpie-air=b.parquet,magpie-air=c.parquet" -> { helpsteer2: [a], magpie-air: [b, c] }. */
export function parseHfFileFlag(value: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .forEach((entry, i) => {
      const eq = entry.indexOf('=');
      if (eq <= 0 || eq === entry.length - 1)
        throw new Error(`--hf-file: entry ${i + 1} ("${entry}") is not <source>=<path>`);
      (out[entry.slice(0, eq)] ??= []).push(entry.slice(eq + 1));
    });
  return out;
}

/** The catalogue names only the first shard ("...-00000-of-00005.parquet"); read every shard the name implies. */
export function expandShards(file: string): string[] {
  const m = /^(.*-)00000-of-(\d{5})(\.[\w.]+)$/.exec(file);
  if (!m) return [file];
  const n = Number(m[2]);
  return Array.from({ length: n }, (_, i) => `${m[1]}${String(i).padStart(5, '0')}-of-${m[2]}${m[3]}`);
}

function overridesBySource(files: HfFileOverrides | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of Object.entries(files ?? {})) {
    const input = SKYWORK_HF_INPUTS.find((s) => s.key === k || s.catalogId === k);
    if (!input)
      throw new Error(
        `unknown Hugging Face source "${k}" for the Skywork recipes; known: ` +
          `${SKYWORK_HF_INPUTS.map((s) => s.key).join(', ')}`,
      );
    const paths = typeof v === 'string' ? [v] : [...v];
    for (const p of paths)
      if (!existsSync(p)) throw new InputError({ file: p }, `no such file (given for source "${input.key}")`);
    out.set(input.key, [...(out.get(input.key) ?? []), ...paths]);
  }
  return out;
}

type Planned = { input: SkyworkHfInput; local: string[] } | { input: SkyworkHfInput; hub: HfSource; files: string[] };

/** Loads every paper source the recipe version needs, as Skywork80kInputs plus where each file came from. */
export async function loadSkywork80kInputs(options: LoadSkywork80kInputsOptions = {}): Promise<LoadedSkywork80kInputs> {
  const version = options.version ?? 'v0.1';
  const overrides = overridesBySource(options.files);
  const download = options.download ?? !setting('offline');
  const notes: string[] = [];
  const plan: Planned[] = [];
  const missing: MissingHfFile[] = [];
  for (const input of SKYWORK_HF_INPUTS) {
    if (input.v02Only && version !== 'v0.2') continue;
    const local = overrides.get(input.key);
    if (local) {
      plan.push({ input, local });
      continue;
    }
    const hub = HF_DATASETS.find((d) => d.id === input.catalogId);
    const first = hub?.files[input.split];
    if (!hub || !first) {
      notes.push(
        `${input.key}: no Hugging Face catalogue entry (src/data/hf/catalog.ts) and no local file given, so ` +
          `it is left out ` +
          `(pass --hf-file ${input.key}=<file in the Magpie DPO layout>); its Table 1 count is compared ` +
          `against 0 here.`,
      );
      continue;
    }
    const files = expandShards(first);
    for (const file of files) {
      const cachePath = hfCachePath({ repo: hub.repo, file });
      if (!download && !existsSync(cachePath)) missing.push({ source: input.key, repo: hub.repo, file, cachePath });
    }
    plan.push({ input, hub, files });
  }
  if (missing.length) throw new MissingHfFilesError(`skywork-80k-${version}`, missing);

  const inputs: LoadedSkywork80kInputs = {
    helpsteer2: [],
    offsetbias: [],
    wildguardmix: [],
    magpie: [],
    files: [],
    notes,
  };
  if (options.scorer) inputs.scorer = options.scorer;
  for (const step of plan) {
    const located: { path: string; from: SkyworkInputFile['from']; sha256?: string }[] =
      'local' in step ? step.local.map((path) => ({ path, from: 'local' as const })) : [];
    if ('hub' in step) {
      for (const file of step.files)
        located.push(
          await resolveFromHub(
            `skywork-80k-${version}`,
            step.input.key,
            { repo: step.hub.repo, file },
            { ...options, download },
          ),
        );
    }
    for (const f of located) {
      const report = await loadInto(inputs, step.input, f.path);
      inputs.files.push({
        source: step.input.key,
        path: f.path,
        from: f.from,
        sha256: f.sha256 ?? hfFileSha256(f.path),
        read: report.read,
        kept: report.kept,
        quarantined: report.quarantined,
      });
      if (report.read > 0 && report.kept === 0)
        notes.push(
          `${step.input.key}: no row of ${f.path} was usable (${JSON.stringify(report.quarantined)}); is it ` +
            `the right file?`,
        );
    }
  }
  return inputs;
}

/** resolveHfFile, with the recipe, the source and the local-file remedy added to a failed download's message. */
async function resolveFromHub(
  recipe: string,
  source: string,
  spec: HfFileSpec,
  options: HfResolveOptions,
): Promise<ResolvedHfFile> {
  try {
    return await resolveHfFile(spec, options);
  } catch (err) {
    throw new Error(
      `${recipe}: could not get ${source} from the Hugging Face sources: ${(err as Error).message}\n` +
        `Give a local copy with --hf-file ${source}=<path> (library: loadSkywork80kInputs({ files })) or ` +
        `place it at ${hfCachePath(spec)}.`,
      { cause: err },
    );
  }
}

async function loadInto(
  inputs: LoadedSkywork80kInputs,
  input: SkyworkHfInput,
  path: string,
): Promise<LoadReport<PreferencePair> | LoadReport<ResponseGroup>> {
  switch (input.role) {
    case 'helpsteer2': {
      const r = await loadHelpSteer2(path, { source: input.key });
      inputs.helpsteer2.push(...r.items);
      return r;
    }
    case 'offsetbias': {
      const r = await loadOffsetBias(path, { source: input.key });
      inputs.offsetbias.push(...r.items);
      return r;
    }
    case 'wildguardmix': {
      const r = await loadWildGuardMix(path, { source: input.key });
      inputs.wildguardmix.push(...r.items);
      return r;
    }
    case 'magpie': {
      // The loader keeps the mean ArmoRM score as meta.armoMean; selection reads meta.meanScore.
      const r = await loadMagpieDpo(path, { source: input.key });
      for (const p of r.items) {
        const mean = p.meta?.armoMean;
        inputs.magpie.push(typeof mean === 'number' ? { ...p, meta: { ...p.meta, meanScore: mean } } : p);
      }
      return r;
    }
    case 'rewardbench': {
      const r = await loadRewardBenchFiltered(path, { source: input.key });
      const prompts = (inputs.rewardbenchPrompts ??= []);
      const seen = new Set(prompts.map((b) => b.text));
      for (const p of r.items) {
        const text = lastUserText(p.prompt);
        if (!text || seen.has(text)) continue;
        seen.add(text);
        prompts.push({ benchmark: 'rewardbench', id: p.id, text } satisfies BenchmarkPrompt);
      }
      return r;
    }
  }
}

export interface RunSkywork80kOptions extends Skywork80kOptions, HfResolveOptions {
  files?: HfFileOverrides;
  scorer?: RewardScorer;
}

/** Loads the HF sources and runs the recipe; the mix records each file (path, origin, sha256) and what was left out. */
export async function runSkywork80kFromHf(options: RunSkywork80kOptions = {}): Promise<Mix> {
  const { files, scorer, download, maxBytes, fetch, ...recipe } = options;
  const loaded = await loadSkywork80kInputs({
    version: recipe.version ?? 'v0.1',
    ...(files ? { files } : {}),
    ...(scorer ? { scorer } : {}),
    ...(download !== undefined ? { download } : {}),
    ...(maxBytes !== undefined ? { maxBytes } : {}),
    ...(fetch ? { fetch } : {}),
  });
  const mix = await skywork80k(loaded, recipe);
  return {
    ...mix,
    limits: [...mix.limits, ...loaded.notes],
    params: {
      ...mix.params,
      hfFiles: loaded.files.map(({ source, path, from, sha256, read, kept }) => ({
        source,
        path,
        from,
        sha256,
        read,
        kept,
      })),
    },
  };
}
