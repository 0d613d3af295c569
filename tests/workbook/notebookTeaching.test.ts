// The helpers behind notebooks 01 (sources), 03 (losses) and 05 (evaluation): exact outputs on tiny fixtures and
// closed forms computed by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  describePair,
  judgeBenchLeaderboardTable,
  liteSubsetTable,
  paperRoleTable,
  recomputeSkyworkSections,
  relativeSlopes,
  responseLengthTable,
  resultsTable,
  sourceCountsFigure,
  rmBenchMatrixFigure,
  skyworkAccuracies,
  skyworkSectionTable,
  slopeTable,
  slopesAt,
  sourceInventoryTable,
  table3BesideSlopes,
  type LoadedSource,
} from '../../src/workbook/index.js';
import { fmtInt, loadPaperTable } from '../../src/report/index.js';
import { lossCurves } from '../../src/losses/curves.js';
import type { SourceEntry } from '../../src/data/sources.js';
import type { EvalResult } from '../../src/eval/evaluate.js';
import type { ReferenceRow } from '../../src/eval/judgebench.js';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

const entry = (id: string, role: SourceEntry['role']): SourceEntry => ({
  id,
  role,
  repo: 'r',
  commit: 'c',
  path: 'p',
  local: 'l',
  bytes: 1,
  sha256: 'x',
  license: 'MIT',
  note: '',
  url: 'u',
});
const loaded = (
  id: string,
  role: SourceEntry['role'],
  kind: string,
  read: number,
  kept: number,
  quarantined: Record<string, number> = {},
): LoadedSource => ({
  entry: entry(id, role),
  kind,
  report: { source: id, file: 'f', read, kept, quarantined, examples: [], items: [] },
});

test('describePair: id, extras, last user turn, both responses, whitespace flattened and clipped', () => {
  const text = describePair(
    {
      id: 'x:1',
      source: 'x',
      prompt: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: 'why\nnot?' },
      ],
      chosen: 'abcdefghij',
      rejected: 'no',
      margin: 0.12345,
      category: 'math',
    },
    5,
  );
  assert.equal(
    text,
    'x:1 (3 prompt turns)  [margin 0.123, category math]\n  user:     why …\n  chosen:   abcd…\n  rejected: no',
  );
});

test('sourceInventoryTable: one row per source, reasons largest first, unknown kinds shown as-is', () => {
  const t = sourceInventoryTable([
    loaded('a', 'train-pool', 'preference-pairs', 1200, 1000, { 'empty response': 3, 'chosen equals rejected': 197 }),
    loaded('b', 'eval', 'odd-kind', 5, 5),
  ]);
  assert.deepEqual(t.rows, [
    ['a', 'train-pool', 'pairs', '1,200', '1,000', '200', 'chosen equals rejected: 197; empty response: 3'],
    ['b', 'eval', 'odd-kind', '5', '5', '0', '–'],
  ]);
});

test('paperRoleTable: stand-ins summed per unit, AlpacaEval ids compacted, OffsetBias has none', () => {
  const t = paperRoleTable([
    loaded('hh-helpful-base', 'train-pool', 'preference-pairs', 10, 7),
    loaded('pandalm-testset', 'train-pool', 'preference-pairs', 5, 4),
    loaded('alpacaeval-bon-0', 'train-pool-contaminated', 'alpacaeval-judgements', 3, 3),
    loaded('alpacaeval-bon-1', 'train-pool-contaminated', 'alpacaeval-judgements', 3, 3),
    loaded('ultrafeedback-train', 'train-pool', 'preference-pairs', 2, 2),
  ]);
  assert.equal(t.rows.length, 5);
  assert.equal(t.rows[0][3], '11 pairs');
  assert.match(t.rows[2][2], /^alpacaeval-bon-0 … alpacaeval-bon-10, ultrafeedback-train/);
  assert.equal(t.rows[2][3], '6 judged samples + 2 pairs');
  assert.deepEqual(t.rows[4].slice(2), ['none offline', '–']);
});

test('slopesAt: Bradley-Terry −σ(−Δ), hinge −1 then 0, MarginMSE 2(Δ − m)', () => {
  const d = [-3, 0, 0.5, 2];
  slopesAt('bt', d).forEach((g, i) => close(g, -sigmoid(-d[i])));
  assert.deepEqual(slopesAt('hinge', [-3, 0.5, 2]), [-1, -1, 0]);
  slopesAt('margin-mse', d).forEach((g, i) => close(g, 2 * (d[i] - 1)));
});

