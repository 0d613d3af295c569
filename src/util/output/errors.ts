// The two ways an output is refused. OutputRefusedError: writing would destroy something (an input of the command,
// a file another command or a person made, a finished run without --force); the command line has to change, and
// `rmw` exits 2 before any work. OutputLockedError: another process is writing the same output right now; `rmw`
// exits 1 and names that process.

export class OutputRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputRefusedError';
  }
}

export class OutputLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputLockedError';
  }
}
