// The way back in, on real data: the rewards five public reward models gave JudgeBench's 350 GPT-4o pairs (the
// reference scores in the offline mirror) go out as scores.jsonl files, come back through `rmw eval --scores`' library
// path (score table -> the same evaluator), give exactly today's reference leaderboard, and join the figures' tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JUDGEBENCH_SCORE_IDS, loadJudgeBenchRewardScores } from '../../src/data/loaders/judgeBench.js';
import { JUDGEBENCH_PAPER_TABLE3 } from '../../src/data/judgebenchPaper.js';
import { judgeBenchReferenceLeaderboard } from '../../src/eval/judgebench.js';
import { loadNamedBench } from '../../src/eval/namedBench.js';
import { readScoresJsonl } from '../../src/eval/scoreTable.js';
import { evaluateExternal, recordExternalRow } from '../../src/export/externalResults.js';
import { EXTERNAL_FILE, loadExternalResults } from '../../src/report/externalInputs.js';
import { regenerateFigures } from '../../src/report/regenerateFigures.js';
import { tempDir } from './helpers.js';

/** scores.jsonl text for one reference model: the reward of the labelled (chosen) and the other response. */
async function referenceScores(id: string): Promise<string> {
  const items = (await loadJudgeBenchRewardScores(id)).items;
  return items
    .map((it) => {
      const aWins = it.label === 'A>B';
      return (
        JSON.stringify({
          id: it.pair_id,
          chosen: aWins ? it.scoreA : it.scoreB,
          rejected: aWins ? it.scoreB : it.scoreA,
        }) + `\n`
      );
    })
    .join('');
}

test(
  'the five JudgeBench reference models through --scores give the ' + 'reference leaderboard; figures show them',
  async () => {
    const dir = tempDir('ext');
    const results = join(dir, 'results');
    const bench = await loadNamedBench('judgebench');
    const reference = await judgeBenchReferenceLeaderboard();
    for (const id of JUDGEBENCH_SCORE_IDS) {
      const file = join(dir, `${id}.jsonl`);
      writeFileSync(file, await referenceScores(id));
      const ev = await evaluateExternal(readScoresJsonl(file), bench, id, { seed: 0, resamples: 200 });
      const ref = reference.find((r) => r.id === id)!;
      assert.equal(ev.coverage.used, 350);
      for (const k of ['knowledge', 'reasoning', 'math', 'coding'])
        assert.equal(ev.row.accuracies![k], ref.accuracy[k], `${id} ${k}`);
      assert.equal(ev.row.metrics.overall, ref.accuracy.overall, id);
      assert.equal(Number((100 * ev.row.metrics.overall).toFixed(2)), JUDGEBENCH_PAPER_TABLE3[id].overall);
      const ci = ev.row.ci95.overall;
      assert.ok(ci.lo < ev.row.metrics.overall && ev.row.metrics.overall < ci.hi);
      recordExternalRow(results, ev.row);
    }
    assert.equal(loadExternalResults(results)!.rows.length, 5);
    // Recording the same model again replaces its row.
    const again = await evaluateExternal(
      readScoresJsonl(join(dir, `${JUDGEBENCH_SCORE_IDS[0]}.jsonl`)),
      bench,
      JUDGEBENCH_SCORE_IDS[0],
      { seed: 0, resamples: 200 },
    );
    assert.equal(recordExternalRow(results, again.row).replaced, true);
    assert.equal(loadExternalResults(results)!.rows.length, 5);

    const fig = await regenerateFigures({
      outDir: join(dir, 'figures'),
      resultsDir: results,
      images: false,
      skipFigure2: true,
    });
    assert.ok(fig.tables.includes('external-judgebench-leaderboard'));
    const md = readFileSync(join(dir, 'figures', 'external-judgebench-leaderboard.md'), 'utf8');
    for (const id of JUDGEBENCH_SCORE_IDS) {
      const line = md.split('\n').find((l) => l.startsWith(`| external (scores supplied) | ${id} |`));
      assert.ok(line, id);
      const overall = line!.split('|')[7].trim();
      assert.ok(overall.startsWith(`${JUDGEBENCH_PAPER_TABLE3[id].overall.toFixed(2)} [`), `${id}: ${overall}`);
    }
    assert.match(
      md,
      /\| JudgeBench paper \(reported\) \| skywork-gemma-2-27b \| 59\.74 \| 66\.33 \| 83\.93 \| 50\.00 \| 64\.29 \|/,
    );
  },
);

test('a scores file missing pairs is refused with the first missing id and the count', async () => {
  const dir = tempDir('ext');
  const id = JUDGEBENCH_SCORE_IDS[1];
  const lines = (await referenceScores(id)).trim().split('\n');
  const file = join(dir, 'partial.jsonl');
  writeFileSync(file, `${lines.slice(0, 340).join('\n')}\n`);
  const firstMissing = JSON.parse(lines[340]).id;
  await assert.rejects(
    evaluateExternal(readScoresJsonl(file), await loadNamedBench('judgebench'), 'x', { seed: 0, resamples: 10 }),
    new RegExp(`partial.jsonl: 10 of 350 judgebench pairs have no score; the first missing id is "${firstMissing}"`),
  );
});

test('a RewardBench-lite row joins Table 2 as external, with its own label and provenance note', async () => {
  const dir = tempDir('ext');
  const results = join(dir, 'results');
  // A length-based "model": reward = response length, written as a score file for every lite pair.
  const bench = await loadNamedBench('rewardbench-lite');
  const file = join(dir, 'lite.jsonl');
  writeFileSync(
    file,
    bench.rows
      .map((r) => `${JSON.stringify({ id: r.id, chosen: r.chosen.length, rejected: r.rejected.length })}\n`)
      .join(''),
  );
  const ev = await evaluateExternal(readScoresJsonl(file), bench, 'length-as-reward', {
    seed: 0,
    resamples: 50,
    weights: 'pre-2024-09-10',
  });
  recordExternalRow(results, ev.row);
  // The row says which XSTest weights its score was computed with.
  assert.equal(JSON.parse(readFileSync(join(results, EXTERNAL_FILE), 'utf8')).rows[0].weights, 'pre-2024-09-10');
  const fig = await regenerateFigures({
    outDir: join(dir, 'figures'),
    resultsDir: results,
    images: false,
    skipFigure2: true,
  });
  const md = readFileSync(join(dir, 'figures', 'table2-leaderboard.md'), 'utf8');
  const line = md.split('\n').find((l) => l.includes('| external (scores supplied) | length-as-reward |'))!;
  assert.ok(line);
  assert.ok(line.includes(`| ${(100 * ev.row.metrics.score).toFixed(1)} [`));
  const dots = JSON.parse(readFileSync(join(dir, 'figures', 'table2-leaderboard-dots.json'), 'utf8'));
  assert.ok(
    dots.data.some(
      (t: { name: string; y: string[] }) =>
        t.name === 'external (scores supplied)' && t.y.includes('length-as-reward (external)'),
    ),
  );
  assert.ok(fig.notes.some((n) => n.includes(EXTERNAL_FILE)));
});
