// Every notebook in notebooks/ executes headless (tslab kernel, nbclient) in quick mode with no error, and a cell
// with a type error fails the run. Skipped, with the reason, only where python3's nbclient/jupyter_client are absent.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  listNotebooks,
  notebookToolsMissing,
  prepareNotebookRuntime,
  runNotebook,
} from '../../scripts/run-notebooks.js';
import { stripNotebook } from '../../scripts/strip-notebook.js';
import { fromRoot } from '../../src/util/paths.js';

const missing = notebookToolsMissing();
const skip = missing ? `notebook tools missing: ${missing}` : false;

before(() => {
  if (!missing) prepareNotebookRuntime(true);
});

for (const path of listNotebooks()) {
  const name = path.split('/').pop()!;
  test(`${name} runs in quick mode without errors`, { skip }, () => {
    const run = runNotebook(path, { quick: true });
    assert.ok(run.ok, `${name} failed:\n${run.error}`);
  });
}

test('a type error in a cell fails the run (errors are never allowed)', { skip }, () => {
  const dir = fromRoot('.cache', 'notebook-tests');
  mkdirSync(dir, { recursive: true });
  const nb = join(dir, 'type-error.ipynb');
  const cell = (id: string, source: string) => ({
    cell_type: 'code',
    execution_count: null,
    id,
    metadata: {},
    outputs: [],
    source,
  });
  writeFileSync(
    nb,
    JSON.stringify({
      cells: [
        cell('a', "import * as rmw from 'reward-workbench';\nconsole.log(typeof rmw.selectBackend);"),
        cell('b', "const n: number = 'text';"),
      ],
      metadata: { kernelspec: { display_name: 'TypeScript', language: 'typescript', name: 'tslab' } },
      nbformat: 4,
      nbformat_minor: 5,
    }),
  );
  const run = runNotebook(nb, { quick: true, outDir: join(dir, 'out'), cwd: fromRoot('notebooks') });
  assert.equal(run.ok, false);
  assert.match(run.error ?? '', /cell 2 failed:\s*1:7 - Type 'string' is not assignable to type 'number'/);
});

test('stripNotebook drops timestamps and session metadata and renumbers executions 1..n', () => {
  const stripped = stripNotebook({
    metadata: { kernelspec: { name: 'tslab' }, language_info: { name: 'typescript' }, widgets: { x: 1 } },
    nbformat: 4,
    cells: [
      { cell_type: 'markdown', id: 'm', metadata: {}, source: '# hi' },
      {
        cell_type: 'code',
        id: 'c1',
        execution_count: 7,
        source: '1',
        metadata: { execution: { 'iopub.status.busy': '2026-11-28T03:00:00Z' }, tags: ['keep'] },
        outputs: [{ output_type: 'execute_result', execution_count: 7, data: { 'text/plain': '1' }, metadata: {} }],
      },
      { cell_type: 'code', id: 'c2', execution_count: 9, metadata: {}, source: '2', outputs: [] },
      { cell_type: 'code', id: 'c3', execution_count: null, metadata: {}, source: '3', outputs: [] },
    ],
  });
  assert.deepEqual(stripped, {
    metadata: { kernelspec: { name: 'tslab' }, language_info: { name: 'typescript' } },
    nbformat: 4,
    cells: [
      { cell_type: 'markdown', id: 'm', metadata: {}, source: '# hi' },
      {
        cell_type: 'code',
        id: 'c1',
        execution_count: 1,
        source: '1',
        metadata: { tags: ['keep'] },
        outputs: [{ output_type: 'execute_result', execution_count: 1, data: { 'text/plain': '1' }, metadata: {} }],
      },
      { cell_type: 'code', id: 'c2', execution_count: 2, metadata: {}, source: '2', outputs: [] },
      { cell_type: 'code', id: 'c3', execution_count: null, metadata: {}, source: '3', outputs: [] },
    ],
  });
});