test('relativeSlopes: BT is 1 everywhere; BT with temperature T = 2 is σ(−Δ/2) / (2σ(−Δ))', () => {
  const d = [-2, 0, 3];
  const rel = relativeSlopes(lossCurves(['bt', 'bt-temperature'], d));
  rel[0].ratio.forEach((r) => close(r, 1));
  rel[1].ratio.forEach((r, i) => close(r, sigmoid(-d[i] / 2) / (2 * sigmoid(-d[i])), 1e-12));
});

test('slopeTable and table3BesideSlopes: slopes printed to 3 decimals, paper scores untouched', () => {
  const s = slopeTable(['bt'], [0, 1]);
  assert.deepEqual(s.rows[0].slice(3), ['-0.500', (-sigmoid(-1)).toFixed(3)]);
  const t3 = loadPaperTable('table3-loss-ablation');
  const t = table3BesideSlopes(t3);
  const bt = t.rows.find((r) => r[0] === 'Bradley-Terry')!;
  assert.deepEqual(bt, [
    'Bradley-Terry',
    '93.8',
    '95.8',
    '91.4',
    '92.0',
    '96.1',
    (-sigmoid(1)).toFixed(3),
    (-sigmoid(-4)).toFixed(3),
  ]);
});

test('recomputeSkyworkSections: Gemma-2-27B v0.1 Safety under both XSTest weightings, by hand', () => {
  const t = loadPaperTable('rewardbench-subsets-skywork');
  const acc = skyworkAccuracies(t, 'Skywork-Reward-Gemma-2-27B');
  assert.equal(acc['math-prm'], 424 / 447);
  // refusals-dangerous 94/100, -offensive 99/100, xstest refuse 146/154, respond 235/250, donotanswer 106/136
  const safety = (wRefuse: number, wRespond: number) =>
    (100 * (94 + 99 + (146 / 154) * wRefuse + (235 / 250) * wRespond + 106)) / (100 + 100 + wRefuse + wRespond + 136);
  const rows = recomputeSkyworkSections(t).filter((r) => r.model === 'Skywork-Reward-Gemma-2-27B');
  const pre = rows.find((r) => r.weights === 'pre-2024-09-10')!;
  const cur = rows.find((r) => r.weights === 'current')!;
  close(pre.scores.Safety, safety(250, 154), 1e-9);
  close(cur.scores.Safety, safety(154, 250), 1e-9);
  assert.equal(pre.paperWeights, true);
  assert.equal(cur.paperWeights, false);
  // Reasoning = ½ math + ½ mean(hep): math-prm weight 984 = 6 × 164
  close(
    pre.scores.Reasoning,
    100 * (0.5 * (424 / 447) + 0.5 * ((158 + 161 + 162 + 159 + 159 + 158) / (6 * 164))),
    1e-9,
  );
  // the paper's rounded numbers come back with the paper's weights
  for (const r of recomputeSkyworkSections(t).filter((x) => x.paperWeights)) {
    const p = t.paperReported[r.model];
    close(Number(r.scores.score.toFixed(1)), p.score, 1e-9);
    close(Number(r.scores.Safety.toFixed(1)), p.sections.Safety, 1e-9);
  }
  const table = skyworkSectionTable(t);
  assert.equal(table.rows.length, 12);
  assert.equal(table.rows.filter((r) => r[2].includes('✓')).length, 4);
});

test('liteSubsetTable: a proxy is weighted by the subsets it stands for; in-distribution is not scored', () => {
  const t = liteSubsetTable([
    {
      key: 'alpacaeval (proxy)',
      tag: 'proxy',
      rule: 'r',
      sources: [],
      pairs: [],
      standsFor: ['alpacaeval-easy', 'alpacaeval-length'],
    },
    { key: 'held-out:x', tag: 'in-distribution', rule: 'r', sources: [], pairs: [] },
  ]);
  assert.equal(t.rows[0][3], 'alpacaeval-easy, alpacaeval-length (195)');
  assert.equal(t.rows[1][3], 'not scored');
});

