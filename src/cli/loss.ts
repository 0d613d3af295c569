// `rmw loss`: evaluate a pairwise loss and its exact gradients on numbers you type, or list the registry.
import { flagNumber, flagNumberList } from './args.js';
import type { CliCommand, ParsedArgs } from './types.js';
import { getLoss, listLosses, lossReadsMargin, pairLossReference } from '../losses/index.js';
import type { LossParams, PairLoss } from '../losses/index.js';

/** CLI flag → LossParams key. */
const PARAM_FLAGS: Record<string, keyof LossParams> = {
  gamma: 'gamma',
  m: 'm',
  t: 't',
  temperature: 'temperature',
  center: 'center',
};
const OTHER_FLAGS = new Set(['chosen', 'rejected', 'margin', 'json', 'list', 'help']);

export interface LossPairResult {
  rChosen: number;
  rRejected: number;
  margin: number | null;
  loss: number;
  dChosen: number;
  dRejected: number;
}

export interface LossCommandResult {
  loss: string;
  paperName: string;
  formula: string;
  params: LossParams;
  pairs: LossPairResult[];
  /** The batch loss: mean of the per-pair losses (centring included when --center > 0). */
  mean: number;
}

export interface LossListEntry {
  name: string;
  aliases: string[];
  paperName: string;
  kind: 'loss' | 'term';
  formula: string;
  defaults: LossParams;
  reads: string[];
  usesMargin: boolean;
  source: string;
  behaviour?: string;
}

export interface LossListResult {
  losses: LossListEntry[];
}

function listResult(): LossListResult {
  return {
    losses: listLosses().map((l) => ({
      name: l.name,
      aliases: l.aliases,
      paperName: l.paperName,
      kind: l.kind ?? 'loss',
      formula: l.formula,
      defaults: l.defaults,
      reads: l.reads,
      usesMargin: l.usesMargin,
      source: l.source,
      behaviour: l.behaviour,
    })),
  };
}

/** Which flags a loss accepts: its own parameters, --center for every loss, --margin where a margin is read. */
function checkFlags(loss: PairLoss, args: ParsedArgs): void {
  for (const flag of Object.keys(args.flags)) {
    if (OTHER_FLAGS.has(flag)) continue;
    const key = PARAM_FLAGS[flag];
    if (key === undefined) {
      throw new Error(
        `unknown option --${flag} (options: --chosen, --rejected, --margin, ${Object.keys(PARAM_FLAGS)
          .map((f) => `--${f}`)
          .join(', ')}, --json, --list)`,
      );
    }
    if (key === 'center' || loss.reads.includes(key)) continue;
    const reads = loss.reads.filter((r) => r !== 'marginFromPairs');
    throw new Error(
      `--${flag} is not a parameter of loss ${loss.name} (it reads ${reads.length ? reads.map((r) => `--${r}`).join(', ') : 'no parameters'}; --center adds centring to any loss)`,
    );
  }
}

function runLoss(args: ParsedArgs): LossCommandResult {
  const name = args.positional[0];
  if (!name)
    throw new Error('name a loss, e.g. `rmw loss bt --chosen 1,0.2 --rejected 0,0.4`, or run `rmw loss --list`');
  if (args.positional.length > 1) throw new Error(`one loss at a time: got ${args.positional.join(', ')}`);
  const loss = getLoss(name);
  checkFlags(loss, args);
  const chosen = flagNumberList(args, 'chosen');
  const rejected = flagNumberList(args, 'rejected');
  if (!chosen || !rejected) throw new Error('give both --chosen and --rejected, comma-separated rewards, one per pair');
  if (chosen.length !== rejected.length) {
    throw new Error(`--chosen has ${chosen.length} values but --rejected has ${rejected.length}: one of each per pair`);
  }
  const margin = flagNumberList(args, 'margin') ?? null;
  if (margin && margin.length !== chosen.length) {
    throw new Error(`--margin has ${margin.length} values but there are ${chosen.length} pairs`);
  }
  const params: LossParams = {};
  for (const [flag, key] of Object.entries(PARAM_FLAGS)) {
    const v = flagNumber(args, flag);
    if (v !== undefined) (params as Record<string, number>)[key] = v;
  }
  if (margin && loss.reads.includes('marginFromPairs')) params.marginFromPairs = true;
  if (margin && !lossReadsMargin(loss, params)) {
    throw new Error(
      `loss ${loss.name} does not read per-pair margins; drop --margin (bt-margin, hinge and margin-mse read them)`,
    );
  }
  const batch = pairLossReference(loss, chosen, rejected, margin, params);
  return {
    loss: loss.name,
    paperName: loss.paperName,
    formula: loss.formula,
    params: batch.params,
    pairs: chosen.map((c, i) => ({
      rChosen: c,
      rRejected: rejected[i],
      margin: margin ? margin[i] : null,
      loss: batch.loss[i],
      dChosen: batch.dChosen[i] + 0,
      dRejected: batch.dRejected[i] + 0,
    })),
    mean: batch.mean,
  };
}

