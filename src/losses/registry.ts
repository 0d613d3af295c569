// The loss registry: the paper's eight Table 3 losses, BT with margin, and the reward-centring term, by name.
// Users add their own with `registerLoss`. Names are matched case-insensitively, with '_' and ' ' read as '-'.
import { bradleyTerryLoss } from './bradleyTerry.js';
import { btMarginLoss } from './btMargin.js';
import { btTemperatureLoss } from './btTemperature.js';
import { crossEntropyLoss } from './crossEntropy.js';
import { focalLoss } from './focal.js';
import { focalPenaltyLoss } from './focalPenalty.js';
import { hingeLoss } from './hinge.js';
import { marginMseLoss } from './marginMse.js';
import { rewardCenteringTerm } from './rewardCentering.js';
import { temperedLogLoss } from './temperedLog.js';
import { validateParams } from './numeric.js';
import type { LossParams, PairLoss } from './types.js';

/** Registry order: Bradley-Terry and its margin variant first, then the paper's Table 3 rows, then the add-on term. */
export const BUILTIN_LOSSES: readonly PairLoss[] = [
  bradleyTerryLoss,
  btMarginLoss,
  focalLoss,
  focalPenaltyLoss,
  hingeLoss,
  marginMseLoss,
  crossEntropyLoss,
  temperedLogLoss,
  btTemperatureLoss,
  rewardCenteringTerm,
];

const losses: PairLoss[] = [];
const byName = new Map<string, PairLoss>();

function normalise(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/g, '-');
}

/** The registered names, for error messages and `rmw loss --list`. */
export function lossNames(): string[] {
  return losses.map((l) => l.name);
}

/** Adds a loss (yours or a built-in). Throws if its name or an alias is taken, unless `replace` is set. */
export function registerLoss(def: PairLoss, options: { replace?: boolean } = {}): PairLoss {
  if (!def || typeof def.name !== 'string' || normalise(def.name) === '')
    throw new Error('registerLoss: a loss needs a non-empty name');
  if (typeof def.reference !== 'function' || typeof def.tensor !== 'function') {
    throw new Error(`registerLoss: loss ${def.name} needs both reference() and tensor()`);
  }
  if (!Array.isArray(def.aliases) || !Array.isArray(def.reads)) {
    throw new Error(`registerLoss: loss ${def.name} needs aliases and reads arrays (may be empty)`);
  }
  validateParams(def.name, def.defaults ?? {});
  const keys = [def.name, ...def.aliases].map(normalise);
  if (new Set(keys).size !== keys.length)
    throw new Error(`registerLoss: loss ${def.name} repeats a name among its aliases`);
  for (const key of keys) {
    const owner = byName.get(key);
    if (owner && owner.name !== def.name) {
      throw new Error(`registerLoss: "${key}" already names loss ${owner.name}`);
    }
    if (owner && !options.replace) {
      throw new Error(`registerLoss: loss ${def.name} is already registered (pass { replace: true } to replace it)`);
    }
  }
  const old = byName.get(normalise(def.name));
  if (old) unregisterLoss(old.name);
  losses.push(def);
  for (const key of keys) byName.set(key, def);
  return def;
}

/** Removes a loss by name or alias; returns whether one was removed. */
export function unregisterLoss(name: string): boolean {
  const loss = byName.get(normalise(name));
  if (!loss) return false;
  for (const [key, l] of [...byName]) if (l === loss) byName.delete(key);
  losses.splice(losses.indexOf(loss), 1);
  return true;
}

/** The loss called `name` (or one of its aliases). Unknown names throw, listing the known ones. */
export function getLoss(name: string): PairLoss {
  const loss = byName.get(normalise(String(name)));
  if (!loss) {
    throw new Error(
      `unknown loss "${name}": known losses are ${losses.map((l) => l.name).join(', ')} ` +
        '(see `rmw loss --list` for aliases and formulas)',
    );
  }
  return loss;
}

/** Every registered loss, in registry order. */
export function listLosses(): PairLoss[] {
  return [...losses];
}

/** Whether the loss reads the per-pair margin with these params (bt-margin always; hinge/MSE with marginFromPairs). */
export function lossReadsMargin(loss: PairLoss, params: LossParams = {}): boolean {
  return loss.usesMargin || (params.marginFromPairs === true && loss.reads.includes('marginFromPairs'));
}

for (const loss of BUILTIN_LOSSES) registerLoss(loss);

/**
 * The parameters given that this loss would ignore: every key but those it `reads` and `center` (reward centring,
 * which the batch helpers add to any loss). The CLI refuses them rather than train with a silently unused setting.
 */
export function unreadLossParams(loss: PairLoss, params: LossParams): (keyof LossParams)[] {
  return (Object.keys(params) as (keyof LossParams)[]).filter(
    (k) => params[k] !== undefined && k !== 'center' && !loss.reads.includes(k),
  );
}
