// `rmw export`: hand the workbench's work to a GPU cluster and back.
//   rmw export trl|openrlhf --mix <dir> --out <dir>   a ready training job (src/export/exportJob.ts)
//   rmw export bench <name> --out pairs.jsonl          a benchmark's pairs and the script that scores them
import { exportBench, type ExportBenchResult } from '../export/exportBench.js';
import { ENGINES, exportJob, type ExportJobResult } from '../export/exportJob.js';
import type { Engine } from '../export/jobReadme.js';
import { BENCH_NAMES } from '../eval/namedBench.js';
import { BASE_MODELS } from '../export/baseModels.js';
import { flagNumber, flagString, requireFlag } from './args.js';
import type { CliCommand, ParsedArgs } from './types.js';

export const command: CliCommand = {
  name: 'export',
  summary: 'Write a TRL or OpenRLHF training job for a mix, or a benchmark for an outside model to score',
  usage: [
    'usage: rmw export trl|openrlhf --mix <dir> --out <dir> [--base-model NAME] [--model-shape P:L:H:C] [--gpus 8]',
    `       rmw export bench ${BENCH_NAMES.join('|')} --out <pairs.jsonl> [--mix <dir>] [--weights current|pre-2024-09-10]`,
    '',
    'trl, openrlhf: the mix (a folder from `rmw curate`) as the engine reads it, its configs and launch script filled',
    "with the paper's hyper-parameters for the base model (each with its source; what the paper does not state is",
    'marked), and a README with what to install and the estimated GPU hours and memory. --out must be new, empty, or',
    'an earlier export of the same engine.',
    `  --base-model  ${BASE_MODELS.map((m) => m.id).join(', ')} (default the first), or any id with --model-shape`,
    '  --model-shape PARAMS_B:LAYERS:HIDDEN:CONTEXT from the model config, for a base model not listed',
    "  --gpus        GPUs per node (a divisor of the paper's global batch of 128; default 8)",
    'bench: the pairs to score, one JSON line each with a stable id, and score_pairs.py beside them (Hugging Face',
    'transformers, batched, bf16, resumable); its output is what `rmw eval --scores` reads. heldout needs --mix.',
  ].join('\n'),
  async run(args: ParsedArgs): Promise<ExportJobResult | ExportBenchResult> {
    const [what, name, ...extra] = args.positional;
    if (what === 'bench') {
      if (!name) throw new Error(`rmw export bench needs a benchmark: ${BENCH_NAMES.join(', ')}`);
      if (extra.length) throw new Error(`unexpected arguments: ${extra.join(' ')}`);
      return exportBench({
        bench: name,
        out: requireFlag(args, 'out'),
        mixDir: flagString(args, 'mix'),
        weights: flagString(args, 'weights'),
      });
    }
    if (!ENGINES.includes(what as Engine))
      throw new Error(`rmw export needs one of ${[...ENGINES, 'bench'].join(', ')}, got "${what ?? ''}"`);
    if (name !== undefined) throw new Error(`unexpected arguments: ${[name, ...extra].join(' ')}`);
    return exportJob({
      engine: what as Engine,
      mixDir: requireFlag(args, 'mix'),
      outDir: requireFlag(args, 'out'),
      baseModel: flagString(args, 'base-model'),
      modelShape: flagString(args, 'model-shape'),
      gpus: flagNumber(args, 'gpus', 8),
    });
  },
  format(result: unknown): string {
    const r = result as Partial<ExportJobResult & ExportBenchResult>;
    if (r.engine) {
      const j = result as ExportJobResult;
      const gpu = j.estimate.gpuHours.map((g) => `${g.gpu} ${g.central.toFixed(1)} GPU-h`).join(', ');
      return [
        `${j.engine} job for ${j.baseModel} in ${j.out}`,
        `  mix ${j.mix.dir}: ${j.mix.trainPairs} training pairs, ${j.mix.heldOutPairs} held out`,
        `  ${j.layout.gpus} GPUs x micro batch ${j.layout.microBatch} x ${j.layout.accumulation} accumulation; max length ${j.maxLength}`,
        `  estimate: ${gpu}; ${j.estimate.memoryGiB.total.toFixed(1)} GiB per GPU (README.md has the formulas)`,
        `  run it there: ${j.launch}`,
        ...j.files.map((f) => `  ${f.path}`),
      ].join('\n');
    }
    const b = result as ExportBenchResult;
    return [
      `${b.bench}: ${b.pairs} pairs -> ${b.out}`,
      ...Object.entries(b.bySubset).map(([k, n]) => `  ${k.padEnd(28)} ${n}`),
      `scoring script: ${b.script}`,
      'next:',
      ...b.next.map((n) => `  ${n}`),
    ].join('\n');
  },
};
