import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runRecipe } from '../../src/curate/recipes/index.js';
import {
  expandShards,
  loadSkywork80kInputs,
  MissingHfFilesError,
  parseHfFileFlag,
} from '../../src/curate/recipes/skyworkInputs.js';
import { PAPER_TABLE1_V01 } from '../../src/curate/recipes/paperCounts.js';
import { hfCachePath } from '../../src/data/hf/hub.js';
import { sha256Hex } from '../../src/util/hash.js';
import type { RewardScorer } from '../../src/model/types.js';
import { command } from '../../src/cli/curate.js';
import { parseArgs } from '../../src/cli/args.js';

// The committed fixtures of tests/fixtures/hf, in the sources' published schemas (see make-fixtures.ts).
const F = join(process.cwd(), 'tests', 'fixtures', 'hf');
const HS2 = join(F, 'helpsteer2-train.jsonl.gz');
const OB = join(F, 'offsetbias-train.jsonl');
const WG = join(F, 'wildguard-train.parquet');
const MG = join(F, 'magpie-dpo-train.parquet');
const RB = join(F, 'reward-bench-filtered.parquet');
// The one Magpie fixture stands in for all four subsets, so the subsets differ only by their offsets.
const ALL = {
  helpsteer2: HS2,
  offsetbias: OB,
  wildguardmix: WG,
  'magpie-ultra-v0.1': MG,
  'magpie-pro-llama3.1': MG,
  'magpie-pro-llama3': MG,
  'magpie-air': MG,
};

// Rewards refusals that say "can’t": orders the lock-picking pair (refusal chosen) correctly.
const refusalScorer: RewardScorer = {
  name: 'cant-marker',
  score: async (items) => Float64Array.from(items, (it) => (it.response.includes('can’t') ? 1 : 0)),
};

function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  return fn().finally(() => {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  });
}

test('loadSkywork80kInputs maps each fixture file to its Skywork80kInputs field with hand-counted rows', async () => {
  const inputs = await loadSkywork80kInputs({ files: ALL, download: false });
  // HelpSteer2: 8 rows; "Bad ratings" (helpfulness 9) and "Lonely prompt" (no neighbour) quarantined -> 3 groups.
  assert.equal(inputs.helpsteer2.length, 3);
  // OffsetBias: label 0 and an empty output quarantined -> 2 pairs. WildGuardMix: lock and python prompts pair up.
  assert.deepEqual(
    inputs.offsetbias.map((p) => p.id),
    ['offsetbias:1', 'offsetbias:2'],
  );
  assert.deepEqual(
    inputs.wildguardmix.map((p) => [p.id, p.meta?.adversarial]),
    [
      ['wildguardmix:0', true],
      ['wildguardmix:2', false],
    ],
  );
  // Magpie: u-3 has 2 scores for 3 responses -> 2 pairs per subset, source names as in the offsets table.
  assert.deepEqual(
    inputs.magpie.map((p) => p.id),
    [
      'magpie-ultra-v0.1:u-1',
      'magpie-ultra-v0.1:u-2',
      'magpie-pro-llama3.1:u-1',
      'magpie-pro-llama3.1:u-2',
      'magpie-pro-llama3:u-1',
      'magpie-pro-llama3:u-2',
      'magpie-air:u-1',
      'magpie-air:u-2',
    ],
  );
  // meanScore = mean ArmoRM score: u-1 (0.2 + 0.05 + 0.15) / 3, u-2 (0.1 + 0.25 + 0) / 3.
  assert.ok(Math.abs((inputs.magpie[0].meta!.meanScore as number) - 0.4 / 3) < 1e-12);
  assert.ok(Math.abs((inputs.magpie[1].meta!.meanScore as number) - 0.35 / 3) < 1e-12);
  assert.equal(inputs.rewardbenchPrompts, undefined, 'v0.1 does not read RewardBench');
  assert.deepEqual(
    inputs.files.map((f) => [f.source, f.from, f.read, f.kept]),
    [
      ['helpsteer2', 'local', 8, 3],
      ['offsetbias', 'local', 4, 2],
      ['wildguardmix', 'local', 6, 2],
      ['magpie-ultra-v0.1', 'local', 3, 2],
      ['magpie-pro-llama3.1', 'local', 3, 2],
      ['magpie-pro-llama3', 'local', 3, 2],
      ['magpie-air', 'local', 3, 2],
    ],
  );
  assert.deepEqual(inputs.notes, []);
});

