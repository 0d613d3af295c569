// `rmw score-pairs`: rewards of a trained run for every pair of a file, one JSON line per pair. --out is a
// single-file output (util/output): never an input, never a file rmw score-pairs did not write.
import { existsSync } from 'node:fs';
import { defineCommand } from './flags.js';
import { loadTrainedModel } from '../train/loadRun.js';
import { encodePair } from '../model/chatFormat.js';
import { openFileOutput } from '../util/output/fileOutput.js';
import type { OutputKind } from '../util/output/marker.js';
import { runInputs } from '../train/runFolder.js';
import { readPairsSpec } from '../train/readPairs.js';
import { accuracyOf, scorePairsWith } from '../train/metrics.js';
import { MAX_OVERLAP } from '../train/overlap.js';
import { checkRunOverlap } from '../eval/runOverlap.js';

/** The scores file of `rmw score-pairs` as an output. */
export const SCORES_OUTPUT: OutputKind = { kind: 'score-pairs', writer: 'rmw score-pairs', noun: 'scores file' };

/** The files among comma-separated pair specs (the others are source ids). */
function specFiles(spec: string, what: string): { path: string; what: string }[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && existsSync(s))
    .map((path) => ({ path, what }));
}

export const command = defineCommand({
  name: 'score-pairs',
  summary: 'Score preference pairs with a trained run (one JSON line per pair)',
  synopsis: ['rmw score-pairs --run runs/<id> --in <pairs .jsonl|.arrow|.parquet or source id> --out <scores.jsonl>'],
  description: [
    'Writes {"id", "chosen", "rejected", "correct"} per pair (correct: chosen reward strictly above rejected, ties',
    'count as wrong) and prints the accuracy with a 95% Wilson interval.',
  ],
  flags: {
    run: { type: 'string', required: true, arg: '<run dir>', help: 'a trained run folder (rmw train --out)' },
    in: { type: 'string', required: true, arg: '<pairs>', help: 'pairs file(s) or source id(s), comma-separated' },
    out: { type: 'string', required: true, arg: '<scores.jsonl>', help: 'the scores file to write' },
    'allow-overlap': {
      type: 'boolean',
      help: `score even when over ${100 * MAX_OVERLAP}% of the pairs share a prompt with the run's training data`,
    },
  },
  async run(flags) {
    const out = flags.out;
    const output = openFileOutput(out, {
      kind: SCORES_OUTPUT,
      inputs: [...runInputs(flags.run, '--run'), ...specFiles(flags.in, 'the pairs (--in)')],
    });
    try {
      const run = await loadTrainedModel(flags.run);
      try {
        const { pairs, inputs } = await readPairsSpec(flags.in);
        if (pairs.length === 0) throw new Error(`--in ${flags.in} holds no pairs: nothing to score, nothing written`);
        const overlap = await checkRunOverlap(flags.run, pairs, {
          allow: flags['allow-overlap'],
          who: 'rmw score-pairs',
          what: `--in ${flags.in}`,
        });
        const enc = pairs.map((p) => encodePair(p, run.chatFormat));
        const r = await scorePairsWith(run.model, enc);
        const lines = pairs.map((p, i) =>
          JSON.stringify({
            id: p.id,
            chosen: r.chosen[i],
            rejected: r.rejected[i],
            correct: r.chosen[i] > r.rejected[i],
          }),
        );
        output.write(lines.join('\n') + (lines.length ? '\n' : ''));
        return { run: run.dir, inputs, out, overlap, ...accuracyOf(r.chosen, r.rejected) };
      } finally {
        run.model.dispose();
      }
    } finally {
      output.abandon();
    }
  },
  format(result: unknown): string {
    const r = result as { out: string; n: number; accuracy: number; ci95: [number, number] };
    return (
      `${r.n} pairs scored -> ${r.out}; accuracy ${(100 * r.accuracy).toFixed(1)}% (95% CI ` +
      `${(100 * r.ci95[0]).toFixed(1)}-${(100 * r.ci95[1]).toFixed(1)}%)`
    );
  },
});
