// Scores files checked before they are trusted, through `rmw eval --scores` as a user runs it: one model per file
// (two is exit 1 naming both), ties for every model and warnings on degenerate rewards, and the set-up check
// against the shipped real JudgeBench scores of a reference model (full agreement for those scores themselves, a clear
// disagreement when a tenth of the pairs have chosen and rejected swapped).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli.js';
import { parseArgs } from '../../src/cli/args.js';
import { command as evalCmd, type EvalCommandResult } from '../../src/cli/eval.js';
import { loadJudgeBenchRewardScores } from '../../src/data/loaders/judgeBench.js';
import { loadNamedBench } from '../../src/eval/namedBench.js';
import { spearman } from '../../src/export/againstReference.js';
import { tempDir } from './helpers.js';

const SKYWORK = 'judgebench-rm-skywork-gemma-2-27b';

/** The shipped rewards of one reference model as score lines (chosen = the labelled response), in file order. */
async function shipped(id: string, model: string) {
  return (await loadJudgeBenchRewardScores(id)).items.map((it) => {
    const aWins = it.label === 'A>B';
    return { id: it.pair_id, chosen: aWins ? it.scoreA : it.scoreB, rejected: aWins ? it.scoreB : it.scoreA, model };
  });
}

const write = (file: string, lines: object[]) =>
  writeFileSync(file, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));

/** Runs rmw with stderr captured; returns the exit code and what it wrote. */
async function rmw(args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  const err: string[] = [];
  const out: string[] = [];
  const we = process.stderr.write.bind(process.stderr);
  const wo = process.stdout.write.bind(process.stdout);
  process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
  process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
  try {
    const code = await main(args);
    return { code, stderr: err.join(''), stdout: out.join('') };
  } finally {
    process.stderr.write = we;
    process.stdout.write = wo;
  }
}

test('spearman: exact on small cases with ties', () => {
  assert.equal(spearman([1, 2, 3, 4], [10, 20, 30, 40]), 1);
  assert.equal(spearman([1, 2, 3, 4], [4, 3, 2, 1]), -1);
  // ranks [1.5, 1.5, 3, 4] vs [1, 2, 3, 4]: rho = 4.5 / sqrt(4.5 * 5)
  assert.ok(Math.abs(spearman([5, 5, 6, 7], [1, 2, 3, 4]) - 4.5 / Math.sqrt(4.5 * 5)) < 1e-12);
});

test('--against Skywork-Reward-Gemma-2-27B: the shipped scores reproduce it, a tenth swapped does not', async () => {
  const dir = tempDir('against');
  const lines = await shipped(SKYWORK, 'Skywork/Skywork-Reward-Gemma-2-27B');
  const same = join(dir, 'same.jsonl');
  write(same, lines);
  const args = ['--scores', same, '--bench', 'judgebench', '--name', 'sky', '--resamples', '20'];
  const r = (await evalCmd.run(parseArgs([...args, '--against', 'Skywork-Reward-Gemma-2-27B']))) as EvalCommandResult;
  assert.equal(r.against!.pairAgreement, 1);
  assert.equal(r.against!.rankCorrelation, 1);
  assert.equal(r.against!.overallDifference, 0);
  assert.equal(r.against!.reproduces, true);
  assert.equal(r.health!.model, 'Skywork/Skywork-Reward-Gemma-2-27B');
  assert.equal(r.health!.tied, 3); // the three pairs the shipped scores tie (judgeBenchReferenceLeaderboard agrees)

  // Chosen and rejected swapped on every tenth pair: 35 pairs ordered the other way (less those tied).
  const swapped = lines.map((l, i) => (i % 10 === 0 ? { ...l, chosen: l.rejected, rejected: l.chosen } : l));
  const tiedSwapped = swapped.filter((l, i) => i % 10 === 0 && l.chosen === l.rejected).length;
  const bad = join(dir, 'swapped.jsonl');
  write(bad, swapped);
  const run = await rmw([
    'eval',
    '--scores',
    bad,
    '--bench',
    'judgebench',
    '--name',
    'sky',
    '--resamples',
    '20',
    '--against',
    'Skywork/Skywork-Reward-Gemma-2-27B',
  ]);
  assert.equal(run.code, 1);
  assert.match(run.stdout + run.stderr, new RegExp(`pair agreement ${350 - (35 - tiedSwapped)}/350`));
  assert.match(run.stdout + run.stderr, /does NOT reproduce it: .*pairs ordered differently/);
});

