// The two ways a command fails. A UsageError is a mistake on the command line (unknown flag, bad or empty value,
// a parameter the chosen loss does not read): `rmw` prints it with a pointer to --help and exits 2, before any work.
// A ResultError carries a result that is printed as usual (the listing, the counts) but is not a success: `rmw`
// prints the result, then the reason, and exits 1, so a script never mistakes an empty or invalid outcome for one.

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export class ResultError extends Error {
  constructor(
    message: string,
    readonly result: unknown,
  ) {
    super(message);
    this.name = 'ResultError';
  }
}

/** Exit codes: 0 success, 1 the work failed or its result is empty/invalid, 2 the command line is wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