test('runRecipe("skywork-80k-v0.1") on the fixture files: exact counts per source, hand-computed', async () => {
  const mix = await runRecipe('skywork-80k-v0.1', { hfFiles: ALL, scorer: refusalScorer });
  // HS2 helpfulness 3 vs 1, 4 vs 1, 3 vs 0: no ties -> 3 pairs. WG: stage one drops the non-adversarial python
  // prompt; the scorer orders the lock pair right -> 1. Magpie: math pool 4 -> k = floor(0.3*4 + 0.5) = 1, code the
  // same;
  // adjusted u-1: Ultra = Pro 3.1 = 0.1333 (tie -> smaller id, "magpie-pro-llama3.1"), Pro 3 0.0833, Air 0.0333.
  assert.deepEqual(mix.composition.before, {
    helpsteer2: 3,
    offsetbias: 2,
    wildguardmix: 2,
    'magpie-ultra-v0.1': 2,
    'magpie-pro-llama3.1': 2,
    'magpie-pro-llama3': 2,
    'magpie-air': 2,
  });
  assert.deepEqual(mix.composition.after, { helpsteer2: 3, offsetbias: 2, wildguardmix: 1, 'magpie-pro-llama3.1': 2 });
  assert.deepEqual(
    mix.train.map((p) => p.id),
    [
      'helpsteer2:1',
      'helpsteer2:3',
      'helpsteer2:6',
      'offsetbias:1',
      'offsetbias:2',
      'wildguardmix:0',
      'magpie-pro-llama3.1:u-1',
      'magpie-pro-llama3.1:u-2',
    ],
  );
  assert.equal(mix.heldOut.length, 0);
  assert.deepEqual(
    mix.paperCheck!.find((r) => r.source === 'helpsteer2'),
    { source: 'helpsteer2', paper: 7221, ours: 3, diff: 3 - 7221 },
  );
  assert.equal(mix.paperCheck!.find((r) => r.source === 'magpie-ultra-v0.1')!.ours, 0);
  const hfFiles = mix.params.hfFiles as { source: string; sha256: string }[];
  assert.equal(hfFiles.length, 7);
  assert.match(hfFiles[0].sha256, /^[0-9a-f]{64}$/);
});

test(
  'without offsets the tie at the top goes to the smallest id, ' + 'Magpie Air: the offsets are what rank Air last',
  async () => {
    const mix = await runRecipe('skywork-80k-v0.1', { hfFiles: ALL, flags: { offsets: false } });
    assert.deepEqual(mix.composition.after, { helpsteer2: 3, offsetbias: 2, wildguardmix: 2, 'magpie-air': 2 });
    assert.match(mix.steps.find((s) => s.step === 'twoStageRewardModelFilter')!.notes![0], /no scorer/);
  },
);

