import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  OURS_LABEL,
  PAPER_LABEL,
  escapeLatex,
  loadOursResults,
  magpieCategoryTable,
  renderCsv,
  renderLatex,
  renderMarkdown,
  table2Leaderboard,
  table1Statistics,
  loadPaperTable,
  type MagpieTaskCategories,
  type ReportTable,
  type Table2Leaderboard,
} from '../../src/report/index.js';
import { InputError } from '../../src/util/errors.js';

const tiny: ReportTable = {
  id: 'tiny',
  title: 'Tiny | table',
  columns: [
    { label: 'From', align: 'left' },
    { label: 'Name', align: 'left' },
    { label: 'Count', align: 'right' },
  ],
  rows: [
    [PAPER_LABEL, 'a, "b"', '1,234'],
    [OURS_LABEL, 'x_y & z', '5'],
  ],
  breaks: [1],
  notes: ['n1'],
};

test('Markdown: bold title, right-aligned numeric column, pipes escaped, notes as a list', () => {
  assert.equal(
    renderMarkdown(tiny),
    [
      '**Tiny \\| table**',
      '',
      '| From | Name | Count |',
      '| --- | --- | ---: |',
      '| paper (reported) | a, "b" | 1,234 |',
      '| ours (measured) | x_y & z | 5 |',
      '',
      '- n1',
      '',
    ].join('\n'),
  );
});

test('CSV: RFC 4180 quoting of commas and quotes, CRLF line ends, same rows as the Markdown', () => {
  assert.equal(
    renderCsv(tiny),
    'From,Name,Count\r\npaper (reported),"a, ""b""","1,234"\r\nours (measured),x_y & z,5\r\n',
  );
});

test('LaTeX escaping of the specials and the signs the tables use', () => {
  assert.equal(
    escapeLatex('50% of $5 & #1_a {b} ~^\\'),
    '50\\% of \\$5 \\& \\#1\\_a \\{b\\} \\textasciitilde{}\\textasciicircum{}\\textbackslash{}',
  );
  assert.equal(escapeLatex('93.8 ± 0.4, 1–2, −1, >7'), '93.8 $\\pm$ 0.4, 1--2, $-$1, \\textgreater{}7');
});

test('LaTeX: booktabs tabular with a rule between the paper and ours blocks', () => {
  const tex = renderLatex(tiny);
  assert.ok(tex.includes('\\begin{tabular}{llr}'));
  assert.ok(tex.includes('\\caption{Tiny | table}'));
  assert.ok(tex.includes('paper (reported) & a, "b" & 1,234 \\\\\n\\midrule\nours (measured) & x\\_y \\& z & 5 \\\\'));
  assert.ok(tex.includes('{\\footnotesize n1}'));
});

test('Magpie category table: paper rows as printed, ours sorted by count with percentages re-computed', () => {
  const paper: MagpieTaskCategories = {
    name: 'magpie-task-categories',
    title: 't',
    source: '[T] test',
    rows: [
      { task: 'Math', count: 3, percentage: 75 },
      { task: 'Coding & debugging', count: 1, percentage: 25 },
    ],
    total: { count: 4, percentage: 100 },
  };
  const t = magpieCategoryTable(paper, {
    label: 'mix',
    dataHash: 'abcdef0123456789',
    rows: [
      { category: 'chat', count: 1 },
      { category: 'math', count: 2 },
    ],
  });
  assert.equal(
    renderCsv(t),
    [
      'From,Task category,Count,Percentage',
      'paper (reported),Math,3,75.00%',
      'paper (reported),Coding & debugging,1,25.00%',
      'paper (reported),Total,4,100.00%',
      'ours (measured),math,2,66.67%',
      'ours (measured),chat,1,33.33%',
      'ours (measured),Total,3,100.00%',
      '',
    ].join('\r\n'),
  );
  assert.deepEqual(t.breaks, [3]);
});

test(
  'Table 2: paper rows with * for unverified, ours with [lo, hi] CIs and a run note (seeds, backend, config, ' +
    'data)',
  () => {
    const paper: Table2Leaderboard = {
      name: 'table2-leaderboard',
      title: 't',
      source: '[T] test',
      blocks: {},
      rows: [
        {
          model: 'M',
          type: 'Custom',
          block: 'leaderboard',
          unverified: true,
          score: 90,
          sections: { Chat: 90, 'Chat Hard': 80, Safety: 95, Reasoning: 95 },
        },
      ],
    };
    const t = table2Leaderboard(paper, [
      {
        label: 'ours-bt',
        score: 54.25,
        sections: { Chat: 61.2, 'Chat Hard': 48.5, Safety: 55, Reasoning: 52.3 },
        ci: { score: [52.1, 56.4] },
        seeds: [1, 2, 3],
        config: 'c.json',
        backend: 'cpu',
        dataHash: '0123456789abcdef',
      },
    ]);
    assert.deepEqual(t.rows, [
      [PAPER_LABEL, 'M*', 'Custom', '90.0', '90.0', '80.0', '95.0', '95.0'],
      [OURS_LABEL, 'ours-bt', 'Discriminative (workbench)', '54.3 [52.1, 56.4]', '61.2', '48.5', '55.0', '52.3'],
    ]);
    assert.ok(
      t.notes.includes('ours (measured) "ours-bt": 3 seeds (1, 2, 3); backend cpu; config c.json; data 0123456789ab'),
    );
  },
);

test(
  'Table 1 from the real paper data has 7 sources + Total, v0.2 ' + 'column derived; ours rows and weighted totals',
  () => {
    const ours = loadOursResults('tests/report/fixtures/results');
    const t = table1Statistics(loadPaperTable('table1-composition'), ours.composition);
    assert.equal(t.rows.length, 8 + 4);
    assert.deepEqual(t.rows[3].slice(1, 4), ['Magpie Ultra', '27,785', '22,828']);
    assert.deepEqual(t.rows[7].slice(1, 4), ['Total', '81,973', '77,016']);
    // ours total: prompt tokens (100·10 + 200·40 + 100·60) / 400 = 37.5
    assert.deepEqual(t.rows[11], [OURS_LABEL, 'Total', '400', '–', '2.0', '37.5', '142.5', '–', '–']);
  },
);

test('ours results: found/missing files, {lo, hi} intervals normalised, bad rows named', () => {
  const ours = loadOursResults('tests/report/fixtures/results');
  assert.deepEqual(ours.missing, []);
  assert.deepEqual(ours.leaderboard!.rows[0].ci!.sections!['Chat Hard'], [45.2, 51.8]);
  assert.deepEqual(loadOursResults(undefined).found, []);
  assert.throws(
    () => loadOursResults('tests/report/fixtures/bad-results'),
    (e: unknown) => e instanceof InputError && e.location.row === 0 && e.location.field === 'seeds',
  );
});
