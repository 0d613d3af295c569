// Arrow IPC files of preference pairs (the random-access "file" format, readable by pyarrow.ipc.open_file and
// arquero's fromArrow). Same pairs in, same bytes out.
import { readFileSync } from 'node:fs';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import { InputError } from '../../util/errors.js';
import type { PreferencePair } from '../schema.js';
import { writeFileAtomic } from './files.js';
import { pairsFromArrow, pairsToArrow } from './pairTable.js';

export function writePairsArrow(path: string, pairs: readonly PreferencePair[]): void {
  writeFileAtomic(path, tableToIPC(pairsToArrow(pairs), 'file'));
}

export function readPairsArrow(path: string): PreferencePair[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new InputError(
      { file: path },
      `cannot read file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  let table;
  try {
    table = tableFromIPC(bytes);
  } catch (err) {
    throw new InputError({ file: path }, `not a readable Arrow IPC file (${(err as Error).message})`);
  }
  return pairsFromArrow(table, path);
}
