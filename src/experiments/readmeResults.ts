// Writes the README's results section from the generated results files, so the numbers a reader sees on the
// project page are the ones the last full `npm run reproduce` computed (never typed by hand).
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { join, relative } from 'node:path';
import { headlineAnswer } from './headline.js';
import type { ResultsBundle } from './results.js';

export const README_RESULTS_START = '<!-- results:start -->';
export const README_RESULTS_END = '<!-- results:end -->';

/** The "Which metrics carry signal" section of CONCLUSIONS.md, without its heading. */
export function signalSection(conclusions: string): string {
  const start = conclusions.indexOf('## Which metrics carry signal');
  if (start < 0) return '';
  const rest = conclusions.slice(start).split('\n').slice(1).join('\n');
  const next = rest.indexOf('\n## ');
  return (next < 0 ? rest : rest.slice(0, next)).trim();
}

/** The Markdown that stands between the README markers. */
export function readmeResultsBlock(resultsDir: string, readmeDir: string): string {
  const headlinePath = join(resultsDir, 'experiment-headline.md');
  const conclusionsPath = join(resultsDir, 'CONCLUSIONS.md');
  if (!existsSync(headlinePath) || !existsSync(conclusionsPath)) {
    throw new Error(`no results to show: ${headlinePath} or ${conclusionsPath} is missing (run npm run reproduce)`);
  }
  const rel = (p: string) => relative(readmeDir, p).split('\\').join('/');
  const bundlePath = join(resultsDir, 'experiments.json');
  const answer = existsSync(bundlePath)
    ? headlineAnswer(JSON.parse(readFileSync(bundlePath, 'utf8')) as ResultsBundle).map((l) => `- ${l}`)
    : [];
  return [
    ...answer,
    ...(answer.length ? [''] : []),
    `Written by \`npm run reproduce\` from \`${rel(headlinePath)}\` and \`${rel(conclusionsPath)}\`; the full`,
    `reasoning per experiment is in \`${rel(conclusionsPath)}\` and notebook \`06_results\`.`,
    '',
    '### Where our small models carry signal',
    '',
    signalSection(readFileSync(conclusionsPath, 'utf8')),
    '',
    '### Each ablation, ours beside the paper',
    '',
    readFileSync(headlinePath, 'utf8').trim(),
  ].join('\n');
}

/** Replace the text between the results markers of a README; returns whether the file changed. */
export function updateReadmeResults(readmePath: string, resultsDir: string): boolean {
  const text = readFileSync(readmePath, 'utf8');
  const a = text.indexOf(README_RESULTS_START);
  const b = text.indexOf(README_RESULTS_END);
  if (a < 0 || b < a)
    throw new Error(`${readmePath}: the markers ${README_RESULTS_START} / ${README_RESULTS_END} are missing`);
  const dir = readmePath.slice(0, Math.max(readmePath.lastIndexOf('/'), 0)) || '.';
  const next =
    `${text.slice(0, a + README_RESULTS_START.length)}\n${readmeResultsBlock(resultsDir, dir)}\n` + `${text.slice(b)}`;
  if (next === text) return false;
  writeFileAtomic(readmePath, next);
  return true;
}
