// The whole road through the command line, as a user takes it: export a benchmark, score it elsewhere (here: the real
// rewards five public reward models gave JudgeBench, keyed by the exported pair ids), `rmw eval --scores`, then
// `rmw figures`; and supplied rewards equal to a baseline rule give exactly that baseline's evaluation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from '../../src/cli/args.js';
import { command as evalCmd, type EvalCommandResult } from '../../src/cli/eval.js';
import { command as exportCmd } from '../../src/cli/export.js';
import { command as figuresCmd } from '../../src/cli/figures.js';
import { JUDGEBENCH_SCORE_IDS, loadJudgeBenchRewardScores } from '../../src/data/loaders/judgeBench.js';
import { judgeBenchReferenceLeaderboard } from '../../src/eval/judgebench.js';
import type { ExportBenchResult } from '../../src/export/exportBench.js';
import { realMixFolder, tempDir } from './helpers.js';

const rows = (path: string) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { id: string; chosen: string; rejected: string });

test(
  'export bench -> scores from elsewhere -> eval --scores -> ' + 'figures, on the JudgeBench reference scores',
  async () => {
    const dir = tempDir('road');
    const pairs = join(dir, 'judgebench', 'pairs.jsonl');
    const ex = (await exportCmd.run(parseArgs(['bench', 'judgebench', '--out', pairs]))) as ExportBenchResult;
    assert.equal(ex.pairs, 350);
    const reference = await judgeBenchReferenceLeaderboard();
    for (const id of JUDGEBENCH_SCORE_IDS) {
      const byPair = new Map((await loadJudgeBenchRewardScores(id)).items.map((it) => [it.pair_id, it]));
      const scores = rows(pairs)
        .map((p) => {
          const it = byPair.get(p.id)!;
          const [c, r] = it.label === 'A>B' ? [it.scoreA, it.scoreB] : [it.scoreB, it.scoreA];
          return `${JSON.stringify({ id: p.id, chosen: c, rejected: r, model: id })}\n`;
        })
        .join('');
      const file = join(dir, `${id}.scores.jsonl`);
      writeFileSync(file, scores);
      const out = (await evalCmd.run(
        parseArgs([
          '--scores',
          file,
          '--bench',
          'judgebench',
          '--name',
          id,
          '--resamples',
          '200',
          '--results',
          join(dir, 'results'),
        ]),
      )) as EvalCommandResult;
      const ref = reference.find((r) => r.id === id)!;
      assert.equal(out.result.overall, ref.accuracy.overall, id);
      for (const k of ['knowledge', 'reasoning', 'math', 'coding'])
        assert.equal(out.result[k], ref.accuracy[k], `${id} ${k}`);
      assert.equal(out.result.provenance, 'external (scores supplied)');
      assert.ok(out.baselines['longer-response-wins']);
      assert.equal(out.recorded!.replaced, false);
    }
    const fig = (await figuresCmd.run(
      parseArgs(['--out', join(dir, 'figures'), '--results', join(dir, 'results'), '--no-png', '--skip-figure2']),
    )) as { tables: string[] };
    assert.ok(fig.tables.includes('external-judgebench-leaderboard'));
    const md = readFileSync(join(dir, 'figures', 'external-judgebench-leaderboard.md'), 'utf8');
    assert.equal(md.split('\n').filter((l) => l.startsWith('| external (scores supplied) |')).length, 5);
    await assert.rejects(
      evalCmd.run(
        parseArgs(['--scores', join(dir, `${JUDGEBENCH_SCORE_IDS[0]}.scores.jsonl`), '--bench', 'judgebench']),
      ),
      /missing --name/,
    );
    await assert.rejects(
      evalCmd.run(parseArgs(['--baseline', 'longer', '--bench', 'judgebench', '--results', dir])),
      /use it with --scores/,
    );
  },
);

