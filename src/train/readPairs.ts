// Training/scoring input: a pairs file (.jsonl[.gz], .arrow, .parquet) or a source id from the manifest, or
// several joined by commas. Every input is described (what, kind, sha256, counts) for the run record.
import { existsSync, realpathSync } from 'node:fs';
import type { PreferencePair } from '../data/schema.js';
import { readPairsArrow } from '../data/io/arrowFile.js';
import { readPairsJsonl } from '../data/io/jsonl.js';
import { readPairsParquet } from '../data/io/hfParquet.js';
import { loadSourceById, sourceKind } from '../data/loaders/index.js';
import { getSource, listSources } from '../data/sources.js';
import { sha256FileStream } from '../util/hash.js';
import { InputError } from '../util/errors.js';
import { basename, dirname, join } from 'node:path';
import { DATA_CARD_FILE, dataCardFiles } from '../curate/readMix.js';

export interface PairInput {
  spec: string;
  /** 'memory': pairs handed to trainRun directly (sha256 over their canonical JSON). */
  kind: 'file' | 'source' | 'memory';
  sha256: string;
  pairs: number;
  quarantined?: Record<string, number>;
}

export async function readPairsSpec(spec: string): Promise<{ pairs: PreferencePair[]; inputs: PairInput[] }> {
  const pairs: PreferencePair[] = [];
  const inputs: PairInput[] = [];
  const parts = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // The same file or source twice would weigh every one of its pairs twice: refused, naming both spellings.
  const seen = new Map<string, string>();
  for (const part of parts) {
    const key = existsSync(part) ? realpathSync(part) : part;
    const first = seen.get(key);
    if (first !== undefined)
      throw new Error(`"${spec}": ${first === part ? `"${part}" is` : `"${first}" and "${part}" are`} listed twice`);
    seen.set(key, part);
  }
  for (const part of parts) {
    if (existsSync(part)) {
      const sha256 = await sha256FileStream(part);
      checkAgainstDataCard(part, sha256);
      const got = await readPairsFile(part);
      pairs.push(...got);
      inputs.push({ spec: part, kind: 'file', sha256, pairs: got.length });
    } else if (listSources().some((s) => s.id === part)) {
      if (sourceKind(part) !== 'preference-pairs') {
        throw new Error(
          `--data ${part}: this source holds ${sourceKind(part)}, not preference pairs; build pairs from it ` +
            `with rmw curate first`,
        );
      }
      const report = await loadSourceById(part);
      const got = report.items as PreferencePair[];
      pairs.push(...got);
      inputs.push({
        spec: part,
        kind: 'source',
        sha256: getSource(part).sha256,
        pairs: got.length,
        quarantined: report.quarantined,
      });
    } else {
      throw new Error(`--data "${part}" is neither an existing file nor a source id (rmw data --list shows the ids)`);
    }
  }
  return { pairs, inputs };
}

/** A pairs file inside a mix folder must still be the file the mix's data card lists (rmw curate's output). */
function checkAgainstDataCard(path: string, sha256: string): void {
  const card = join(dirname(path), DATA_CARD_FILE);
  if (!existsSync(card)) return;
  const expected = dataCardFiles(dirname(path))[basename(path)];
  if (expected !== undefined && expected !== sha256)
    throw new InputError(
      { file: path },
      `sha256 ${sha256} differs from the ${expected} that ${card} records: the file changed after the mix was ` +
        'written; curate the mix again (--force)',
    );
}

export async function readPairsFile(path: string): Promise<PreferencePair[]> {
  if (/\.jsonl(\.gz)?$/.test(path)) return readPairsJsonl(path);
  if (/\.arrow$/.test(path)) return readPairsArrow(path);
  if (/\.parquet$/.test(path)) return readPairsParquet(path);
  throw new Error(`${path}: unknown pairs file type (expected .jsonl, .jsonl.gz, .arrow or .parquet)`);
}
