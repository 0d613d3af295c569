// The student copy: every worked solution removed from the notebooks, each one in the answer key, and a folder the
// command did not create is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerKey, studentCopy, studentNotebook } from '../../scripts/student-copy.js';

const nb = {
  metadata: {},
  cells: [
    { cell_type: 'markdown', source: '### Exercise 9.1\n\nHow many?' },
    { cell_type: 'code', source: 'const answer9_1 = undefined;\ncheck9_1(answer9_1);', outputs: [] },
    {
      cell_type: 'code',
      source: ['// Worked solution.\n', 'check9_1(3, true);'],
      metadata: { tags: ['solution'] },
      outputs: [{ output_type: 'stream', text: 'Exercise 9.1: ✓ right\n' }],
    },
  ],
};

test('the student notebook keeps the statement and the self-check, and loses the solution', () => {
  const s = studentNotebook(nb);
  assert.equal(s.cells.length, 2);
  assert.ok(!JSON.stringify(s).includes('Worked solution'));
  assert.ok(JSON.stringify(s).includes('check9_1(answer9_1)'));
});

test('the answer key holds the statement, the solution code and what it printed', () => {
  const key = answerKey('09_test', nb);
  assert.match(key, /^## 09_test/);
  assert.match(key, /### Exercise 9\.1\n\nHow many\?/);
  assert.match(key, /```ts\n\/\/ Worked solution\.\ncheck9_1\(3, true\);\n```/);
  assert.match(key, /Printed:\n\n```\nExercise 9\.1: ✓ right\n```/);
});

test('one command writes both, over its own earlier copy but never over a folder it did not write', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rmw-student-'));
  try {
    const src = join(dir, 'src');
    mkdirSync(src);
    writeFileSync(join(src, '09_test.ipynb'), JSON.stringify(nb));
    const out = join(dir, 'out');
    for (let i = 0; i < 2; i++) {
      const r = studentCopy(out, src);
      assert.equal(r.solutions, 1);
    }
    assert.deepEqual(readdirSync(join(out, 'notebooks')), ['09_test.ipynb']);
    assert.ok(!readFileSync(join(out, 'notebooks', '09_test.ipynb'), 'utf8').includes('Worked solution'));
    assert.match(readFileSync(join(out, 'answer-key.md'), 'utf8'), /Worked solution/);
    const foreign = join(dir, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'mine.txt'), 'x');
    assert.throws(() => studentCopy(foreign, src), /was not written by student-copy/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
