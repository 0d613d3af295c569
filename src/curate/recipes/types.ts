// What a recipe produces: the training mix, the held-out split, every step's report, the composition before and
// after curation (the numbers behind the paper's Figure 1), and what the data card needs to say.
import type { PreferencePair } from '../../data/schema.js';
import type { DecontamFlag } from '../decontaminate.js';
import type { StepReport } from '../report.js';

/** Each trick can be switched off for ablations (the CLI's --no-* flags). */
export interface CurationFlags {
  decontaminate: boolean;
  offsets: boolean;
  topk: boolean;
  filter: boolean;
  dedup: boolean;
}

export const ALL_TRICKS_ON: CurationFlags = {
  decontaminate: true,
  offsets: true,
  topk: true,
  filter: true,
  dedup: true,
};

export interface SourceUse {
  /** Source name as it appears in the mix's `source` column. */
  source: string;
  /** Manifest ids (or HF dataset names) the rows came from. */
  origin: string[];
  /** The paper role this source plays (e.g. "Magpie (AI-judged best-vs-worst)"). */
  paperRole: string;
  licence: string;
  /** How pairs were made and selected, in one line. */
  rule: string;
}

export interface DecontamSummary {
  applied: boolean;
  n?: number;
  threshold?: number;
  normalisation?: string;
  benchmarks: Record<string, number>;
  removedBySource: Record<string, number>;
  removedByBenchmark: Record<string, number>;
  benchmarkPromptsMatched: Record<string, number>;
  /** Every flagged pair: id, source, benchmark, benchmark item, matched n-gram. */
  flagged: DecontamFlag[];
}

export interface PaperCheckRow {
  source: string;
  paper: number;
  ours: number;
  diff: number;
}

export interface Mix {
  recipe: string;
  seed: number;
  flags: CurationFlags;
  train: PreferencePair[];
  heldOut: PreferencePair[];
  steps: StepReport[];
  composition: { before: Record<string, number>; after: Record<string, number> };
  sources: SourceUse[];
  rules: string[];
  decontamination: DecontamSummary;
  limits: string[];
  /** Paper recipes: ours vs paper Table 1, per source (before the held-out split). */
  paperCheck?: PaperCheckRow[];
  params: Record<string, unknown>;
}

export interface RecipeOptions {
  seed?: number;
  flags?: Partial<CurationFlags>;
  heldOutFraction?: number;
  heldOutSalt?: string;
}

export function resolveFlags(f: Partial<CurationFlags> | undefined): CurationFlags {
  return { ...ALL_TRICKS_ON, ...(f ?? {}) };
}
