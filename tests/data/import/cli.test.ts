// `rmw import` end to end: flags in, a written file and its counts and sha256 out; same input, same bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { parseArgs } from '../../../src/cli/args.js';
import { command, runImport } from '../../../src/cli/import.js';
import { readPairsArrow, readPairsParquet } from '../../../src/data/io/index.js';

const dir = mkdtempSync(join(tmpdir(), 'rmw-cli-import-'));
const input = join(dir, 'votes.jsonl');
writeFileSync(
  input,
  [
    JSON.stringify({ q: 'Best fruit?', x: 'Mango', y: 'Rock', w: 'x' }),
    JSON.stringify({ q: 'Sky colour?', x: 'Green', y: 'Blue', w: 'y' }),
    JSON.stringify({ q: 'Tie?', x: 'a', y: 'b', w: 'tie' }),
  ].join('\n'),
);

const argv = (out: string) => [
  'import',
  input,
  '--prompt',
  'q',
  '--a',
  'x',
  '--b',
  'y',
  '--label',
  'w',
  '--a-wins',
  'x',
  '--b-wins',
  'y',
  '--out',
  out,
  '--json',
];

test('rmw import prints read/kept/quarantined, the output path and its sha256', async () => {
  const out = join(dir, 'votes.jsonl.out.jsonl');
  const args = parseArgs(argv(out).slice(1));
  const r = await runImport(args);
  assert.deepEqual(
    { read: r.read, kept: r.kept, quarantined: r.quarantined, duplicates: r.duplicates, out: r.out },
    {
      read: 3,
      kept: 2,
      quarantined: { 'label-unrecognised': 1 },
      duplicates: { count: 0, examples: [] },
      out,
    },
  );
  assert.equal(r.sha256, createHash('sha256').update(readFileSync(out)).digest('hex'));
  assert.equal(
    readFileSync(out, 'utf8'),
    [
      '{"id":"votes:1","source":"votes","prompt":[{"role":"user","content":"Best ' +
        'fruit?"}],"chosen":"Mango","rejected":"Rock"}',
      '{"id":"votes:2","source":"votes","prompt":[{"role":"user","content":"Sky ' +
        'colour?"}],"chosen":"Blue","rejected":"Green"}',
      '',
    ].join('\n'),
  );
});

test('.arrow and .parquet outputs hold the same pairs, and a rerun gives the same sha256', async () => {
  const arrow = await runImport(parseArgs(argv(join(dir, 'v.arrow')).slice(1)));
  const parquet = await runImport(parseArgs(argv(join(dir, 'v.parquet')).slice(1)));
  const again = await runImport(parseArgs(argv(join(dir, 'v2.parquet')).slice(1)));
  assert.deepEqual(readPairsArrow(arrow.out), await readPairsParquet(parquet.out));
  assert.equal(again.sha256, parquet.sha256);
});

test('an unknown output extension is refused before anything is read', async () => {
  await assert.rejects(runImport(parseArgs(argv(join(dir, 'v.csv')).slice(1))), {
    message: /must end in \.jsonl, \.arrow or \.parquet/,
  });
});

test('repeated pairs are counted in the result and its JSON, and named in the text output', async () => {
  const twice = join(dir, 'twice.jsonl');
  const row = JSON.stringify({ q: 'Best fruit?', x: 'Mango', y: 'Rock', w: 'x' });
  writeFileSync(twice, `${row}\n${row}\n`);
  const args = argv(join(dir, 'twice.out.jsonl')).slice(1);
  args[0] = twice;
  const r = await runImport(parseArgs(args));
  assert.deepEqual(JSON.parse(JSON.stringify(r)).duplicates, { count: 1, examples: [{ row: 2, firstRow: 1 }] });
  assert.equal(r.kept, 2);
  assert.match(command.format!(r), /^duplicates: 1 kept pairs repeat an earlier pair exactly \(row 2 = row 1\)$/m);
});
