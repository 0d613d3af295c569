// The bad-input corpus (corpus.ts) through rmw import, rmw data load, rmw train and rmw eval, each defect with the
// outcome it must have: refused with a message naming the file, the line and the field; or quarantined with a reason
// and counted; or, for the harmless ones, read exactly like the clean file. A refusal writes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PreferencePair } from '../../src/data/schema.js';
import { getSource, mirrorPath } from '../../src/data/sources.js';
import { loadNamedBench } from '../../src/eval/namedBench.js';
import { hhPairs } from '../train/hhFixture.js';
import { DEFECTS, HARMLESS, HUGE_CHARS, jsonlCorpus, parquetCorpus, writeCorpus, type Defect } from './corpus.js';
import { rmw } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'rmw-bad-'));
const pairsPromise = hhPairs('hh-harmless-base', 6);

async function pairFiles(): Promise<{ clean: string; files: Record<Defect, string>; parquet: Record<string, string> }> {
  const pairs = await pairsPromise;
  const records = pairs.map((p) => ({ ...p }) as unknown as Record<string, unknown>);
  const corpus = jsonlCorpus(records, {
    field: 'chosen',
    wrongType: 42,
    hugeField: 'chosen',
    rename: (r) => ({ id: r.id, source: r.source, question: r.prompt, good: r.chosen, bad: r.rejected }),
  });
  const clean = join(dir, 'clean.jsonl');
  writeFileSync(clean, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const sub = join(dir, 'pairs');
  mkdirSync(sub, { recursive: true });
  return {
    clean,
    files: writeCorpus(sub, corpus, '.jsonl'),
    parquet: writeCorpus(sub, parquetCorpus(pairs), '.parquet'),
  };
}
const filesPromise = pairFiles();

interface Imported {
  read: number;
  kept: number;
  quarantined: Record<string, number>;
  examples: { row: number; reason: string; field?: string; detail?: string }[];
}

const importArgs = (file: string, out: string) => [
  'import',
  file,
  ...[
    '--prompt',
    'prompt',
    '--chosen',
    'chosen',
    '--rejected',
    'rejected',
    '--id',
    'id',
    '--source',
    'hh',
    '--out',
    out,
    '--json',
  ],
];

test(
  'rmw import: every record is kept or quarantined with ' + 'its reason, line and field; nothing kept, nothing written',
  async () => {
    const { clean, files, parquet } = await filesPromise;
    const out = (name: string) => join(dir, 'imported', `${name}.jsonl`);
    assert.equal((await rmw(importArgs(clean, out('clean')))).code, 0);
    const quarantines: Partial<Record<Defect, [number, number, string, string]>> = {
      truncated: [6, 5, 'corrupt-json', 'line 6: not JSON (Unterminated string'],
      corrupt: [7, 6, 'corrupt-json', 'line 3: not JSON'],
      'wrong-types': [6, 5, 'wrong-type', 'line 2: expected a string or a message list, got number'],
      'bad-utf8': [6, 5, 'invalid-utf8', 'line 2: holds bytes that are not valid UTF-8'],
      nan: [6, 5, 'corrupt-json', "line 2: not JSON (Unexpected token 'N'"],
    };
    for (const defect of DEFECTS) {
      const r = await rmw(importArgs(files[defect], out(defect)));
      const got = JSON.parse(r.stdout) as Imported;
      const q = quarantines[defect];
      if (q) {
        assert.equal(r.code, 0, defect);
        assert.deepEqual([got.read, got.kept, got.quarantined], [q[0], q[1], { [q[2]]: 1 }], defect);
        assert.ok(got.examples[0].detail!.startsWith(q[3]), `${defect}: ${got.examples[0].detail}`);
      } else if (HARMLESS.includes(defect)) {
        assert.equal(r.code, 0, defect);
        assert.deepEqual([got.read, got.kept], [6, 6], defect);
        if (defect !== 'huge-line') assert.deepEqual(readFileSync(out(defect)), readFileSync(out('clean')), defect);
      } else {
        assert.equal(r.code, 1, defect);
        assert.equal(existsSync(out(defect)), false, `${defect}: nothing written`);
      }
    }
    const huge = readFileSync(out('huge-line'), 'utf8').split('\n')[1];
    assert.equal((JSON.parse(huge) as PreferencePair).chosen.length, Math.floor(HUGE_CHARS / 18) * 18, 'kept whole');
    const refusals = {
      empty: /empty\.jsonl holds no records; nothing written to /,
      'wrong-columns': /kept 0 of 6 records \(quarantined: 6 missing-field\); nothing written/,
    };
    for (const [defect, message] of Object.entries(refusals))
      assert.match((await rmw(importArgs(files[defect as Defect], out(defect)))).stderr, message, defect);
    for (const [defect, message] of Object.entries({
      truncated: /truncated\.parquet: not a readable Parquet file/,
      corrupt: /corrupt\.parquet: Parquet data is corrupt/,
    })) {
      const r = await rmw(importArgs(parquet[defect], out(`pq-${defect}`)));
      assert.equal(r.code, 1, defect);
      assert.match(r.stderr, message, defect);
    }
    // refusals leave no lock, sidecar or temporary behind
    assert.deepEqual(
      readdirSync(join(dir, 'imported'))
        .filter((n) => n.startsWith('.') && !n.endsWith('.rmw-output.json'))
        .sort(),
      [],
    );
  },
);

test('rmw data load: a mirror copy damaged in any way is refused by its sha256, naming the source', async () => {
  const { files } = await filesPromise;
  const entry = getSource('ultrafeedback-eval');
  const mirror = join(dir, 'mirror');
  const target = join(mirror, entry.local);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(mirrorPath(entry), target);
  const before = process.env.RMW_DATA_DIR;
  process.env.RMW_DATA_DIR = mirror;
  try {
    assert.equal((await rmw(['data', 'load', entry.id, '--show', '0'])).code, 0, 'the intact copy loads');
    for (const defect of DEFECTS) {
      cpSync(files[defect], target);
      const r = await rmw(['data', 'load', entry.id]);
      assert.equal(r.code, 1, defect);
      assert.match(r.stderr, /ultrafeedback-eval.*sha256/s, defect);
    }
  } finally {
    if (before === undefined) delete process.env.RMW_DATA_DIR;
    else process.env.RMW_DATA_DIR = before;
  }
});

const trainArgs = (data: string, out: string) => [
  'train',
  ...['--data', data, '--preset', 'quick', '--steps', '3', '--hash-bits', '8', '--hidden', '4', '--out', out],
];

test(
  'rmw train: a bad pairs file is refused naming file, line ' + 'and field; harmless defects train like the clean file',
  async () => {
    const { clean, files, parquet } = await filesPromise;
    const run = (name: string) => join(dir, 'runs', name);
    assert.equal((await rmw(trainArgs(clean, run('clean')))).code, 0);
    const refusals: Record<string, string> = {
      empty: `--data ${files.empty}: no training pairs left`,
      truncated: `${files.truncated}, line 6: corrupt-json: not JSON`,
      corrupt: `${files.corrupt}, line 3: corrupt-json: not JSON`,
      'wrong-columns': `${files['wrong-columns']}, line 1, field "prompt": missing-field: is missing`,
      'wrong-types': `${files['wrong-types']}, line 2, field "chosen": wrong-type: expected a string, got number`,
      'bad-utf8': `${files['bad-utf8']}, line 2, field "chosen": invalid-utf8: holds bytes that are not valid UTF-8`,
      nan: `${files.nan}, line 2: corrupt-json: not JSON (Unexpected token 'N'`,
      'pq-truncated': `${parquet.truncated}: not a readable Parquet file`,
      'pq-corrupt': `${parquet.corrupt}: Parquet data is corrupt`,
    };
    for (const [name, message] of Object.entries(refusals)) {
      const file = name.startsWith('pq-') ? parquet[name.slice(3)] : files[name as Defect];
      const r = await rmw(trainArgs(file, run(name)));
      assert.equal(r.code, 1, name);
      assert.ok(r.stderr.startsWith(`rmw train: ${message}`), `${name}: ${r.stderr}`);
      assert.equal(existsSync(run(name)), false, `${name}: no run folder`);
    }
    for (const defect of HARMLESS) {
      const started = Date.now();
      const r = await rmw(trainArgs(files[defect], run(defect)));
      assert.equal(r.code, 0, `${defect}: ${r.stderr}`);
      if (defect === 'huge-line') assert.ok(Date.now() - started < 20_000, 'a 3 MB response costs about its reading');
      else
        assert.deepEqual(
          readFileSync(join(run(defect), 'weights.bin')),
          readFileSync(join(run('clean'), 'weights.bin')),
        );
    }
    assert.deepEqual(
      readdirSync(join(dir, 'runs'))
        .filter((n) => n.startsWith('.'))
        .sort(),
      [],
      'no lock or staging folder left',
    );
  },
);

test(
  'rmw eval --scores: a bad score file is refused naming file, line ' + 'and field; harmless defects change nothing',
  async () => {
    const bench = await loadNamedBench('judgebench', {});
    const rows = bench.rows.map((r, i) => ({ id: r.id, chosen: (i % 7) / 7, rejected: (i % 5) / 5 }));
    const sub = join(dir, 'scores');
    mkdirSync(sub);
    const files = writeCorpus(
      sub,
      jsonlCorpus(rows, {
        field: 'chosen',
        wrongType: '0.5',
        hugeField: 'comment',
        rename: (r) => ({ pair: r.id, a: r.chosen, b: r.rejected }),
      }),
      '.jsonl',
    );
    const lines = rows.map((r) => JSON.stringify(r));
    const [clean, infinite] = [join(sub, 'clean.jsonl'), join(sub, 'infinite.jsonl')];
    writeFileSync(clean, lines.join('\n') + '\n');
    writeFileSync(
      infinite,
      lines.map((l, i) => (i === 1 ? l.replace(/"chosen":[^,]*/, '"chosen":1e999') : l)).join('\n'),
    );
    const evalScores = (file: string) =>
      rmw(['eval', '--scores', file, '--name', 'm', '--bench', 'judgebench', '--resamples', '20', '--json']);
    const reference = await evalScores(clean);
    assert.equal(reference.code, 0);
    const refusals: Record<string, string> = {
      empty: `${files.empty}: 350 of 350 judgebench pairs have no score; the first missing id is "${rows[0].id}"`,
      truncated: `${files.truncated}, line 350: corrupt-json: not JSON`,
      corrupt: `${files.corrupt}, line 3: corrupt-json: not JSON`,
      'wrong-columns':
        `${files['wrong-columns']}, line 1, field "id": wrong-type: expected the pair id as a ` +
        `non-empty string, got nothing`,
      'wrong-types':
        `${files['wrong-types']}, line 2, field "chosen": wrong-type: expected a finite number (the ` +
        `reward), got "0.5"`,
      'bad-utf8': `${files['bad-utf8']}, line 2, field "chosen": invalid-utf8: holds bytes that are not valid UTF-8`,
      // Python's json writes a NaN reward as the bare token NaN: named as a NaN reward, not as broken JSON.
      nan: `${files.nan}, line 2, field "chosen": the chosen reward is NaN`,
      infinite: `${infinite}, line 2, field "chosen": wrong-type: expected a finite number (the reward), got Infinity`,
    };
    for (const [name, message] of Object.entries(refusals)) {
      const r = await evalScores(name === 'infinite' ? infinite : files[name as Defect]);
      assert.equal(r.code, 1, name);
      assert.ok(r.stderr.startsWith(`rmw eval: ${message}`), `${name}: ${r.stderr}`);
    }
    for (const defect of HARMLESS) {
      const r = await evalScores(files[defect]);
      assert.equal(r.code, 0, defect);
      const [got, want] = [JSON.parse(r.stdout), JSON.parse(reference.stdout)];
      assert.deepEqual(got.result, want.result, defect);
    }
  },
);

test('rmw eval and score-pairs on a damaged run: each damage refused naming the file', async () => {
  const { clean } = await filesPromise;
  const run = (name: string) => join(dir, 'damaged', name);
  assert.equal((await rmw(trainArgs(clean, run('intact')))).code, 0);
  assert.equal((await rmw([...trainArgs(clean, run('other')), '--seed', '2'])).code, 0);
  const damage: Record<string, [(d: string) => void, string]> = {
    'swapped weights': [
      (d) => cpSync(join(run('other'), 'weights.bin'), join(d, 'weights.bin')),
      '/weights.bin: sha256',
    ],
    'truncated weights': [
      (d) => writeFileSync(join(d, 'weights.bin'), readFileSync(join(d, 'weights.bin')).subarray(0, 100)),
      '/weights.bin: sha256',
    ],
    'empty weights': [(d) => writeFileSync(join(d, 'weights.bin'), ''), '/weights.bin: sha256'],
    'no weights': [(d) => rmSync(join(d, 'weights.bin')), ': weights.bin is missing'],
    'truncated record': [
      (d) => writeFileSync(join(d, 'run.json'), readFileSync(join(d, 'run.json'), 'utf8').slice(0, 200)),
      '/run.json: not JSON',
    ],
    'no checksum': [
      (d) => {
        const rec = JSON.parse(readFileSync(join(d, 'run.json'), 'utf8'));
        delete rec.checksums;
        writeFileSync(join(d, 'run.json'), JSON.stringify(rec));
      },
      '/run.json: records no sha256 of weights.bin',
    ],
  };
  const pairs = join(dir, 'damaged', 'pairs.jsonl');
  writeFileSync(pairs, readFileSync(clean));
  for (const [name, [harm, message]] of Object.entries(damage)) {
    const d = run(name.replace(/ /g, '-'));
    cpSync(run('intact'), d, { recursive: true });
    harm(d);
    const ev = await rmw(['eval', '--run', d, '--bench', 'judgebench', '--resamples', '10']);
    assert.equal(ev.code, 1, name);
    assert.ok(ev.stderr.includes(`${d}${message}`), `${name}: ${ev.stderr}`);
    const sp = await rmw([
      'score-pairs',
      '--run',
      d,
      '--in',
      pairs,
      '--out',
      join(dir, 'damaged', `${name}.scores.jsonl`),
    ]);
    assert.equal(sp.code, 1, name);
    assert.ok(sp.stderr.includes(`${d}${message}`), `score-pairs, ${name}: ${sp.stderr}`);
  }
});
