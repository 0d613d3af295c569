// Accounting for a load: every input row ends as kept or quarantined with a reason. Nothing is dropped silently.

export interface QuarantinedRow {
  /** 1-based line or 0-based row index in the file. */
  row: number;
  reason: string;
  field?: string;
  detail?: string;
}

export interface LoadReport<T> {
  source: string;
  file: string;
  /** Input rows (records) read from the file. */
  read: number;
  /** Output items kept. One input row may yield several items (e.g. XSTest), so kept need not equal read - quarantined.
   * */
  kept: number;
  /** Count per quarantine reason. */
  quarantined: Record<string, number>;
  /** The first few quarantined rows of each reason, for showing users. */
  examples: QuarantinedRow[];
  items: T[];
}

const EXAMPLES_PER_REASON = 3;

/** Collects kept items and quarantined rows while a loader walks a file. */
export class LoadAccount<T> {
  readonly source: string;
  readonly file: string;
  read = 0;
  readonly items: T[] = [];
  readonly quarantined: Record<string, number> = {};
  readonly examples: QuarantinedRow[] = [];

  constructor(source: string, file: string) {
    this.source = source;
    this.file = file;
  }

  keep(item: T): void {
    this.items.push(item);
  }

  quarantine(row: number, reason: string, field?: string, detail?: string): void {
    const n = (this.quarantined[reason] ?? 0) + 1;
    this.quarantined[reason] = n;
    if (n <= EXAMPLES_PER_REASON) this.examples.push({ row, reason, field, detail });
  }

  report(): LoadReport<T> {
    return {
      source: this.source,
      file: this.file,
      read: this.read,
      kept: this.items.length,
      quarantined: { ...this.quarantined },
      examples: this.examples.slice(),
      items: this.items,
    };
  }
}

export function totalQuarantined(report: { quarantined: Record<string, number> }): number {
  return Object.values(report.quarantined).reduce((a, b) => a + b, 0);
}
