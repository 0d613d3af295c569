// `rmw loss`: evaluate a pairwise loss and its exact gradients on numbers you type, or list the registry.
import { getLoss, listLosses, lossReadsMargin, pairLossReference } from '../losses/index.js';
import type { LossParams } from '../losses/index.js';
import { defineCommand, type FlagValues } from './flags.js';
import { checkLossReads, LOSS_PARAM_FLAGS, lossParamsFromFlags } from './lossFlags.js';
import { UsageError } from './errors.js';

const FLAGS = {
  chosen: { type: 'numbers', help: 'comma-separated rewards of the chosen responses, one per pair' },
  rejected: { type: 'numbers', help: 'comma-separated rewards of the rejected responses (same count)' },
  margin: { type: 'numbers', help: 'per-pair margins: read by bt-margin, and by hinge/margin-mse instead of --m' },
  ...LOSS_PARAM_FLAGS,
  list: { type: 'boolean', help: 'list every loss with its formula, defaults and source' },
} as const;

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

function runLoss(flags: FlagValues<typeof FLAGS>, positional: string[]): LossCommandResult {
  const name = positional[0];
  if (!name)
    throw new UsageError('name a loss, e.g. `rmw loss bt --chosen 1,0.2 --rejected 0,0.4`, or run `rmw loss --list`');
  const loss = getLoss(name);
  const params: LossParams = lossParamsFromFlags(flags);
  checkLossReads(loss, params);
  const { chosen, rejected } = flags;
  if (!chosen || !rejected)
    throw new UsageError('give both --chosen and --rejected, comma-separated rewards, one per pair');
  if (chosen.length !== rejected.length) {
    throw new UsageError(
      `--chosen has ${chosen.length} values but --rejected has ${rejected.length}: one of each per pair`,
    );
  }
  const margin = flags.margin ?? null;
  if (margin && margin.length !== chosen.length) {
    throw new UsageError(`--margin has ${margin.length} values but there are ${chosen.length} pairs`);
  }
  if (margin && loss.reads.includes('marginFromPairs')) params.marginFromPairs = true;
  if (margin && !lossReadsMargin(loss, params)) {
    throw new UsageError(
      `loss ${loss.name} does not read per-pair margins; drop --margin (bt-margin, hinge and margin-mse read them)`,
    );
  }
  const batch = pairLossReference(loss, chosen, rejected, margin, params);
  const result: LossCommandResult = {
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
  checkFinite(result);
  return result;
}

/**
 * Rewards near float64's limit (±1.8e308) make Δ, the loss or a derivative overflow to ±Infinity or NaN; say so
 * and fail rather than print a NaN as if it were an answer.
 */
function checkFinite(r: LossCommandResult): void {
  r.pairs.forEach((p, i) => {
    const parts: [string, number][] = [
      ['Δ = r_chosen − r_rejected', p.rChosen - p.rRejected],
      ['the loss', p.loss],
      ['dL/dr_chosen', p.dChosen],
      ['dL/dr_rejected', p.dRejected],
    ];
    const bad = parts.find(([, v]) => !Number.isFinite(v));
    if (bad) {
      throw new Error(
        `loss ${r.loss} overflowed at pair ${i + 1} (r_chosen ${p.rChosen}, r_rejected ${p.rRejected}): ` +
          `${bad[0]} is ${bad[1]}: the arithmetic left float64's range (±1.8e308), so the loss cannot be ` +
          'computed; use rewards of the size a reward model produces',
      );
    }
  });
  if (!Number.isFinite(r.mean))
    throw new Error(`loss ${r.loss} overflowed: the batch mean is ${r.mean}, outside float64's range (±1.8e308)`);
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
      `${l.name}${l.aliases.length ? `  (also: ${l.aliases.join(', ')})` : ''}` +
        `${l.kind === 'term' ? '  [add-on term]' : ''}`,
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

export const command = defineCommand({
  name: 'loss',
  summary: 'Evaluate a pairwise loss and its exact gradients on numbers; --list shows every loss',
  synopsis: [
    'rmw loss <name> --chosen 1,0.2 --rejected 0,0.4 [--margin 1,0.5] [--gamma 2] [--m 1]',
    '                [--t 0.5] [--temperature 2] [--center 0.01] [--json]',
    'rmw loss --list [--json]',
  ],
  description: [
    'Prints, for each pair, the loss and its derivatives with respect to the chosen and rejected rewards,',
    'and their mean (the batch loss). Δ = r_chosen − r_rejected. A parameter the loss does not read is refused;',
    'rewards so large that Δ, the loss or a derivative overflows float64 are refused too (exit code 1).',
  ],
  flags: FLAGS,
  positionals: { max: 1, names: 'one loss name' },
  async run(flags, positional) {
    if (flags.list) return listResult();
    return runLoss(flags, positional);
  },
  format(result) {
    const r = result as LossCommandResult | LossListResult;
    return 'losses' in r ? formatList(r) : formatResult(r);
  },
});
