#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so `npx rmw` always reflects the sources.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
