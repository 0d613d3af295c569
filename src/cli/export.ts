// `rmw export`: hand the workbench's work to a GPU cluster and back.
//   rmw export trl|openrlhf --mix <dir> --out <dir>   a ready training job (src/export/exportJob.ts)
//   rmw export bench <name> --out pairs.jsonl          a benchmark's pairs and the script that scores them
//   rmw export lab-pack --mix <dir> --out pack.json    a mix pre-tokenised for the browser lab (labPackWrite.ts)
import { closest, defineCommand } from './flags.js';
import { UsageError } from './errors.js';
import { EVAL_DEFAULTS, EXPORT_DEFAULTS } from '../config/defaults.js';
import { BENCHES, isBench } from '../eval/namedBench.js';
import { WEIGHTS_VERSIONS } from '../eval/rewardbenchConstants.js';
import { BASE_MODELS } from '../export/baseModels.js';
import { exportBench, type ExportBenchResult } from '../export/exportBench.js';
import { ENGINES, exportJob, type ExportJobResult } from '../export/exportJob.js';
import { resolveExportLoss } from '../export/exportLoss.js';
import { roleSummary } from '../export/roleOrder.js';
import type { Engine } from '../export/jobReadme.js';
import { exportLabPack, type LabPackResult } from '../export/labPackWrite.js';

/** Flags that belong to one form of the command only: giving them to the other is a usage error. */
const JOB_ONLY = ['base-model', 'model-shape', 'gpus', 'loss'] as const;
const BENCH_ONLY = ['weights'] as const;

