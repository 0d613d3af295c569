// Standard output that cannot be delivered ends the process with one line, never a stack trace. A reader that
// goes away (`rmw … | head -1`, `| true`) makes the next write fail with EPIPE, which Node raises as an unhandled
// 'error' event; a stdout closed before the start (`rmw … >&-`) is reopened by Node on /dev/null, so the results
// would vanish and the command exit 0. Both become a message on stderr and a non-zero exit (1).
import { readFileSync, readlinkSync } from 'node:fs';

/** Exit code of a command whose output could not be delivered. */
export const EXIT_OUTPUT_LOST = 1;

/**
 * Whether fd 1 was closed when the process started. Node reopens a closed stdio descriptor on /dev/null for
 * reading and writing, while a shell's `>/dev/null` opens it for writing only: on Linux the descriptor's flags in
 * /proc tell the two apart. Elsewhere (no /proc) the answer is false. A program that starts `rmw` with stdout
 * 'ignore'd (Node's child_process opens /dev/null the same way) is taken for one that closed it: such a program
 * passes a pipe, or /dev/null opened for writing, to discard the results.
 */
export function stdoutClosedAtStart(): boolean {
  try {
    if (readlinkSync('/proc/self/fd/1') !== '/dev/null') return false;
    const flags = /^flags:\s*([0-7]+)/m.exec(readFileSync('/proc/self/fdinfo/1', 'utf8'));
    // O_ACCMODE is 3; O_RDWR is 2
    return flags !== null && (parseInt(flags[1], 8) & 3) === 2;
  } catch {
    return false;
  }
}

/**
 * Turns a failed write on stdout or stderr into one line on stderr (when stderr still works) and exit code 1.
 * `who` names the program in the message ("rmw train"). Safe to call more than once.
 */
export function guardStdio(who: string): void {
  if ((process.stdout as { rmwGuarded?: boolean }).rmwGuarded) return;
  (process.stdout as { rmwGuarded?: boolean }).rmwGuarded = true;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    const why = err.code === 'EPIPE' ? 'its reader closed the pipe (EPIPE)' : `${err.code ?? err.message}`;
    try {
      process.stderr.write(`${who}: standard output closed before the result was written: ${why}\n`);
    } catch {
      // stderr is gone too: the exit code says it
    }
    process.exit(EXIT_OUTPUT_LOST);
  });
  // A closed stderr loses messages but must not crash the command or hide its exit code.
  process.stderr.on('error', () => {});
}
