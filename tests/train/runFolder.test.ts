// The run folder's reader: what it accepts and how it refuses everything else, on hand-written folders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainConfigFrom } from '../../src/train/config.js';
import {
  RUN_FILE,
  RUN_RECORD_FORMAT,
  WEIGHTS_FILE,
  readFinishedRun,
  readRunRecord,
  runKeyOf,
  writeRunRecord,
  type RunRecord,
} from '../../src/train/runFolder.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'rmw-runfolder-'));

const KEY = runKeyOf({
  train: trainConfigFrom({ seed: 3 }),
  loss: 'bt',
  params: { center: 0 },
  kind: 'bow',
  modelConfig: { hidden: 2 },
  trainHash: 'a',
  evalHash: 'b',
});

const record = (o: Partial<RunRecord> = {}): RunRecord => ({
  format: RUN_RECORD_FORMAT,
  id: 'r',
  runKey: KEY,
  model: { kind: 'bow', config: { hidden: 2 }, backend: 'typescript-cpu', parameters: [] },
  loss: { name: 'bt', paperName: 'Bradley-Terry', params: { center: 0 } },
  seed: 3,
  train: trainConfigFrom({ seed: 3 }),
  schedule: { lr: 0.001, warmupSteps: 1, minLrFraction: 0, totalSteps: 2, stepsPerEpoch: 1 },
  data: { trainPairs: 2, evalPairs: 0, trainTokensSha256: 'a', evalTokensSha256: 'b' },
  versions: { node: '20' },
  gitCommit: null,
  status: 'finished',
  stepsDone: 2,
  metrics: { steps: [], evals: [] },
  ...o,
});

test('writeRunRecord writes canonical JSON (keys sorted, one-space indent) that readRunRecord reads back', () => {
  const d = tmp();
  const r = record({ note: 'kept as a fact' });
  writeRunRecord(d, r);
  const text = readFileSync(join(d, RUN_FILE), 'utf8');
  assert.ok(text.startsWith('{\n "data": {'), text.slice(0, 20));
  assert.ok(text.endsWith('}\n'));
  assert.deepEqual(readRunRecord(d), r);
});

test('readRunRecord: no run.json is undefined; another format is an error naming the file and field', () => {
  const d = tmp();
  assert.equal(readRunRecord(d), undefined);
  writeFileSync(join(d, RUN_FILE), JSON.stringify({ format: 'other/1' }));
  assert.throws(() => readRunRecord(d), new RegExp(`${RUN_FILE}: field "format" is "other/1", expected "rmw-run/1"`));
});

test(
  'readFinishedRun refuses a folder without a record, an ' + 'unfinished run, missing weights, a record without model',
  () => {
    const d = tmp();
    assert.throws(() => readFinishedRun(d), /no run\.json; is this a run folder written by rmw train\?/);
    writeRunRecord(d, record({ status: 'diverged' }));
    assert.throws(() => readFinishedRun(d), /the run's status is "diverged", not "finished"/);
    writeRunRecord(d, record());
    assert.throws(() => readFinishedRun(d), /weights\.bin is missing/);
    writeFileSync(join(d, WEIGHTS_FILE), '');
    assert.equal(readFinishedRun(d).seed, 3);
    writeFileSync(join(d, RUN_FILE), JSON.stringify({ ...record(), model: undefined }));
    assert.throws(() => readFinishedRun(d), /field "model" \(kind, config\) is missing/);
    const edited = record();
    writeRunRecord(d, { ...edited, model: { ...edited.model, config: { hidden: 2, activation: 'relu' } } });
    assert.throws(() => readFinishedRun(d), /run\.json: its settings .* no longer give the run key it records/);
    writeRunRecord(d, { ...edited, train: { ...edited.train, logEvery: 7 } });
    assert.equal(readFinishedRun(d).seed, 3, 'logEvery is not part of the key');
  },
);
