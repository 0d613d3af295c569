// Exercise self-checks: right, wrong (with the hint, never the expected value) and unanswered; a worked solution
// that is wrong throws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAnswer, judgeAnswer } from '../../src/workbook/exercises.js';

test('numbers are right within the tolerance, strings ignore case and spaces', () => {
  assert.equal(judgeAnswer('1.1', 0.6932, Math.LN2, { tolerance: 1e-3 }).status, 'right');
  assert.equal(judgeAnswer('1.1', 0.7, Math.LN2, { tolerance: 1e-3 }).status, 'wrong');
  assert.equal(judgeAnswer('1.2', 3, 3).status, 'right');
  assert.equal(judgeAnswer('1.3', ' GSM8K ', 'gsm8k').status, 'right');
  assert.equal(judgeAnswer('1.3', 'gsm8k', 3).status, 'wrong');
  assert.equal(judgeAnswer('1.4', Number.NaN, Number.NaN, { tolerance: 1 }).status, 'wrong');
});

test('a wrong answer shows the hint but not the expected value', () => {
  const r = judgeAnswer('2.1', 12, 42, { hint: 'count the ties' });
  assert.equal(r.message, 'Exercise 2.1: ✗ not yet (12). Hint: count the ties');
  assert.equal(judgeAnswer('2.1', undefined, 42).status, 'unanswered');
});

test('checkAnswer prints; in a solution a wrong or missing answer throws', () => {
  assert.doesNotThrow(() => checkAnswer('3.1', 2, 1));
  assert.doesNotThrow(() => checkAnswer('3.1', 1, 1, { solution: true }));
  assert.throws(() => checkAnswer('3.1', 2, 1, { solution: true }), /worked solution of exercise 3.1 is wrong/);
  assert.throws(() => checkAnswer('3.1', undefined, 1, { solution: true }), /exercise 3.1/);
});
