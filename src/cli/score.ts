// `rmw score`: RewardBench section scores and total from a per-subset accuracy JSON (reward-bench's shape).
import { readFileSync } from 'node:fs';
import { defineCommand } from './flags.js';
import { EVAL_DEFAULTS } from '../config/defaults.js';
import { InputError } from '../util/errors.js';
import { isWeightsVersion, WEIGHTS_VERSIONS } from '../eval/rewardbenchConstants.js';
import { extractSubsetAccuracies, sectionCoverage, sectionScores } from '../eval/rewardbenchScore.js';

export interface ScoreResult {
  Chat: number;
  'Chat Hard': number;
  Safety: number;
  Reasoning: number;
  score: number;
}

export interface ScoreDetails {
  result: ScoreResult;
  /** Sections missing some of their subsets in the input (scored over what is present). */
  partialSections: string[];
  /** Sections with none of their subsets in the input: 0 by RewardBench's rule, which pulls the score down. */
  emptySections: string[];
  subsets: number;
}

export function scoreMetricsFile(path: string, weights: string): ScoreDetails {
  if (!isWeightsVersion(weights)) {
    throw new Error(`--weights must be one of ${WEIGHTS_VERSIONS.join(', ')}, got "${weights}"`);
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new InputError({ file: path }, `cannot read JSON: ${(err as Error).message}`);
  }
  const acc = extractSubsetAccuracies(json, path);
  const s = sectionScores(acc, { weights });
  const cov = sectionCoverage(acc);
  const partialSections = Object.entries(cov)
    .filter(([, c]) => c.missing.length > 0 && c.present.length > 0)
    .map(([k]) => k);
  const emptySections = Object.entries(cov)
    .filter(([, c]) => c.present.length === 0)
    .map(([k]) => k);
  return { result: s, partialSections, emptySections, subsets: Object.keys(acc).length };
}

export const command = defineCommand({
  name: 'score',
  summary: 'RewardBench section scores from per-subset accuracies',
  synopsis: ['rmw score --metrics <file.json> [--weights current|pre-2024-09-10] [--json]'],
  description: [
    'Reads a reward-bench style per-subset accuracy JSON ({"alpacaeval-easy": 0.96, ...}, or a results file that',
    'nests them) and prints Chat, Chat Hard, Safety, Reasoning and score as fractions, computed as RewardBench does:',
    'each section is the EXAMPLE_COUNTS-weighted mean of its subsets (math-prm weighted 984), score = mean of ' +
      'the four.',
    "--weights pre-2024-09-10 uses the XSTest weights before RewardBench commit 6552e93 (the paper's v0.1 rows).",
  ],
  flags: {
    metrics: { type: 'string', required: true, arg: '<file.json>', help: 'per-subset accuracy JSON' },
    weights: {
      type: 'string',
      choices: WEIGHTS_VERSIONS,
      default: EVAL_DEFAULTS.weights,
      help: "RewardBench's XSTest weights",
    },
  },
  async run(flags) {
    const { weights } = flags;
    const d = scoreMetricsFile(flags.metrics, weights);
    process.stderr.write(`rmw score: ${d.subsets} subsets, ${weights} weights\n`);
    if (d.partialSections.length) {
      process.stderr.write(
        `rmw score: partial sections (scored over the subsets present): ${d.partialSections.join(', ')}\n`,
      );
    }
    if (d.emptySections.length) {
      process.stderr.write(
        `rmw score: no RewardBench subset of ${d.emptySections.join(', ')} in the file: scored 0, as ` +
          `RewardBench does (keys that are not RewardBench subsets, e.g. workbench proxies, are ignored)\n`,
      );
    }
    return d.result;
  },
  format(result: unknown) {
    const r = result as ScoreResult;
    const pct = (x: number) => (100 * x).toFixed(1);
    const lines = [
      'RewardBench sections (percent)',
      `  Chat ${pct(r.Chat)}  Chat Hard ${pct(r['Chat Hard'])}  Safety ${pct(r.Safety)}  Reasoning ` +
        `${pct(r.Reasoning)}  Score ${pct(r.score)}`,
    ];
    return lines.join('\n');
  },
});
