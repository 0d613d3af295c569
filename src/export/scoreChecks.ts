// Checks on a scores file before its rewards are trusted: one model per file (a file half one model and half
// another would be evaluated as a model that does not exist), and the health of the rewards on the benchmark's
// pairs: ties (a tie is never a correct pair under the strict chosen > rejected rule), and degenerate rewards
// (constant, or more than a fifth of the pairs tied) that make an accuracy meaningless.
import type { ScoreTable } from '../eval/scoreTable.js';
import { InputError } from '../util/errors.js';

/** More than this share of tied pairs is degenerate (a real reward model ties a handful of pairs at most). */
export const TIED_WARNING_FRACTION = 0.2;

/** The one model a file's lines name (undefined when none names one); two or more is an error naming them. */
export function scoresModel(table: ScoreTable): string | undefined {
  const models = [...table.models.entries()];
  if (models.length > 1) {
    const list = models.map(([m, x]) => `"${m}" (${x.lines} lines, first on line ${x.firstLine})`).join(' and ');
    throw new InputError(
      { file: table.file },
      `the lines name ${models.length} models: ${list}; one scores file must hold one model's rewards ` +
        '(score each model into its own file)',
    );
  }
  if (models.length === 1 && table.unnamedLines)
    throw new InputError(
      { file: table.file },
      `${table.unnamedLines} lines name no model while the others name "${models[0][0]}"; one scores file must hold ` +
        "one model's rewards",
    );
  return models[0]?.[0];
}

export interface ScoreHealth {
  pairs: number;
  /** Pairs whose two rewards are equal. */
  tied: number;
  tiedFraction: number;
  /** Distinct reward values over both sides of every pair. */
  distinctRewards: number;
  warnings: string[];
}

/** Ties and degenerate rewards over the benchmark's pairs (`ids`: the pairs the evaluation reads). */
export function scoreHealth(table: ScoreTable, ids: readonly string[], model: string): ScoreHealth {
  let tied = 0;
  const distinct = new Set<number>();
  for (const id of ids) {
    const s = table.scores.get(id);
    if (!s) continue;
    if (s.chosen === s.rejected) tied++;
    distinct.add(s.chosen);
    distinct.add(s.rejected);
  }
  const pairs = ids.length;
  const tiedFraction = pairs ? tied / pairs : 0;
  const warnings: string[] = [];
  if (pairs && distinct.size === 1)
    warnings.push(
      `${model}: every reward is the same value (${[...distinct][0]}): a constant scorer, every pair tied; its ` +
        'accuracy of 0 says nothing about the model (check the scoring set-up: model head, pad token, reward position)',
    );
  else if (tiedFraction > TIED_WARNING_FRACTION)
    warnings.push(
      `${model}: ${tied} of ${pairs} pairs (${(100 * tiedFraction).toFixed(1)}%) have equal rewards, more than ` +
        `${100 * TIED_WARNING_FRACTION}%: ties count as wrong, so the accuracy mostly measures the ties`,
    );
  return { pairs, tied, tiedFraction, distinctRewards: distinct.size, warnings };
}
