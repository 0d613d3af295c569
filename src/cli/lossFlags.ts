// The loss parameters as flags, shared by `rmw loss` and `rmw train`: one spec whose help comes from the registry
// (which losses read each parameter, and their default), and one rule: a parameter the chosen loss does not read
// is refused, naming what the loss does read, instead of being silently ignored.
import { listLosses, unreadLossParams } from '../losses/registry.js';
import type { LossParams, PairLoss } from '../losses/types.js';
import { UsageError } from './errors.js';
import type { FlagSpec } from './flags.js';

type ParamKey = Exclude<keyof LossParams, 'marginFromPairs'>;

const MEANING: Record<ParamKey, string> = {
  gamma: 'focal exponent γ ≥ 0',
  m: 'fixed margin m',
  t: 'tempered-log exponent t ≤ 1 (t = 1 is Bradley-Terry)',
  temperature: 'temperature T > 0',
  center: 'reward-centring weight λ: adds λ·(r_c + r_r)² to any loss (0 = off)',
};

/** The flag that sets each parameter. */
const FLAG_OF: Record<keyof LossParams, string> = {
  gamma: 'gamma',
  m: 'm',
  t: 't',
  temperature: 'temperature',
  center: 'center',
  marginFromPairs: 'margin-from-pairs',
};

function help(key: ParamKey): string {
  if (key === 'center') return MEANING.center;
  const readers = listLosses().filter((l) => l.reads.includes(key));
  const dflt = readers.map((l) => l.defaults[key]).find((v) => v !== undefined);
  return (
    `${MEANING[key]}; read by ${readers.map((l) => l.name).join(', ')}` +
    `${dflt !== undefined ? ` (their default ${dflt})` : ''}`
  );
}

/** --gamma, --m, --t, --temperature, --center. */
export const LOSS_PARAM_FLAGS = {
  gamma: { type: 'number', help: help('gamma'), arg: 'G' },
  m: { type: 'number', help: help('m'), arg: 'M' },
  t: { type: 'number', help: help('t'), arg: 'T' },
  temperature: { type: 'number', help: help('temperature'), arg: 'T' },
  center: { type: 'number', help: help('center'), arg: 'L' },
} satisfies Record<ParamKey, FlagSpec>;

/** The LossParams the flags set (absent flags left out). */
export function lossParamsFromFlags(values: Partial<Record<ParamKey, number | undefined>>): LossParams {
  const params: LossParams = {};
  for (const key of Object.keys(LOSS_PARAM_FLAGS) as ParamKey[]) {
    if (values[key] !== undefined) params[key] = values[key];
  }
  return params;
}

/** Throws a UsageError when a parameter given is one the loss does not read. */
export function checkLossReads(loss: PairLoss, params: LossParams): void {
  const unread = unreadLossParams(loss, params);
  if (!unread.length) return;
  const reads = loss.reads.filter((r) => r !== 'marginFromPairs').map((r) => `--${FLAG_OF[r]}`);
  if (loss.reads.includes('marginFromPairs')) reads.push('per-pair margins');
  throw new UsageError(
    `--${FLAG_OF[unread[0]]} is not a parameter of loss ${loss.name} (it reads ` +
      `${reads.length ? reads.join(', ') : 'no parameters'}; --center adds centring to any loss)`,
  );
}