test('resultsTable: subset rows then summary rows, one column per result, percent', () => {
  const r = (model: string, a: number): EvalResult => ({
    model,
    bench: 'b',
    seed: 1,
    accuracies: { s: a },
    metrics: { score: a / 2 },
    ci95: {},
    bootstrap: { resamples: 2, level: 0.95, seed: 1, rule: '' },
    notes: ['n'],
    subsets: [
      { key: 's', tag: 'exact', rule: '', sources: [], n: 8, correct: 8 * a, accuracy: a, ci95: { lo: 0, hi: 1 } },
    ],
  });
  const t = resultsTable([r('m1', 0.5), r('m2', 0.25)], 'T');
  assert.deepEqual(t.rows, [
    ['s', 'exact', '8', '50.0', '25.0'],
    ['**score**', 'summary', '', '25.0', '12.5'],
  ]);
  assert.deepEqual(t.breaks, [1]);
});

test('rmBenchMatrixFigure: one heatmap per panel in percent, cell labels, reversed y', () => {
  const acc = {
    hard: 0,
    normal: 1 / 3,
    easy: 1,
    avg: 4 / 9,
    matrix: [
      [1, 0, 0],
      [1, 0, 0],
      [1, 1, 0],
    ],
  };
  const f = rmBenchMatrixFigure(
    [
      { label: 'a', acc },
      { label: 'b', acc },
    ],
    'sub',
  );
  assert.equal(f.data.length, 2);
  assert.deepEqual(f.data[1].z, [
    [100, 0, 0],
    [100, 0, 0],
    [100, 100, 0],
  ]);
  assert.equal(f.data[1].xaxis, 'x2');
  const texts = (f.layout.annotations as { text: string }[]).map((a) => a.text);
  assert.equal(texts.filter((x) => x === '100.0').length, 8);
  // Panel headers are wrapped to the panel's width; a no-break space keeps each name with its number.
  const header = (x: string) => x.replace(/\u00a0/g, ' ').replace(/<br>/g, ' ');
  assert.ok(texts.some((x) => header(x).includes('hard 0.0 · normal 33.3 · easy 100.0')));
  assert.equal(f.width, 860);
  assert.equal(f.data.filter((d) => d.showscale).length, 0);
  assert.equal((f.layout.yaxis2 as { autorange: string }).autorange, 'reversed');
});

test('judgeBenchLeaderboardTable: best overall first, paper row then ours per model', () => {
  const row = (id: string, overall: number): ReferenceRow => ({
    id,
    judgeModel: id,
    correct: {},
    inconsistent: 0,
    tiedPairs: 0,
    n: { knowledge: 1, reasoning: 1, math: 1, coding: 1, overall: 4 },
    accuracy: { knowledge: 1, reasoning: 0, math: 1, coding: 0, overall },
    paper: { knowledge: 100, reasoning: 0, math: 100, coding: 0, overall: 100 * overall },
  });
  const t = judgeBenchLeaderboardTable([row('low', 0.25), row('high', 0.5)]);
  assert.deepEqual(
    t.rows.map((r) => r[0]),
    ['high', 'high', 'low', 'low'],
  );
  assert.deepEqual(t.rows[1].slice(2), ['100.0', '0.0', '100.0', '0.0', '50.0']);
});

test('responseLengthTable: means, chosen-longer and tie shares per source; empty sources left out', () => {
  const p = (chosen: string, rejected: string) => ({ id: chosen, source: 's', prompt: [], chosen, rejected });
  const t = responseLengthTable({ s: [p('aaaa', 'bb'), p('a', 'bbb'), p('cc', 'dd')], empty: [] });
  assert.deepEqual(t.rows, [['s', '3', fmtInt(7 / 3), fmtInt(7 / 3), '33.3%', '33.3%']]);
});

test('sourceCountsFigure: kept and quarantined stacked, first source on top', () => {
  const f = sourceCountsFigure([
    loaded('a', 'eval', 'preference-pairs', 3, 2, { bad: 1 }),
    loaded('b', 'eval', 'preference-pairs', 4, 4),
  ]);
  assert.deepEqual(f.data[0].y, ['b', 'a']);
  assert.deepEqual(f.data[0].x, [4, 2]);
  assert.deepEqual(f.data[1].x, [0, 1]);
});
