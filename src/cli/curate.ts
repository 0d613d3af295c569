// `rmw curate <recipe> --out <dir>`: build a preference mix from a recipe and write it (Parquet; Arrow and JSONL on
// request with --formats; held-out split, data card, composition). Same recipe + seed + flags -> same train.parquet
// sha256.
import { yieldNow } from '../util/yieldTo.js';
import { runRecipe, RECIPE_NAMES } from '../curate/recipes/index.js';
import { parseHfFileFlag } from '../curate/recipes/skyworkInputs.js';
import { checkMixFormats, openMixOutput, writeMix } from '../curate/writeMix.js';
import { loadRun } from '../train/loadRun.js';
import { runInputs } from '../train/runFolder.js';
import { CURATE_DEFAULTS, DEFAULT_SEED } from '../config/defaults.js';
import { closest, defineCommand } from './flags.js';
import { offThread } from './offThread.js';
import { UsageError } from './errors.js';

const FLAGS = {
  out: { type: 'string', required: true, arg: '<dir>', help: 'folder the mix is written to' },
  seed: { type: 'integer', min: 0, default: DEFAULT_SEED, help: 'seed of dedup tie-breaks and target sampling' },
  'held-out': {
    type: 'number',
    min: 0,
    arg: 'F',
    help: 'fraction of prompts held out by prompt hash',
    defaultText: `${CURATE_DEFAULTS.heldOutFraction}; ${CURATE_DEFAULTS.paperRecipeHeldOutFraction} for skywork-80k-*`,
  },
  scorer: { type: 'string', arg: '<run dir>', help: "a trained run that scores pairs for the filter's stage two" },
  'hf-file': { type: 'string', arg: '<source>=<path>,...', help: "local files of the paper's Hugging Face sources" },
  'no-decontaminate': { type: 'boolean', help: 'skip n-gram decontamination against the benchmarks' },
  'no-offsets': { type: 'boolean', help: 'skip the per-source score offsets' },
  'no-topk': { type: 'boolean', help: 'skip the per-category top-k selection' },
  'no-filter': { type: 'boolean', help: 'skip the two-stage reward-model filter' },
  'no-dedup': { type: 'boolean', help: 'skip exact and MinHash dedup' },
  force: { type: 'boolean', help: 'replace a finished mix in --out (the whole folder, once the new mix is written)' },
  formats: {
    type: 'string',
    arg: 'parquet[,arrow][,jsonl]',
    help: 'pair file formats, comma-separated (Parquet is always written)',
    defaultText: 'parquet',
  },
} as const;

const TRICKS = ['decontaminate', 'offsets', 'topk', 'filter', 'dedup'] as const;

/** What the worker thread sends back of a mix it wrote: the result without the command's own fields. */
type BuiltMix = Omit<CurateResult, 'seed' | 'out' | 'seconds'>;

/** Builds the recipe's mix and writes it into `dir` (the staging folder); run in a worker thread (offThread). */
export async function buildMixInto(
  dir: string,
  recipe: string,
  o: {
    seed: number;
    tricks: Record<string, boolean>;
    heldOutFraction: number;
    scorerDir?: string;
    hfFiles?: ReturnType<typeof parseHfFileFlag>;
    formats?: ReturnType<typeof checkMixFormats>;
  },
): Promise<BuiltMix> {
  const scorer = o.scorerDir ? await loadRun(o.scorerDir) : undefined;
  const mix = await runRecipe(recipe, {
    seed: o.seed,
    flags: o.tricks,
    heldOutFraction: o.heldOutFraction,
    ...(scorer ? { scorer } : {}),
    ...(o.hfFiles ? { hfFiles: o.hfFiles } : {}),
  });
  const written = writeMix(dir, mix, o.formats ? { formats: o.formats } : {});
  return {
    recipe: mix.recipe,
    flags: { ...mix.flags },
    composition: mix.composition,
    total: mix.train.length,
    heldOut: mix.heldOut.length,
    sha256: written.sha256,
    files: written.files,
    steps: mix.steps.map((s) => ({
      step: s.step,
      ...(s.scope ? { scope: s.scope } : {}),
      input: s.input,
      kept: s.kept,
      dropped: s.dropped,
      ...(s.notes ? { notes: s.notes } : {}),
    })),
  };
}

/** --formats as mix formats; an unknown one is a usage error. */
function checkFormats(value: string) {
  try {
    return checkMixFormats(value.split(',').map((s) => s.trim()));
  } catch (err) {
    throw new UsageError(`--formats: ${(err as Error).message}`);
  }
}

export interface CurateResult {
  recipe: string;
  seed: number;
  out: string;
  flags: Record<string, boolean>;
  composition: { before: Record<string, number>; after: Record<string, number> };
  total: number;
  heldOut: number;
  sha256: string;
  files: Record<string, string>;
  steps: {
    step: string;
    scope?: string;
    input: number;
    kept: number;
    dropped: Record<string, number>;
    notes?: string[];
  }[];
  seconds: number;
}

