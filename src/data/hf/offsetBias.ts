// NCSOFT/offsetbias (train.jsonl, 8,504 rows) -> pairs.
// Verified: the repository holds one file, train.jsonl (file listing), 8.5K rows; the paper uses it in full.
// Assumed (from the task brief and the OffsetBias judge's card, which shows Instruction / Output (a) / Output (b);
// the dataset card text itself was not readable here): columns instruction, output_1, output_2, label, where
// label 1 means output_1 is the better response and 2 means output_2. Other labels are quarantined.
import type { LoadReport } from '../loadReport.js';
import { userPrompt, type PreferencePair } from '../schema.js';
import { text } from '../read/getters.js';
import { RowProblem, type ReadOptions } from '../read/problem.js';
import { loadPairFile } from '../read/pairFile.js';

export async function loadOffsetBias(
  path: string,
  options: ReadOptions & { source?: string } = {},
): Promise<LoadReport<PreferencePair>> {
  const source = options.source ?? 'offsetbias';
  return loadPairFile(path, source, options, (r, rec) => {
    const prompt = userPrompt(text(r, 'instruction'));
    const one = text(r, 'output_1');
    const two = text(r, 'output_2');
    const label = r.label;
    if (label === undefined || label === null) throw new RowProblem('missing-field', 'label', 'is missing');
    const l = String(label).trim();
    if (l !== '1' && l !== '2')
      throw new RowProblem('label-unrecognised', 'label', `expected 1 or 2, got ${JSON.stringify(label)}`);
    if (one === two) throw new RowProblem('identical-responses', 'output_1', 'both outputs are the same text');
    const [chosen, rejected] = l === '1' ? [one, two] : [two, one];
    return { id: `${source}:${rec.row}`, source, prompt, chosen, rejected };
  });
}