export const command = defineCommand({
  name: 'export',
  summary: 'Write a TRL or OpenRLHF training job for a mix, a benchmark for an outside model to score, or a lab pack',
  synopsis: [
    'rmw export trl|openrlhf --mix <dir> --out <dir> [--base-model NAME] [--model-shape P:L:H:C] [--gpus 8]',
    '                        [--loss bt|bt-margin]',
    `rmw export bench ${BENCHES.join('|')} --out <pairs.jsonl> [--mix <dir>] [--weights current|pre-2024-09-10]`,
    'rmw export lab-pack --mix <dir> --out <pack.json>',
  ],
  description: [
    'trl, openrlhf: the mix (a folder from `rmw curate`) as the engine reads it, its configs and launch script filled',
    "with the paper's hyper-parameters for the base model (each with its source; what the paper does not state is",
    'marked), and a README with what to install and the estimated GPU hours and memory. --out must be new, empty, or',
    'an earlier export of the same engine.',
    'bench: the pairs to score, one JSON line each with a stable id, and score_pairs.py beside them (Hugging Face',
    'transformers, batched, bf16, resumable); its output is the scores file `rmw eval` reads. heldout needs --mix.',
    "lab-pack: the mix's pairs that rmw train's quick preset uses (256 train, 256 held out), already tokenised, with",
    "its data card and hash, for the book's Lab page (it trains in the browser; no tokenizer ships).",
  ],
  positionals: { max: 2, names: 'trl, openrlhf, bench <benchmark>, or lab-pack' },
  flags: {
    mix: {
      type: 'string',
      arg: '<dir>',
      help: 'a curated mix folder (rmw curate --out): the job trains on it; bench heldout scores its held-out split',
    },
    out: {
      type: 'string',
      required: true,
      arg: '<dir | pairs.jsonl>',
      help: 'trl/openrlhf: the job folder; bench: the pairs file (score_pairs.py goes beside it)',
    },
    'base-model': {
      type: 'string',
      arg: '<name>',
      help: `trl/openrlhf: ${BASE_MODELS.map((m) => m.id).join(', ')}, or any id with --model-shape`,
      defaultText: EXPORT_DEFAULTS.baseModel,
    },
    'model-shape': {
      type: 'string',
      arg: 'P:L:H:C',
      help: 'trl/openrlhf: PARAMS_B:LAYERS:HIDDEN:CONTEXT from the config.json of a base model not listed',
    },
    gpus: {
      type: 'integer',
      min: 1,
      help: "trl/openrlhf: GPUs per node (a divisor of the paper's global batch of 128)",
      defaultText: String(EXPORT_DEFAULTS.gpus),
    },
    loss: {
      type: 'string',
      arg: '<loss>',
      help:
        "trl/openrlhf: bt (default) or bt-margin (the mix's margins); other losses are refused (no " +
        'engine has them)',
    },
    weights: {
      type: 'string',
      choices: WEIGHTS_VERSIONS,
      help: "bench rewardbench-lite: RewardBench's XSTest weights",
      defaultText: EVAL_DEFAULTS.weights,
    },
  },
  async run(flags, positional): Promise<ExportJobResult | ExportBenchResult | LabPackResult> {
    const [what, name] = positional;
    const misplaced = (names: readonly string[], form: string) => {
      const wrong = names.find((n) => flags[n as keyof typeof flags] !== undefined);
      if (wrong) throw new UsageError(`--${wrong} does not apply to rmw export ${form}`);
    };
    if (what === 'bench') {
      if (!name) throw new UsageError(`rmw export bench needs a benchmark: ${BENCHES.join(', ')}`);
      if (!isBench(name)) {
        const guess = closest(name, BENCHES);
        throw new UsageError(
          `the benchmark must be one of ${BENCHES.join(', ')}, got "${name}"${guess ? `; did you mean ${guess}?` : ''}`,
        );
      }
      misplaced(JOB_ONLY, 'bench');
      if (flags.weights !== undefined && name !== 'rewardbench-lite')
        throw new UsageError(`--weights applies to rewardbench-lite, not ${name}`);
      if (name === 'heldout' && !flags.mix)
        throw new UsageError('rmw export bench heldout needs --mix <dir>: the mix whose held-out split is scored');
      if (flags.mix && name !== 'heldout') throw new UsageError(`--mix applies to bench heldout, not ${name}`);
      return exportBench({ bench: name, out: flags.out, mixDir: flags.mix, weights: flags.weights });
    }
    if (what === 'lab-pack') {
      if (name !== undefined)
        throw new UsageError(`unexpected argument "${name}": rmw export lab-pack takes --mix only`);
      misplaced([...JOB_ONLY, ...BENCH_ONLY], 'lab-pack');
      if (!flags.mix) throw new UsageError('missing --mix <dir>: the curated mix the lab pack holds');
      return exportLabPack({ mixDir: flags.mix, out: flags.out });
    }
    if (!ENGINES.includes(what as Engine))
      throw new UsageError(
        `rmw export needs one of ${[...ENGINES, 'bench', 'lab-pack'].join(', ')}, got "${what ?? ''}"`,
      );
    if (name !== undefined)
      throw new UsageError(`unexpected argument "${name}": rmw export ${what} takes no benchmark`);
    misplaced(BENCH_ONLY, what);
    if (!flags.mix) throw new UsageError(`missing --mix <dir>: the curated mix rmw export ${what} trains on`);
    try {
      resolveExportLoss(flags.loss);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    return exportJob({
      engine: what as Engine,
      mixDir: flags.mix,
      outDir: flags.out,
      baseModel: flags['base-model'],
      modelShape: flags['model-shape'],
      gpus: flags.gpus,
      loss: flags.loss,
    });
  },
  format(result: unknown): string {
    const r = result as Partial<ExportJobResult & ExportBenchResult & LabPackResult>;
    if (r.dataHash) {
      const p = result as LabPackResult;
      return [
        `lab pack ${p.out}: ${p.trainPairs} train + ${p.heldOutPairs} held-out pairs (preset ${p.preset}, ` +
          `seed ${p.seed})`,
        `  mix ${p.mix} (train.parquet sha256 ${p.mixSha256}); data hash ${p.dataHash}`,
        `  ${(p.bytes / 1024).toFixed(0)} KB, ${(p.gzipBytes / 1024).toFixed(0)} KB gzip; the book's Lab loads it`,
      ].join('\n');
    }
    if (r.engine) {
      const j = result as ExportJobResult;
      const gpu = j.estimate.gpuHours.map((g) => `${g.gpu} ${g.central.toFixed(1)} GPU-h`).join(', ');
      return [
        `${j.engine} job for ${j.baseModel} in ${j.out}`,
        `  mix ${j.mix.dir}: ${j.mix.trainPairs} training pairs, ${j.mix.heldOutPairs} held out`,
        `  ${j.layout.gpus} GPUs x micro batch ${j.layout.microBatch} x ${j.layout.accumulation} ` +
          `accumulation; max length ${j.maxLength}`,
        `  estimate: ${gpu}; ${j.estimate.memoryGiB.total.toFixed(1)} GiB per GPU (README.md has the formulas)`,
        `  chat template: ${roleSummary(j.roles)} (DATA_CARD.md says which and why)`,
        `  run it there: ${j.launch}`,
        ...j.files.map((f) => `  ${f.path}`),
      ].join('\n');
    }
    const b = result as ExportBenchResult;
    return [
      `${b.bench}: ${b.pairs} pairs -> ${b.out}`,
      `  chat template: ${Object.values(b.roles.fixed).reduce((x, y) => x + (y ?? 0), 0)} prompts rewritten ` +
        `to alternate roles`,
      ...Object.entries(b.bySubset).map(([k, n]) => `  ${k.padEnd(28)} ${n}`),
      `scoring script: ${b.script}`,
      'next:',
      ...b.next.map((n) => `  ${n}`),
    ].join('\n');
  },
});
