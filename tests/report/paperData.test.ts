import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PAPER_TABLE_NAMES, loadPaperTable } from '../../src/report/index.js';
import { REWARDBENCH_SECTIONS, meanOfSections, type SectionScores } from '../../src/data/rewardbenchSections.js';
import { InputError } from '../../src/util/errors.js';

test('every data/paper table loads, has a tagged source note', () => {
  for (const name of PAPER_TABLE_NAMES) {
    const t = loadPaperTable(name);
    assert.equal(t.name, name);
    assert.match(t.source, /\[(A|T|R|S|C)\]/);
  }
});

test('Table 1: per-source pairs sum to 81,973 (v0.1) and 77,016 (v0.2 = v0.1 − 4,957 Magpie Ultra)', () => {
  const t = loadPaperTable('table1-composition');
  assert.equal(
    t.rows.reduce((s, r) => s + r.pairs, 0),
    81973,
  );
  assert.equal(t.total.pairs, 81973);
  assert.equal(
    t.v02.rows.reduce((s, r) => s + r.pairs, 0),
    77016,
  );
  assert.equal(t.v02.total.pairs, 81973 - t.v02.removedPairs);
  const ultra = (rows: { source: string; pairs: number }[]) => rows.find((r) => r.source === 'Magpie Ultra')!.pairs;
  assert.equal(ultra(t.rows) - ultra(t.v02.rows), 4957);
});

test('Table 1 printed total averages are NOT the pair-weighted row means, and the data says so', () => {
  const t = loadPaperTable('table1-composition');
  const w = (key: 'avgPromptTokens' | 'avgResponseTokens') =>
    t.rows.reduce((s, r) => s + r[key]! * r.pairs, 0) / t.total.pairs;
  assert.equal(w('avgPromptTokens').toFixed(1), '92.4');
  assert.equal(w('avgResponseTokens').toFixed(1), '566.6');
  assert.ok(t.footnotes.some((f) => f.includes('92.4') && f.includes('566.6')));
});

test('the 378K pool sums to 378,273 and its Magpie rows are 3 × 98,000 + 50,000', () => {
  const t = loadPaperTable('pool-378k');
  assert.equal(
    t.rows.reduce((s, r) => s + r.pairs, 0),
    378273,
  );
  assert.equal(t.total.pairs, 378273);
  assert.equal(
    t.rows.filter((r) => r.source.startsWith('Magpie')).reduce((s, r) => s + r.pairs, 0),
    344000,
  );
});

test(
  'Magpie task categories: counts sum to 59,539 (= the Magpie rows ' + 'of Table 1) and every percentage re-computes',
  () => {
    const t = loadPaperTable('magpie-task-categories');
    const total = t.rows.reduce((s, r) => s + r.count, 0);
    assert.equal(total, 59539);
    const t1 = loadPaperTable('table1-composition');
    assert.equal(
      t1.rows.filter((r) => r.source.startsWith('Magpie')).reduce((s, r) => s + r.pairs, 0),
      total,
    );
    for (const r of t.rows) assert.equal(((100 * r.count) / total).toFixed(2), r.percentage.toFixed(2), r.task);
  },
);

test('every printed score row: |reported score − mean of the four sections| ≤ 0.1 (paper-facts §8)', () => {
  const rows: { label: string; score: number; sections: SectionScores }[] = [
    ...loadPaperTable('table2-leaderboard').rows.map((r) => ({ label: r.model, ...r })),
    ...loadPaperTable('table3-loss-ablation').rows.map((r) => ({ label: r.loss, ...r })),
    ...loadPaperTable('decontaminated-models').rows.map((r) => ({ label: r.model, ...r })),
  ];
  assert.equal(rows.length, 14 + 8 + 4);
  for (const r of rows) {
    const diff = Math.abs(r.score - meanOfSections(r.sections));
    assert.ok(diff <= 0.1 + 1e-9, `${r.label}: ${r.score} vs ${meanOfSections(r.sections)}`);
  }
});

test('decontamination: 5,402 − 445 = 4,957 removed pairs; printed deltas re-compute from the rows', () => {
  const dc = loadPaperTable('decontamination-table');
  const v01 = dc.rows.find((r) => r.dataset.endsWith('v0.1'))!;
  const v02 = dc.rows.find((r) => r.dataset.endsWith('v0.2'))!;
  assert.equal(
    v01.contaminatedPrompts - v02.contaminatedPrompts,
    loadPaperTable('table1-composition').v02.removedPairs,
  );
  const dm = loadPaperTable('decontaminated-models');
  for (const [base, deltas] of Object.entries(dm.printedDeltas)) {
    const a = dm.rows.find((r) => r.base === base && r.version === 'v0.1')!;
    const b = dm.rows.find((r) => r.base === base && r.version === 'v0.2')!;
    assert.equal(Number((b.score - a.score).toFixed(1)), deltas.score);
    for (const s of REWARDBENCH_SECTIONS)
      assert.equal(Number((b.sections[s] - a.sections[s]).toFixed(1)), deltas[s], `${base} ${s}`);
  }
});

test("official per-subset counts reproduce the paper's section scores with the weights of their time", () => {
  const t = loadPaperTable('rewardbench-subsets-skywork');
  for (const m of t.models) {
    const weights = t.weights[m.paperWeights];
    const sections = {} as SectionScores;
    for (const s of REWARDBENCH_SECTIONS) {
      let num = 0;
      let den = 0;
      for (const sub of t.subsets.filter((x) => x.section === s)) {
        const w = weights[sub.subset] ?? sub.n;
        num += (m.correct[sub.subset] / sub.n) * w;
        den += w;
      }
      sections[s] = (100 * num) / den;
    }
    const reported = t.paperReported[m.model];
    for (const s of REWARDBENCH_SECTIONS)
      assert.ok(Math.abs(sections[s] - reported.sections[s]) <= 0.05, `${m.model} ${s}: ${sections[s]}`);
    assert.ok(Math.abs(meanOfSections(sections) - reported.score) <= 0.05, `${m.model} score`);
  }
});

test('a malformed paper table fails with the file, row and field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rmw-paper-'));
  const file = join(dir, 'bad.json');
  const good = loadPaperTable('table3-loss-ablation');
  const bad = {
    ...good,
    rows: good.rows.map((r, i) => (i === 2 ? { ...r, sections: { ...r.sections, Safety: '92.6' } } : r)),
  };
  writeFileSync(file, JSON.stringify(bad));
  assert.throws(
    () => loadPaperTable('table3-loss-ablation', file),
    (err: unknown) =>
      err instanceof InputError &&
      err.location.row === 2 &&
      err.location.field === 'sections.Safety' &&
      err.location.file === file,
  );
  writeFileSync(file, JSON.stringify({ ...good, source: 'somewhere' }));
  assert.throws(() => loadPaperTable('table3-loss-ablation', file), /must cite at least one tag/);
});