test(
  'rmw curate skywork-80k-v0.1 --hf-file ... writes the mix; the ' + 'data card labels paper vs ours for Table 1',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rmw-skyhf-'));
    try {
      const hf = Object.entries(ALL)
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      const res = (await command.run(parseArgs(['skywork-80k-v0.1', '--out', dir, '--hf-file', hf, '--json']))) as {
        total: number;
        heldOut: number;
        composition: { after: Record<string, number> };
        sha256: string;
      };
      // No --scorer: both WildGuardMix pairs stay; --held-out defaults to 0 for the paper recipes.
      assert.deepEqual(res.composition.after, {
        helpsteer2: 3,
        offsetbias: 2,
        wildguardmix: 2,
        'magpie-pro-llama3.1': 2,
      });
      assert.equal(res.total, 9);
      assert.equal(res.heldOut, 0);
      const card = readFileSync(join(dir, 'datacard.md'), 'utf8');
      assert.match(
        card,
        /## Against the paper \(Table 1, the paper's numbers\)\n\n\| source \| paper \| ours \| ours - paper \|/,
      );
      assert.ok(card.includes(`| helpsteer2 | ${PAPER_TABLE1_V01.helpsteer2} | 3 | ${3 - 7221} |`));
      assert.ok(card.includes('| wildguardmix | 6709 | 2 | -6707 |'));
      const json = JSON.parse(readFileSync(join(dir, 'datacard.json'), 'utf8'));
      assert.deepEqual(
        json.paperCheck.find((r: { source: string }) => r.source === 'offsetbias'),
        { source: 'offsetbias', paper: 8504, ours: 2, diff: -8502 },
      );
      const again = (await command.run(
        parseArgs(['skywork-80k-v0.1', '--out', join(dir, 'again'), '--hf-file', hf, '--json']),
      )) as { sha256: string };
      assert.equal(again.sha256, res.sha256);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test(
  'skywork-80k-v0.2 reads RewardBench prompts; without a ' + 'Magpie Ultra file Ultra is left out and the card says so',
  async () => {
    const { 'magpie-ultra-v0.1': _ultra, ...noUltra } = ALL;
    const mix = await runRecipe('skywork-80k-v0.2', { hfFiles: { ...noUltra, 'reward-bench-filtered': RB } });
    // RewardBench fixture: 3 rows, the empty-chosen one quarantined -> 2 prompts, none long enough for an 8-gram match.
    assert.deepEqual(mix.decontamination.benchmarks, { rewardbench: 2 });
    assert.equal(mix.decontamination.flagged.length, 0);
    assert.equal(mix.paperCheck!.find((r) => r.source === 'magpie-ultra-v0.1')!.paper, 27785 - 4957);
    assert.equal(mix.composition.before['magpie-ultra-v0.1'], undefined);
    assert.ok(mix.limits.some((l) => l.startsWith('magpie-ultra-v0.1: no Hugging Face catalogue entry')));
  },
);

test(
  'RMW_OFFLINE=1 with nothing given or cached: one clear error ' + 'listing every missing file and how to supply it',
  async () => {
    const cache = mkdtempSync(join(tmpdir(), 'rmw-skyhf-cache-'));
    try {
      await withEnv({ RMW_OFFLINE: '1', RMW_CACHE_DIR: cache }, async () => {
        // A file already in the cache counts as present; a --hf-file one too.
        const cachedOb = hfCachePath({ repo: 'NCSOFT/offsetbias', file: 'train.jsonl' });
        mkdirSync(dirname(cachedOb), { recursive: true });
        copyFileSync(OB, cachedOb);
        const err = await runRecipe('skywork-80k-v0.1', { hfFiles: { helpsteer2: HS2 } }).then(
          () => null,
          (e: unknown) => e,
        );
        assert.ok(err instanceof MissingHfFilesError);
        // WildGuardMix 1 file; Magpie Pro (Llama 3.1) 5 shards, Pro (Llama 3) 5, Air 3 (per the catalogue's shard
        // names).
        const bySource: Record<string, number> = {};
        for (const m of err.missing) bySource[m.source] = (bySource[m.source] ?? 0) + 1;
        assert.deepEqual(bySource, {
          wildguardmix: 1,
          'magpie-pro-llama3.1': 5,
          'magpie-pro-llama3': 5,
          'magpie-air': 3,
        });
        assert.match(err.message, /^skywork-80k-v0\.1 needs 14 Hugging Face file\(s\)/);
        assert.ok(
          err.message.includes(
            `wildguardmix: allenai/wildguardmix/train/wildguard_train.parquet (cache path ` +
              `${join(cache, 'hf', 'allenai', 'wildguardmix', 'main', 'train', 'wildguard_train.parquet')})`,
          ),
        );
        assert.match(err.message, /--hf-file <source>=<path>/);
        assert.match(err.message, /unset RMW_OFFLINE/);
        assert.match(err.message, /HF_TOKEN/);
        // The CLI stops with the same error before writing anything (v0.2 adds RewardBench; OffsetBias is still
        // cached).
        await assert.rejects(
          command.run(parseArgs(['skywork-80k-v0.2', '--out', join(cache, 'out')])),
          /skywork-80k-v0\.2 needs 16 Hugging Face file\(s\)/,
        );
      });
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  },
);

test(
  'online: files not given are downloaded from the hub resolve URLs ' + 'into the cache, then read from the cache',
  async () => {
    const cache = mkdtempSync(join(tmpdir(), 'rmw-skyhf-dl-'));
    try {
      await withEnv({ RMW_CACHE_DIR: cache }, async () => {
        const asked: string[] = [];
        const served: Record<string, string> = {
          'https://huggingface.co/datasets/nvidia/HelpSteer2/resolve/main/train.jsonl.gz': HS2,
          'https://huggingface.co/datasets/allenai/wildguardmix/resolve/main/train/wildguard_train.parquet': WG,
        };
        const fakeFetch = (async (url: string | URL) => {
          asked.push(String(url));
          const file = served[String(url)];
          return file ? new Response(readFileSync(file)) : new Response('not found', { status: 404 });
        }) as typeof fetch;
        const { helpsteer2: _h, wildguardmix: _w, ...rest } = ALL;
        const first = await loadSkywork80kInputs({ files: rest, download: true, fetch: fakeFetch });
        assert.deepEqual(asked, Object.keys(served));
        assert.deepEqual(
          first.files.filter((f) => f.from !== 'local').map((f) => [f.source, f.from, f.kept]),
          [
            ['helpsteer2', 'download', 3],
            ['wildguardmix', 'download', 2],
          ],
        );
        assert.equal(first.files[0].sha256, sha256Hex(readFileSync(HS2)));
        const second = await loadSkywork80kInputs({ files: rest, download: false, fetch: fakeFetch });
        assert.equal(asked.length, 2, 'the second load is served from the cache');
        assert.deepEqual(
          second.files.filter((f) => f.from !== 'local').map((f) => f.from),
          ['cache', 'cache'],
        );
        assert.deepEqual(second.helpsteer2, first.helpsteer2);
        // A file the hub does not serve (Magpie Air's first shard here): the recipe, source and remedy are named.
        const { 'magpie-air': _a, ...noAir } = rest;
        await assert.rejects(
          loadSkywork80kInputs({ files: noAir, download: true, fetch: fakeFetch }),
          /^Error: skywork-80k-v0\.1: could not get magpie-air from the Hugging Face sources: Magpie-Align\/Magpie-Air-DPO-100K-v0\.1\/data\/train-00000-of-00003\.parquet: download from \S+ answered HTTP 404\nGive a local copy with --hf-file magpie-air=<path>/,
        );
      });
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  },
);

test('--hf-file parsing, unknown sources and missing local files are named', async () => {
  assert.deepEqual(parseHfFileFlag('helpsteer2=a.gz, magpie-air=b.parquet,magpie-air=c.parquet'), {
    helpsteer2: ['a.gz'],
    'magpie-air': ['b.parquet', 'c.parquet'],
  });
  assert.throws(() => parseHfFileFlag('helpsteer2=a.gz,oops'), /--hf-file: entry 2 \("oops"\) is not <source>=<path>/);
  await assert.rejects(
    loadSkywork80kInputs({ files: { 'magpie-pro': MG } }),
    /unknown Hugging Face source "magpie-pro".*known: helpsteer2, offsetbias/,
  );
  await assert.rejects(
    loadSkywork80kInputs({ files: { 'magpie-air-dpo': join(F, 'nope.parquet') } }),
    /nope\.parquet: no such file \(given for source "magpie-air"\)/,
  );
  assert.deepEqual(expandShards('data/train-00000-of-00003.parquet'), [
    'data/train-00000-of-00003.parquet',
    'data/train-00001-of-00003.parquet',
    'data/train-00002-of-00003.parquet',
  ]);
  assert.deepEqual(expandShards('train.jsonl.gz'), ['train.jsonl.gz']);
  // Workbench inputs handed to a Skywork recipe are refused before any file is looked up.
  await assert.rejects(
    runRecipe('skywork-80k-v0.2', { inputs: {} as never, hfFiles: ALL }),
    /runs over the paper's Hugging Face sources, not workbench inputs/,
  );
});