test(
  'supplied rewards equal to the longer-response rule give that ' + 'baseline exactly (RM-Bench, 3 pairs a prompt)',
  async () => {
    const dir = tempDir('same');
    const pairs = join(dir, 'pairs.jsonl');
    await exportCmd.run(parseArgs(['bench', 'rmbench', '--out', pairs]));
    const file = join(dir, 'scores.jsonl');
    writeFileSync(
      file,
      rows(pairs)
        .map((p) => `${JSON.stringify({ id: p.id, chosen: p.chosen.length, rejected: p.rejected.length })}\n`)
        .join(''),
    );
    const supplied = (await evalCmd.run(
      parseArgs(['--scores', file, '--bench', 'rmbench', '--name', 'len', '--resamples', '100']),
    )) as EvalCommandResult;
    const rule = (await evalCmd.run(
      parseArgs(['--baseline', 'longer', '--bench', 'rmbench', '--resamples', '100']),
    )) as EvalCommandResult;
    for (const k of ['hard', 'normal', 'easy', 'avg', 'domains', 'ci95'])
      assert.deepEqual(supplied.result[k], rule.result[k], k);
  },
);

test('the held-out benchmark of a mix, for our baselines and supplied scores alike', async () => {
  const mix = await realMixFolder(10, 40);
  const dir = tempDir('held');
  const pairs = join(dir, 'pairs.jsonl');
  await exportCmd.run(parseArgs(['bench', 'heldout', '--mix', mix.dir, '--out', pairs]));
  const file = join(dir, 'scores.jsonl');
  writeFileSync(
    file,
    rows(pairs)
      .map((p) => `${JSON.stringify({ id: p.id, chosen: -p.chosen.length, rejected: -p.rejected.length })}\n`)
      .join(''),
  );
  const supplied = (await evalCmd.run(
    parseArgs(['--scores', file, '--bench', 'heldout', '--mix', mix.dir, '--name', 'short', '--resamples', '100']),
  )) as EvalCommandResult;
  const rule = (await evalCmd.run(
    parseArgs(['--baseline', 'shorter', '--bench', 'heldout', '--mix', mix.dir, '--resamples', '100']),
  )) as EvalCommandResult;
  assert.equal(supplied.result.overall, rule.result.overall);
  assert.deepEqual(supplied.result.ci95, rule.result.ci95);
  await assert.rejects(evalCmd.run(parseArgs(['--baseline', 'shorter', '--bench', 'heldout'])), /--mix <dir>/);
});

test('wrong command lines are usage errors (exit 2) that say what was meant, before any work', async () => {
  const dir = tempDir('usage');
  const usage = (args: string[], message: RegExp) =>
    assert.rejects(
      (args[0] === 'eval' ? evalCmd : exportCmd).run(parseArgs(args.slice(1))),
      (e: Error) => e.name === 'UsageError' && message.test(e.message),
    );
  await usage(['eval', '--scroes', 'x.jsonl', '--bench', 'judgebench'], /did you mean --scores\?/);
  await usage(['eval', '--baseline', 'longer', '--bench', 'judgebench', '--name', 'm'], /use it with --scores/);
  await usage(
    ['eval', '--baseline', 'longer', '--bench', 'judgebench', '--mix', dir],
    /--mix applies to --bench heldout/,
  );
  await usage(['export', 'bench', 'jugdebench', '--out', join(dir, 'p.jsonl')], /did you mean judgebench\?/);
  await usage(['export', 'bench', 'judgebench', '--out', join(dir, 'p.jsonl'), '--gpus', '4'], /--gpus does not apply/);
  await usage(
    ['export', 'bench', 'rmbench', '--out', join(dir, 'p.jsonl'), '--weights', 'current'],
    /rewardbench-lite/,
  );
  await usage(['export', 'trl', '--out', join(dir, 'job'), '--weights', 'current'], /--weights does not apply/);
  await usage(['export', 'trl', '--out', join(dir, 'job')], /missing --mix <dir>/);
  await usage(['export', 'openrlhf', 'judgebench', '--mix', dir, '--out', join(dir, 'job')], /takes no benchmark/);
  assert.deepEqual(readdirSync(dir), []);
});
