// Self-checks for the notebooks' exercises. A reader writes an answer into a variable and runs the check cell,
// which says whether it is right (with a hint when it is not, never the expected value). The worked solution cell
// calls the same check with `solution: true`, where a wrong answer throws: executing the notebooks in CI therefore
// proves every solution still gives the right answer on the current code and data.

export type Answer = number | string | boolean | undefined;

export interface CheckOptions {
  /** Largest accepted absolute difference for numbers (default: exact). */
  tolerance?: number;
  /** What to look at again when the answer is wrong. */
  hint?: string;
  /** This call is a worked solution: a wrong answer is an error, not a message. */
  solution?: boolean;
}

export interface CheckResult {
  exercise: string;
  status: 'right' | 'wrong' | 'unanswered';
  message: string;
}

/** Compares an answer with the expected one; strings ignore case and surrounding spaces. */
export function judgeAnswer(
  exercise: string,
  answer: Answer,
  expected: Answer,
  options: CheckOptions = {},
): CheckResult {
  if (answer === undefined)
    return { exercise, status: 'unanswered', message: `Exercise ${exercise}: no answer yet (set the variable above).` };
  let right: boolean;
  if (typeof expected === 'number' && typeof answer === 'number')
    right = Number.isFinite(answer) && Math.abs(answer - expected) <= (options.tolerance ?? 0);
  else if (typeof expected === 'string' && typeof answer === 'string')
    right = answer.trim().toLowerCase() === expected.trim().toLowerCase();
  else right = answer === expected;
  if (right) return { exercise, status: 'right', message: `Exercise ${exercise}: ✓ right (${String(answer)}).` };
  const hint = options.hint ? ` Hint: ${options.hint}` : '';
  return { exercise, status: 'wrong', message: `Exercise ${exercise}: ✗ not yet (${String(answer)}).${hint}` };
}

/**
 * Prints whether the answer is right; throws for a wrong or missing answer in a solution. Returns nothing, so a
 * notebook cell that ends with the check shows the message alone.
 */
export function checkAnswer(exercise: string, answer: Answer, expected: Answer, options: CheckOptions = {}): void {
  const r = judgeAnswer(exercise, answer, expected, options);
  if (options.solution && r.status !== 'right')
    throw new Error(`the worked solution of exercise ${exercise} is wrong: ${r.message}`);
  console.log(r.message);
}
