// `rmw curate <recipe> --out <dir>`: build a preference mix from a recipe and write it (Parquet; Arrow and JSONL on
// request with --formats; held-out split, data card, composition). Same recipe + seed + flags -> same train.parquet
// sha256.
import { runRecipe, RECIPE_NAMES } from '../curate/recipes/index.js';
import { parseHfFileFlag } from '../curate/recipes/skyworkInputs.js';
import { checkMixFormats, writeMix } from '../curate/writeMix.js';
import { loadRun } from '../model/loadRun.js';
import { flagBool, flagNumber, flagString } from './args.js';
import type { CliCommand, ParsedArgs } from './types.js';

const TRICKS = ['decontaminate', 'offsets', 'topk', 'filter', 'dedup'] as const;

function trickFlags(args: ParsedArgs) {
  const flags: Record<string, boolean> = {};
  for (const t of TRICKS) {
    const v = args.flags[`no-${t}`];
    if (typeof v === 'string' && v !== 'true' && v !== '1' && v !== 'false') {
      throw new Error(`--no-${t} takes no value (got "${v}"); put the recipe name before the flags`);
    }
    flags[t] = !flagBool(args, `no-${t}`);
  }
  return flags;
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

export const command: CliCommand = {
  name: 'curate',
  summary: 'Build a preference mix from a recipe (workbench, uncurated, skywork-80k-v0.1/v0.2)',
  usage: [
    'usage: rmw curate <recipe> --out <dir> [--seed N] [--held-out F] [--scorer <run dir>] [--hf-file <source>=<path>,...]',
    '                  [--no-decontaminate] [--no-offsets] [--no-topk] [--no-filter] [--no-dedup]',
    '                  [--formats parquet[,arrow][,jsonl]] [--json]',
    '',
    `recipes: ${RECIPE_NAMES.join(', ')}`,
    "  workbench   the paper's tricks on the offline real sources (stand-ins for each paper role)",
    '  uncurated   the pool with no tricks (all AlpacaEval sample pairs, every source unfiltered; held-out only)',
    "  skywork-80k-v0.1 / v0.2  the paper's Hugging Face sources: --hf-file files, else the cache, else a hub download",
    '              (RMW_OFFLINE=1 refuses; HF_TOKEN for the gated allenai/wildguardmix); --held-out defaults to 0 here',
    '--hf-file: comma-separated <source>=<path> (repeat a source for several shards); sources: helpsteer2, offsetbias,',
    '  wildguardmix, magpie-ultra-v0.1, magpie-pro-llama3.1, magpie-pro-llama3, magpie-air, reward-bench (v0.2).',
    '',
    'Writes <dir>/train.parquet and heldout.parquet (HF preference layout), datacard.md, datacard.json,',
    'composition.json, decontamination.json. Prints the sha256 of train.parquet.',
    '--formats: pair file formats, comma-separated (default parquet; arrow and jsonl add train/heldout .arrow/.jsonl).',
    '--scorer: a trained run folder (rmw train) that scores HH-harmless (workbench) or WildGuardMix (skywork) pairs for the two-stage filter; without',
    "it the filter's stage two is skipped and the report says so.",
  ].join('\n'),
  async run(args): Promise<CurateResult> {
    const recipe = args.positional[0];
    if (!recipe) throw new Error(`missing recipe name (${RECIPE_NAMES.join(', ')})`);
    const out = flagString(args, 'out');
    if (!out) throw new Error('missing --out <dir>');
    const seed = flagNumber(args, 'seed', 0)!;
    if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed must be a non-negative integer, got ${seed}`);
    const skywork = recipe.startsWith('skywork-80k-');
    const heldOutFraction = flagNumber(args, 'held-out', skywork ? 0 : 0.1)!;
    const hfFlag = flagString(args, 'hf-file');
    const hfFiles = hfFlag ? parseHfFileFlag(hfFlag) : undefined;
    const scorerDir = flagString(args, 'scorer');
    const flags = trickFlags(args);
    const formats = checkMixFormats((flagString(args, 'formats') ?? 'parquet').split(',').map((s) => s.trim()));
    const t0 = Date.now();
    const scorer = scorerDir ? await loadRun(scorerDir) : undefined;
    const mix = await runRecipe(recipe, {
      seed,
      flags,
      heldOutFraction,
      ...(scorer ? { scorer } : {}),
      ...(hfFiles ? { hfFiles } : {}),
    });
    const written = writeMix(out, mix, { formats });
    return {
      recipe: mix.recipe,
      seed,
      out,
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
      seconds: +((Date.now() - t0) / 1000).toFixed(2),
    };
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
          `${n.padEnd(w)}  ${String(r.composition.before[n] ?? 0).padStart(6)}  ${String(r.composition.after[n] ?? 0).padStart(6)}`,
      ),
      `total ${r.total} training pairs, ${r.heldOut} held out; train.parquet sha256 ${r.sha256} (${r.seconds} s)`,
      ...r.steps.flatMap((s) => (s.notes ?? []).map((n) => `note [${s.step}${s.scope ? ` ${s.scope}` : ''}]: ${n}`)),
    ].join('\n');
  },
};
