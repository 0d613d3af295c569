// Arrow IPC files of preference pairs (the random-access "file" format, readable by pyarrow.ipc.open_file and
// arquero's fromArrow). Same pairs in, same bytes out.
import { tableToIPC } from 'apache-arrow';
import { writeFileAtomic } from '../../util/atomicWrite.js';
import { readArrowTable } from '../read/arrow.js';
import type { PreferencePair } from '../schema.js';
import { pairsFromArrow, pairsToArrow } from './pairTable.js';

export function writePairsArrow(path: string, pairs: readonly PreferencePair[]): void {
  writeFileAtomic(path, tableToIPC(pairsToArrow(pairs), 'file'));
}

/** Pairs from an Arrow IPC file; the first bad row fails the file, naming row and field. */
export function readPairsArrow(path: string): PreferencePair[] {
  return pairsFromArrow(readArrowTable(path), path);
}
