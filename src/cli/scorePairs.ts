// `rmw score-pairs`: rewards of a trained run for every pair of a file, one JSON line per pair.
import { defineCommand } from './flags.js';
import { loadTrainedModel } from '../train/loadRun.js';
import { encodePair } from '../model/chatFormat.js';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { readPairsSpec } from '../train/readPairs.js';
import { accuracyOf, scorePairsWith } from '../train/metrics.js';

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
  },
  async run(flags) {
    const run = await loadTrainedModel(flags.run);
    const out = flags.out;
    const { pairs, inputs } = await readPairsSpec(flags.in);
    if (pairs.length === 0) {
      run.model.dispose();
      throw new Error(`--in ${flags.in} holds no pairs: nothing to score, nothing written`);
    }
    const enc = pairs.map((p) => encodePair(p, run.chatFormat));
    const r = await scorePairsWith(run.model, enc);
    const lines = pairs.map((p, i) =>
      JSON.stringify({ id: p.id, chosen: r.chosen[i], rejected: r.rejected[i], correct: r.chosen[i] > r.rejected[i] }),
    );
    writeFileAtomic(out, lines.join('\n') + (lines.length ? '\n' : ''));
    run.model.dispose();
    return { run: run.dir, inputs, out, ...accuracyOf(r.chosen, r.rejected) };
  },
  format(result: unknown): string {
    const r = result as { out: string; n: number; accuracy: number; ci95: [number, number] };
    return `${r.n} pairs scored -> ${r.out}; accuracy ${(100 * r.accuracy).toFixed(1)}% (95% CI ${(100 * r.ci95[0]).toFixed(1)}-${(100 * r.ci95[1]).toFixed(1)}%)`;
  },
});