function num(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e5 || a < 1e-4 ? x.toExponential(4) : x.toFixed(6).replace(/\.?0+$/, '');
}

function formatParams(p: LossParams): string {
  const parts = Object.entries(p)
    .filter(([k, v]) => v !== undefined && !(k === 'center' && v === 0))
    .map(([k, v]) => `${k} = ${v}`);
  return parts.length ? parts.join(', ') : '(none)';
}

function formatList(r: LossListResult): string {
  const lines = ['Registered losses (Δ = r_chosen − r_rejected):', ''];
  for (const l of r.losses) {
    lines.push(
      `${l.name}${l.aliases.length ? `  (also: ${l.aliases.join(', ')})` : ''}${l.kind === 'term' ? '  [add-on term]' : ''}`,
    );
    lines.push(`  paper name: ${l.paperName}`);
    lines.push(`  formula:    ${l.formula}`);
    lines.push(`  defaults:   ${formatParams(l.defaults)}${l.usesMargin ? "; reads each pair's --margin" : ''}`);
    lines.push(`  source:     ${l.source}`);
    if (l.behaviour) lines.push(`  effect:     ${l.behaviour}`);
    lines.push('');
  }
  lines.push('Any loss adds reward centring λ·(r_c + r_r)² with --center λ.');
  return lines.join('\n');
}

function formatResult(r: LossCommandResult): string {
  const header = ['pair', 'r_chosen', 'r_rejected', 'margin', 'Δ', 'loss', 'dL/dr_chosen', 'dL/dr_rejected'];
  const rows = r.pairs.map((p, i) => [
    String(i + 1),
    num(p.rChosen),
    num(p.rRejected),
    p.margin === null ? '-' : num(p.margin),
    num(p.rChosen - p.rRejected),
    num(p.loss),
    num(p.dChosen),
    num(p.dRejected),
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((row) => row[j].length)));
  const line = (cells: string[]): string => cells.map((c, j) => c.padStart(widths[j])).join('  ');
  return [
    `${r.loss} (${r.paperName}):  ${r.formula}`,
    `parameters: ${formatParams(r.params)}${r.params.center ? `  (+ centring ${r.params.center}·(r_c + r_r)²)` : ''}`,
    '',
    line(header),
    ...rows.map(line),
    '',
    `batch loss (mean over ${r.pairs.length} pair${r.pairs.length === 1 ? '' : 's'}): ${num(r.mean)}`,
    `dL/dr are per-pair derivatives; the gradient of the batch loss is each divided by ${r.pairs.length}.`,
  ].join('\n');
}

export const command: CliCommand = {
  name: 'loss',
  summary: 'Evaluate a pairwise loss and its exact gradients on numbers; --list shows every loss',
  usage: [
    'usage: rmw loss <name> --chosen 1,0.2 --rejected 0,0.4 [--margin 1,0.5] [--gamma 2] [--m 1]',
    '                [--t 0.5] [--temperature 2] [--center 0.01] [--json]',
    '       rmw loss --list [--json]',
    '',
    'Prints, for each pair, the loss and its derivatives with respect to the chosen and rejected rewards,',
    'and their mean (the batch loss). Δ = r_chosen − r_rejected.',
    '',
    '  --chosen, --rejected  comma-separated rewards, one per pair (same count)',
    '  --margin              per-pair margins: read by bt-margin, and by hinge/margin-mse instead of --m',
    '  --gamma               focal exponent γ (focal, focal-penalty; default 2)',
    '  --m                   fixed margin (hinge, margin-mse; default 1)',
    '  --t                   tempered-log exponent, t ≤ 1 (default 0.5; t = 1 is Bradley-Terry)',
    '  --temperature         temperature T > 0 (bt-temperature; default 2)',
    '  --center              add reward centring λ·(r_c + r_r)² to any loss (default 0 = off)',
    '  --list                list every loss with its formula, defaults and source',
  ].join('\n'),
  async run(args) {
    if (args.flags.list) return listResult();
    return runLoss(args);
  },
  format(result) {
    const r = result as LossCommandResult | LossListResult;
    return 'losses' in r ? formatList(r) : formatResult(r);
  },
};