export const command = defineCommand({
  name: 'curate',
  summary: 'Build a preference mix from a recipe (workbench, uncurated, skywork-80k-v0.1/v0.2)',
  synopsis: [
    'rmw curate <recipe> --out <dir> [--seed N] [--held-out F] [--scorer <run dir>] [--hf-file <source>=<path>,...]',
    '                    [--no-decontaminate] [--no-offsets] [--no-topk] [--no-filter] [--no-dedup]',
    '                    [--formats parquet[,arrow][,jsonl]] [--force] [--json]',
  ],
  description: [
    `recipes: ${RECIPE_NAMES.join(', ')}`,
    "  workbench   the paper's tricks on the offline real sources (stand-ins for each paper role)",
    '  uncurated   the pool with no tricks (all AlpacaEval sample pairs, every source unfiltered; held-out only)',
    "  skywork-80k-v0.1 / v0.2  the paper's Hugging Face sources: --hf-file files, else the cache, else a hub download",
    '              (RMW_OFFLINE=1 refuses; HF_TOKEN for the gated allenai/wildguardmix); --held-out defaults to 0 here',
    '--hf-file: comma-separated <source>=<path> (repeat a source for several shards); sources: helpsteer2, offsetbias,',
    '  wildguardmix, magpie-ultra-v0.1, magpie-pro-llama3.1, magpie-pro-llama3, magpie-air, reward-bench (v0.2).',
    '',
    'Writes <dir>/train.parquet and heldout.parquet (HF preference layout), datacard.md, datacard.json,',
    'composition.json, decontamination.json. Prints the sha256 of train.parquet. The mix is built beside <dir> and',
    'put in place whole when complete; an existing mix is replaced only with --force, and a folder rmw curate did',
    'not write (or one another process is writing) is refused before any work.',
    '--formats: pair file formats, comma-separated (default parquet; arrow and jsonl add train/heldout .arrow/.jsonl).',
    '--scorer: a trained run folder (rmw train) that scores HH-harmless (workbench) or WildGuardMix (skywork) pairs',
    "for the two-stage filter; without it the filter's stage two is skipped and the report says so.",
  ],
  flags: FLAGS,
  positionals: { max: 1, names: 'one recipe name' },
  async run(flags, positional): Promise<CurateResult> {
    const recipe = positional[0];
    if (!recipe) throw new UsageError(`missing recipe name (${RECIPE_NAMES.join(', ')})`);
    if (!(RECIPE_NAMES as readonly string[]).includes(recipe)) {
      const guess = closest(recipe, RECIPE_NAMES);
      throw new UsageError(
        `unknown recipe "${recipe}"${guess ? `; did you mean ${guess}?` : ''} (recipes: ${RECIPE_NAMES.join(', ')})`,
      );
    }
    const { out, seed } = flags;
    const skywork = recipe.startsWith('skywork-80k-');
    const heldOutFraction =
      flags['held-out'] ?? (skywork ? CURATE_DEFAULTS.paperRecipeHeldOutFraction : CURATE_DEFAULTS.heldOutFraction);
    if (heldOutFraction > 1) throw new UsageError(`--held-out must be a fraction in [0, 1], got ${heldOutFraction}`);
    const hfFiles = flags['hf-file'] ? parseHfFileFlag(flags['hf-file']) : undefined;
    const scorerDir = flags.scorer;
    const tricks = Object.fromEntries(TRICKS.map((t) => [t, !flags[`no-${t}`]]));
    const formats = flags.formats === undefined ? undefined : checkFormats(flags.formats);
    const t0 = Date.now();
    const inputs = [
      ...(scorerDir ? runInputs(scorerDir, '--scorer') : []),
      ...Object.values(hfFiles ?? {}).flatMap((paths) => paths.map((path) => ({ path, what: '--hf-file' }))),
    ];
    const output = openMixOutput(out, { force: flags.force, inputs });
    let built: BuiltMix;
    try {
      // the recipe's passes are synchronous: run off the main thread, so a Ctrl-C stops them at once
      built = await offThread<BuiltMix>(new URL(import.meta.url), 'buildMixInto', [
        output.dir,
        recipe,
        { seed, tricks, heldOutFraction, scorerDir, hfFiles, formats },
      ]);
      await yieldNow(); // a signal that came as the mix was written stops it here, before it is published
      output.commit();
    } finally {
      output.abandon();
    }
    return { ...built, seed, out, seconds: +((Date.now() - t0) / 1000).toFixed(2) };
  },
  format(result) {
    const r = result as CurateResult;
    const names = [...new Set([...Object.keys(r.composition.before), ...Object.keys(r.composition.after)])].sort();
    const w = Math.max(...names.map((n) => n.length), 6);
    return [
      `${r.recipe} (seed ${r.seed}) -> ${r.out}`,
      `${'source'.padEnd(w)}  before   after`,
      ...names.map(
        (n) =>
          `${n.padEnd(w)}  ${String(r.composition.before[n] ?? 0).padStart(6)}  ` +
          `${String(r.composition.after[n] ?? 0).padStart(6)}`,
      ),
      `total ${r.total} training pairs, ${r.heldOut} held out; train.parquet sha256 ${r.sha256} (${r.seconds} s)`,
      ...r.steps.flatMap((s) => (s.notes ?? []).map((n) => `note [${s.step}${s.scope ? ` ${s.scope}` : ''}]: ${n}`)),
    ].join('\n');
  },
});