test('a file naming two models is refused (exit 1, both named); a constant model is warned about', async () => {
  const dir = tempDir('two');
  const a = await shipped(SKYWORK, 'Skywork/Skywork-Reward-Gemma-2-27B');
  const b = await shipped('judgebench-rm-internlm2-7b', 'internlm/internlm2-7b-reward');
  const mixed = join(dir, 'mixed.jsonl');
  write(mixed, [...a.slice(0, 175), ...b.slice(175)]);
  const run = await rmw(['eval', '--scores', mixed, '--bench', 'judgebench', '--name', 'x', '--resamples', '10']);
  assert.equal(run.code, 1);
  assert.match(
    run.stderr,
    new RegExp(
      String.raw`the lines name 2 models: "Skywork\/Skywork-Reward-Gemma-2-27B" \(175 lines, first on line 1\) and ` +
        String.raw`"internlm\/internlm2-7b-reward" \(175 lines, first on line 176\)`,
    ),
  );
  const constant = join(dir, 'constant.jsonl');
  write(
    constant,
    a.map((l) => ({ ...l, chosen: 0.5, rejected: 0.5, model: 'const' })),
  );
  const c = await rmw(['eval', '--scores', constant, '--bench', 'judgebench', '--name', 'const', '--resamples', '10']);
  assert.equal(c.code, 0);
  assert.match(c.stderr, /warning: const: every reward is the same value \(0\.5\): a constant scorer, every pair tied/);
  assert.match(c.stdout, /ties +350 of 350 pairs \(const\)/);
  // A quarter of the pairs tied: more than 20%, warned; the file's other pairs are real rewards.
  const quarter = join(dir, 'quarter.jsonl');
  write(
    quarter,
    a.map((l, i) => (i % 4 === 0 ? { ...l, rejected: l.chosen } : l)),
  );
  const q = (await evalCmd.run(
    parseArgs(['--scores', quarter, '--bench', 'judgebench', '--name', 'q', '--resamples', '10']),
  )) as EvalCommandResult;
  assert.equal(q.health!.tied, 88 + a.filter((l, i) => i % 4 !== 0 && l.chosen === l.rejected).length);
  assert.match(q.health!.warnings[0], /have equal rewards, more than 20%/);
});

test(
  'a NaN reward (as Python writes it) is named as such, with its line and field, and the file is ' + 'refused',
  async () => {
    const dir = tempDir('nan');
    const lines = (await shipped(SKYWORK, 'm')).slice(0, 3).map((l) => JSON.stringify(l));
    const file = join(dir, 'nan.jsonl');
    writeFileSync(file, [...lines, '{"id": "x", "chosen": 1.5, "rejected": NaN, "model": "m"}', ''].join('\n'));
    const run = await rmw(['eval', '--scores', file, '--bench', 'judgebench', '--name', 'm']);
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /nan\.jsonl, line 4, field "rejected": the rejected reward is NaN: the model gave no usable reward/,
    );
  },
);

test(
  'ties are reported for a baseline or a run too: the longer-response rule ties every equal-length ' + 'pair',
  async () => {
    const bench = await loadNamedBench('rewardbench-lite');
    const equal = bench.rows.filter((r) => r.chosen.length === r.rejected.length).length;
    const out = (await evalCmd.run(
      parseArgs(['--baseline', 'longer', '--bench', 'rewardbench-lite', '--resamples', '10']),
    )) as EvalCommandResult;
    assert.deepEqual(out.ties, { pairs: bench.rows.length, tied: equal });
    assert.ok(equal > 0);
  },
);
