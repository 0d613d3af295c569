// `rmw env` (versions, backend selection and why, the toy Bradley-Terry run) as a small bundle entry for a GPU
// machine (bench/gpu-prepare.sh): the whole CLI bundles to 13 MB, this to a few, and the device run carries at
// most 64 MiB. Prints the report as JSON on stdout and as text on stderr; exit 1 when the command fails.
import { parseArgs } from '../src/cli/args.js';
import { command as env } from '../src/cli/env.js';

env.run(parseArgs(process.argv.slice(2))).then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    if (env.format) process.stderr.write(`${env.format(result)}\n`);
  },
  (err: unknown) => {
    process.stderr.write(`gpu-env: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
