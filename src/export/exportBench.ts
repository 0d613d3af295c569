// `rmw export bench <name> --out pairs.jsonl` as a library call: the benchmark's pairs, one JSON line each with its
// stable pair id (benchPairs.ts), and beside them score_pairs.py, the program that scores them with a Hugging Face
// reward model and writes the scores.jsonl that `rmw eval --scores` reads. The same benchmark always gives the same
// bytes, so re-exporting into the same place is allowed; a different existing file is never overwritten. New files
// are written by the output rule (util/output: under a lock, never onto the mix read for heldout, atomically).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { openFileOutput, type FileOutput } from '../util/output/fileOutput.js';
import type { OutputKind } from '../util/output/marker.js';
import { benchRowsJsonl } from '../eval/benchPairs.js';
import { loadNamedBench } from '../eval/namedBench.js';
import { fromRoot } from '../util/paths.js';
import { sha256Hex } from '../util/hash.js';
import { mixInputs, readMixFolder } from '../curate/readMix.js';
import { alternateRows, type RoleReport } from './roleOrder.js';

export const SCORING_SCRIPT = 'score_pairs.py';

/** A benchmark's pairs and their scoring script, as outputs. */
export const BENCH_EXPORT_OUTPUT: OutputKind = { kind: 'export-bench', writer: 'rmw export bench', noun: 'export' };

export interface ExportBenchOptions {
  bench: string;
  /** pairs.jsonl to write; score_pairs.py goes in the same folder. */
  out: string;
  /** A mix folder: its held-out split is the `heldout` benchmark. */
  mixDir?: string;
  weights?: string;
}

export interface ExportBenchResult {
  bench: string;
  pairs: number;
  bySubset: Record<string, number>;
  out: string;
  sha256: string;
  script: string;
  next: string[];
  /** Pairs whose prompt was rewritten to alternate roles (a bench pair is never dropped: every one needs a score). */
  roles: RoleReport;
}

export async function exportBench(o: ExportBenchOptions): Promise<ExportBenchResult> {
  const out = resolve(o.out);
  if (!out.endsWith('.jsonl')) throw new Error(`--out must name a .jsonl file, got "${o.out}"`);
  const heldOutPairs = o.mixDir ? (await readMixFolder(resolve(o.mixDir))).heldOut : undefined;
  const bench = await loadNamedBench(o.bench, { weights: o.weights, heldOutPairs });
  // Leading system turns stay (score_pairs.py merges them into the first user turn for templates without a system
  // role); same-role runs are merged. A pair that cannot be made to alternate stops the export: it could not be scored.
  const { rows, report } = alternateRows(bench.rows, { systemRole: true });
  if (report.kept !== report.rows)
    throw new Error(
      `${bench.name}: ${report.rows - report.kept} pairs cannot alternate user/assistant turns ` +
        `(${JSON.stringify(report.droppedIds)}); nothing written`,
    );
  const text = benchRowsJsonl(rows);
  const script = join(dirname(out), SCORING_SCRIPT);
  const scriptText = readFileSync(fromRoot('src', 'export', 'python', SCORING_SCRIPT), 'utf8');
  const files = [
    [out, text],
    [script, scriptText],
  ] as const;
  // Check both before writing either, so a refusal leaves nothing half-done; an identical file is left as it is.
  for (const [path, body] of files)
    if (existsSync(path) && readFileSync(path, 'utf8') !== body)
      throw new Error(
        `${path} exists and differs from what this export writes: choose another --out (nothing written)`,
      );
  const inputs = o.mixDir ? mixInputs(resolve(o.mixDir), '--mix') : [];
  const fresh = files.filter(([path]) => !existsSync(path));
  const outputs: FileOutput[] = [];
  try {
    for (const [path] of fresh) outputs.push(openFileOutput(path, { kind: BENCH_EXPORT_OUTPUT, inputs }));
    fresh.forEach(([, body], i) => outputs[i].write(body));
  } finally {
    for (const output of outputs) output.abandon();
  }
  const bySubset: Record<string, number> = {};
  for (const r of rows) bySubset[r.subset] = (bySubset[r.subset] ?? 0) + 1;
  const scores = join(dirname(out), 'scores.jsonl');
  return {
    bench: bench.name,
    pairs: rows.length,
    roles: report,
    bySubset,
    out,
    sha256: sha256Hex(text),
    script,
    next: [
      `python ${script} --model <reward model> --pairs ${out} --out ${scores}`,
      `rmw eval --scores ${scores} --bench ${bench.name}${o.mixDir ? ` --mix ${o.mixDir}` : ''} --name <model ` +
        `name> --results <results dir>`,
    ],
  };
}
