// `rmw score-pairs`: rewards of a trained run for every pair of a file, one JSON line per pair.
import type { CliCommand, ParsedArgs } from './types.js';
import { requireFlag } from './args.js';
import { loadTrainedModel } from '../model/loadRun.js';
import { encodePair } from '../model/chatFormat.js';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { readPairsSpec } from '../train/readPairs.js';
import { accuracyOf, scorePairsWith } from '../train/metrics.js';

export const command: CliCommand = {
  name: 'score-pairs',
  summary: 'Score preference pairs with a trained run (one JSON line per pair)',
  usage: [
    'rmw score-pairs --run runs/<id> --in <pairs .jsonl|.arrow|.parquet or source id> --out <scores.jsonl> [--json]',
    '',
    'Writes {"id", "chosen", "rejected", "correct"} per pair (correct: chosen reward strictly above rejected, ties',
    'count as wrong) and prints the accuracy with a 95% Wilson interval.',
  ].join('\n'),
  async run(args: ParsedArgs) {
    const run = await loadTrainedModel(requireFlag(args, 'run'));
    const out = requireFlag(args, 'out');
    const { pairs, inputs } = await readPairsSpec(requireFlag(args, 'in'));
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
};
