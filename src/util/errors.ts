// Errors that point at the bad input: which file, which line or row, which field.

export interface InputLocation {
  file: string;
  /** 1-based line (JSONL/CSV) or 0-based row index (JSON arrays, Parquet), as `rowKind` says. */
  row?: number;
  rowKind?: 'line' | 'row';
  field?: string;
}

export class InputError extends Error {
  readonly location: InputLocation;
  constructor(location: InputLocation, problem: string) {
    super(`${describeLocation(location)}: ${problem}`);
    this.name = 'InputError';
    this.location = location;
  }
}

export function describeLocation(loc: InputLocation): string {
  const parts = [loc.file];
  if (loc.row !== undefined) parts.push(`${loc.rowKind ?? 'row'} ${loc.row}`);
  if (loc.field) parts.push(`field "${loc.field}"`);
  return parts.join(', ');
}
