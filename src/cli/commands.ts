// The subcommands `rmw` knows, in the order `rmw --help` lists them.
import type { CliCommand } from './types.js';
import { command as env } from './env.js';
import { command as data } from './data.js';
import { command as importPairs } from './import.js';
import { command as curate } from './curate.js';
import { command as loss } from './loss.js';
import { command as train } from './train.js';
import { command as scorePairs } from './scorePairs.js';
import { command as score } from './score.js';
import { command as evaluate } from './eval.js';
import { command as exportCommand } from './export.js';
import { command as figures } from './figures.js';
import { command as reproduce } from './reproduce.js';
import { command as experiment } from './experiment.js';

export const commands: CliCommand[] = [
  env,
  data,
  importPairs,
  curate,
  loss,
  train,
  scorePairs,
  score,
  evaluate,
  exportCommand,
  figures,
  experiment,
  reproduce,
];
