// The hyper-parameters an exported job trains with, each with where it comes from. The paper's values are read from
// data/paper/training-hparams.json (paper-facts §6, mostly [S]: two secondary summaries, not the paper's text); what
// the paper does not state is marked so and filled by a stated rule: the workbench's own training defaults where it
// has one (src/train/config.ts), the mix's measured lengths for the maximum length, the engines' defaults otherwise.
import { loadPaperTable, type TrainingHparams } from '../report/paperData.js';
import { DEFAULT_TRAIN_CONFIG } from '../train/config.js';
import type { BaseModel } from './baseModels.js';

export interface Hparam<T> {
  value: T;
  /** True when the paper (or its authors) state this value; false when the exporter chose it. */
  paper: boolean;
  /** Where the value comes from, one line (written beside the value in every config). */
  source: string;
}

export interface JobHparams {
  learningRate: Hparam<number>;
  epochs: Hparam<number>;
  globalBatchSize: Hparam<number>;
  scheduler: Hparam<'cosine'>;
  warmupRatio: Hparam<number>;
  weightDecay: Hparam<number>;
  adamBetas: Hparam<[number, number]>;
  maxGradNorm: Hparam<number>;
  maxLength: Hparam<number>;
  precision: Hparam<'bf16'>;
  loss: Hparam<'bradley-terry'>;
  seed: Hparam<number>;
}

const FILE = 'data/paper/training-hparams.json';
const NOT_STATED = 'NOT STATED by the paper';

function row(table: TrainingHparams, item: string) {
  const r = table.rows.find((x) => x.item === item);
  if (!r) throw new Error(`${FILE}: no row "${item}"`);
  return r;
}

function paperSource(r: { tag: string; where: string }, note = ''): string {
  return `paper [${r.tag}] (${r.where}; ${FILE})${note}`;
}

function numberIn(text: string, re: RegExp, what: string): number {
  const m = re.exec(text);
  const v = m ? Number(m[1]) : NaN;
  if (!Number.isFinite(v)) throw new Error(`${FILE}: cannot read ${what} from "${text}"`);
  return v;
}

/** The paper's learning rate per base model, e.g. "2e-6 (Llama-3.1-8B), 1e-6 (Gemma-2-27B)". */
export function paperLearningRates(table: TrainingHparams): Record<string, number> {
  const text = String(row(table, 'learning rate').value);
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/([0-9.]+e-?[0-9]+)\s*\(([^)]+)\)/g)) out[m[2].trim()] = Number(m[1]);
  if (!Object.keys(out).length) throw new Error(`${FILE}: cannot read learning rates from "${text}"`);
  return out;
}

/**
 * The job's hyper-parameters for a base model. `maxLength` is measured on the mix (mixStats.ts) because the paper
 * does not give one; it arrives here with its own source text.
 */
export function jobHparams(
  base: BaseModel,
  maxLength: Hparam<number>,
  table: TrainingHparams = loadPaperTable('training-hparams'),
): JobHparams {
  const lrRow = row(table, 'learning rate');
  const rates = paperLearningRates(table);
  const own = base.paperName ? rates[base.paperName] : undefined;
  const fallbackName = 'Llama-3.1-8B';
  if (own === undefined && rates[fallbackName] === undefined)
    throw new Error(`${FILE}: no learning rate for ${fallbackName}`);
  const learningRate: Hparam<number> =
    own !== undefined
      ? { value: own, paper: true, source: paperSource(lrRow, `, for ${base.paperName}`) }
      : {
          value: rates[fallbackName],
          paper: false,
          source: `${NOT_STATED} for ${base.id}; its ${fallbackName} value reused (${paperSource(lrRow)})`,
        };
  const epochsRow = row(table, 'epochs');
  const batchRow = row(table, 'global batch size');
  const schedRow = row(table, 'schedule');
  const optRow = row(table, 'optimizer');
  const lossRow = row(table, 'loss');
  const precisionRow = row(table, 'precision');
  if (String(schedRow.value).trim() !== 'cosine')
    throw new Error(`${FILE}: schedule is "${schedRow.value}", not cosine`);
  if (!/Bradley-Terry/.test(String(lossRow.value))) throw new Error(`${FILE}: loss is "${lossRow.value}"`);
  if (!/BF16/i.test(String(precisionRow.value))) throw new Error(`${FILE}: precision is "${precisionRow.value}"`);
  const ours = DEFAULT_TRAIN_CONFIG;
  return {
    learningRate,
    epochs: {
      value: numberIn(String(epochsRow.value), /^([0-9]+)$/, 'epochs'),
      paper: true,
      source: paperSource(epochsRow),
    },
    globalBatchSize: {
      value: numberIn(String(batchRow.value), /^([0-9]+)$/, 'global batch size'),
      paper: true,
      source: paperSource(batchRow),
    },
    scheduler: { value: 'cosine', paper: true, source: paperSource(schedRow) },
    warmupRatio: {
      value: ours.warmupFraction,
      paper: false,
      source: `${NOT_STATED}; the workbench's own warmup fraction (src/train/config.ts), linear warmup`,
    },
    weightDecay: {
      value: numberIn(String(optRow.value), /weight decay\s*([0-9.]+e-?[0-9]+)/, 'weight decay'),
      paper: true,
      source: paperSource(optRow, ', AdamW'),
    },
    adamBetas: {
      value: [ours.beta1, ours.beta2],
      paper: false,
      source: `${NOT_STATED}; AdamW's usual (0.9, 0.999), as the workbench uses (src/train/config.ts)`,
    },
    maxGradNorm: {
      value: ours.clipNorm,
      paper: false,
      source: `${NOT_STATED}; global-norm clipping at 1.0, the workbench's and both engines' default`,
    },
    maxLength,
    precision: { value: 'bf16', paper: true, source: paperSource(precisionRow, ': the released models are BF16') },
    loss: {
      value: 'bradley-terry',
      paper: true,
      source: paperSource(lossRow, ': -log sigmoid(r_chosen - r_rejected)'),
    },
    seed: { value: 42, paper: false, source: `${NOT_STATED}; 42, the default seed of TRL and OpenRLHF` },
  };
}
