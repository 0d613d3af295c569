// Building one experiment mix into its folder: a workbench recipe over the real offline inputs (with the safety
// scorer injected when the spec names one), or a mix derived from other mixes' written files. The folder holds
// writeMix's files, mix-meta.json (the Mix without its pair arrays) and record.json; it is built in a staging
// folder and put in place whole (util/output), replacing the mix of an older key.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorkbenchInputs, runRecipe } from '../curate/recipes/index.js';
import type { Mix } from '../curate/recipes/types.js';
import type { WorkbenchInputs } from '../curate/recipes/workbench.js';
import { countBySource } from '../curate/report.js';
import { MIX_OUTPUT, writeMix } from '../curate/writeMix.js';
import { openFolderOutput } from '../util/output/folderOutput.js';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { readMixFolder } from '../curate/readMix.js';
import type { PreferencePair } from '../data/schema.js';
import type { RewardScorer } from '../model/types.js';
import { canonicalJson } from '../util/hash.js';
import type { MixSpec } from './plan.js';
import { readJsonFile } from '../util/jsonFile.js';

export const MIX_RECORD = 'record.json';
export const MIX_META = 'mix-meta.json';
export const MIX_RECORD_FORMAT = 'rmw-experiment-mix/1';

export interface MixRecord {
  format: typeof MIX_RECORD_FORMAT;
  id: string;
  key: string;
  description: string;
  recipe: string;
  seed: number;
  flags: Mix['flags'];
  /** sha256 of train.parquet: the data hash runs record. */
  sha256: string;
  trainPairs: number;
  heldOutPairs: number;
  composition: Mix['composition'];
  decontamination: {
    applied: boolean;
    n?: number;
    removedBySource: Record<string, number>;
    removedByBenchmark: Record<string, number>;
    flagged: number;
  };
  scorer: string | null;
  steps: { step: string; scope?: string; input: number; kept: number }[];
  seconds: number;
}

let inputsCache: Promise<WorkbenchInputs> | undefined;
/** The offline recipe inputs, loaded once per process (every mix of a worker reuses them). */
export function workbenchInputs(): Promise<WorkbenchInputs> {
  inputsCache ??= loadWorkbenchInputs();
  return inputsCache;
}

export function readMixRecord(dir: string): MixRecord | undefined {
  const p = join(dir, MIX_RECORD);
  return existsSync(p) ? readJsonFile<MixRecord>(p) : undefined;
}

/** A written mix back as a Mix (pairs from its Parquet files). */
export async function readMix(dir: string): Promise<Mix> {
  const meta = readJsonFile<Omit<Mix, 'train' | 'heldOut'>>(join(dir, MIX_META));
  return {
    ...meta,
    ...(({ train, heldOut }) => ({ train, heldOut }))(await readMixFolder(dir)),
  };
}

function derived(base: Mix, train: PreferencePair[], recipe: string, note: string): Mix {
  return {
    ...base,
    recipe,
    train,
    composition: { before: base.composition.before, after: countBySource(train) },
    limits: [...base.limits, note],
  };
}

export interface BuildMixContext {
  dir: string;
  key: string;
  seed: number;
  /** Folders of the mixes this one derives from, by mix id. */
  mixDirs: Record<string, string>;
  scorer?: RewardScorer;
}

export async function buildMix(spec: MixSpec, ctx: BuildMixContext): Promise<MixRecord> {
  const t0 = performance.now();
  let mix: Mix;
  const d = spec.derive;
  if (d?.kind === 'drop-sources') {
    const from = await readMix(ctx.mixDirs[d.from]);
    const drop = new Set(d.sources);
    mix = derived(
      from,
      from.train.filter((p) => !drop.has(p.source)),
      `${from.recipe} without ${d.sources.join(', ')}`,
      `Derived from mix "${d.from}" by dropping ${d.sources.join(', ')} (experiments: ${spec.id}).`,
    );
    mix.heldOut = from.heldOut;
  } else if (d?.kind === 'add-flagged') {
    const base = await readMix(ctx.mixDirs[d.base]);
    const from = await readMix(ctx.mixDirs[d.from]);
    const wanted = new Set(d.sources);
    const flagged = new Set(base.decontamination.flagged.filter((f) => wanted.has(f.source)).map((f) => f.pairId));
    const have = new Set(base.train.map((p) => p.id));
    const added = from.train.filter((p) => flagged.has(p.id) && !have.has(p.id));
    mix = derived(
      base,
      [...base.train, ...added],
      `${base.recipe} + contaminated ${d.sources.join(', ')}`,
      `Derived: mix "${d.base}" plus the ${added.length} ${d.sources.join(', ')} pairs of mix "${d.from}" ` +
        `that "${d.base}"'s decontamination flagged.`,
    );
    mix.params = { ...mix.params, addedContaminated: added.length };
  } else {
    mix = await runRecipe(spec.recipe, {
      seed: ctx.seed,
      flags: spec.flags,
      scorer: ctx.scorer,
      inputs: await workbenchInputs(),
    });
  }
  // The runner rebuilds a mix only when its key changed: the old one (if any) is replaced whole.
  const output = openFolderOutput(ctx.dir, {
    kind: { ...MIX_OUTPUT, writer: 'rmw experiment' },
    replace: true,
    force: true,
    inputs: Object.values(ctx.mixDirs).map((path) => ({ path, what: 'a mix it derives from' })),
  });
  try {
    const record = writeMixFolder(output.dir, spec, ctx, mix, t0);
    output.commit();
    return record;
  } finally {
    output.abandon();
  }
}

function writeMixFolder(dir: string, spec: MixSpec, ctx: BuildMixContext, mix: Mix, t0: number): MixRecord {
  const written = writeMix(dir, mix);
  const { train: _t, heldOut: _h, ...meta } = mix;
  writeFileAtomic(join(dir, MIX_META), `${canonicalJson(meta)}\n`);
  const record: MixRecord = {
    format: MIX_RECORD_FORMAT,
    id: spec.id,
    key: ctx.key,
    description: spec.description,
    recipe: mix.recipe,
    seed: mix.seed,
    flags: mix.flags,
    sha256: written.sha256,
    trainPairs: mix.train.length,
    heldOutPairs: mix.heldOut.length,
    composition: mix.composition,
    decontamination: {
      applied: mix.decontamination.applied,
      n: mix.decontamination.n,
      removedBySource: mix.decontamination.removedBySource,
      removedByBenchmark: mix.decontamination.removedByBenchmark,
      flagged: mix.decontamination.flagged.length,
    },
    scorer: ctx.scorer?.name ?? null,
    steps: mix.steps.map((s) => ({ step: s.step, scope: s.scope, input: s.input, kept: s.kept })),
    seconds: Number(((performance.now() - t0) / 1000).toFixed(2)),
  };
  writeFileAtomic(join(dir, MIX_RECORD), `${canonicalJson(record, 2)}\n`);
  return record;
}
