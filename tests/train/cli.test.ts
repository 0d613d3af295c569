import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command as trainCmd } from '../../src/cli/train.js';
import { command as scoreCmd } from '../../src/cli/scorePairs.js';
import { parseArgs } from '../../src/cli/args.js';
import { loadRun } from '../../src/train/loadRun.js';
import { writePairsJsonl } from '../../src/data/io/jsonl.js';
import { hhPairs } from './hhFixture.js';

test('rmw train --preset quick on a real source, then score-pairs and loadRun give the same rewards', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'rmw-cli-')), 'run');
  const res = (await trainCmd.run(
    parseArgs([
      '--data',
      'hh-harmless-base',
      '--model',
      'bow',
      '--loss',
      'bt',
      '--seed',
      '3',
      '--preset',
      'quick',
      '--out',
      out,
    ]),
  )) as { summary: { steps: number; heldOutAccuracy: number } };
  assert.equal(res.summary.steps, 24);
  const rec = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
  assert.equal(rec.preset, 'quick');
  assert.equal(rec.inputs[0].spec, 'hh-harmless-base');
  assert.match(rec.inputs[0].sha256, /^[0-9a-f]{64}$/);
  assert.equal(rec.tokenizer.name, 'cl100k_base');

  const pairs = await hhPairs('hh-helpful-base', 5);
  const pairsFile = join(out, '..', 'pairs.jsonl');
  writePairsJsonl(pairsFile, pairs);
  const scoresFile = join(out, '..', 'scores.jsonl');
  const sc = (await scoreCmd.run(parseArgs(['--run', out, '--in', pairsFile, '--out', scoresFile]))) as { n: number };
  assert.equal(sc.n, 5);
  const lines = readFileSync(scoresFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const scorer = await loadRun(out);
  const r = await scorer.score(pairs.map((p) => ({ prompt: p.prompt, response: p.chosen })));
  assert.deepEqual(
    lines.map((l) => l.chosen),
    Array.from(r),
  );
  assert.deepEqual(
    lines.map((l) => l.id),
    pairs.map((p) => p.id),
  );
});

test('an unknown model kind is a clear error naming the available kinds', async () => {
  const { createRewardModel } = await import('../../src/model/factory.js');
  await assert.rejects(createRewardModel('lstm', {}, 1), /unknown model kind "lstm"; available: bow/);
  const t = await createRewardModel('transformer', {}, 1); // loaded on demand (src/model/transformer/model.ts)
  assert.equal(t.kind, 'transformer');
  t.dispose();
});
