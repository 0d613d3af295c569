// Exported TRL and OpenRLHF jobs on a real mix (HH-RLHF pairs): the data files hold exactly the engines' documented
// columns (https://huggingface.co/docs/trl/dataset_formats: conversational preference, implicit prompt = "chosen" and
// "rejected" message lists; OpenRLHF train_rm --chosen_key/--rejected_key) and read back as the mix's pairs; the
// configs parse with the values the paper and the rules give; the Python and shell programs are syntactically valid;
// an export never writes into a folder with files it did not make.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPairsParquet } from '../../src/data/io/hfParquet.js';
import { readParquetRecords } from '../../src/data/read/parquet.js';
import { main } from '../../src/cli.js';
import { exportJob } from '../../src/export/exportJob.js';
import { eraFlagSet, loadOpenRlhfEras } from '../../src/export/openrlhfEras.js';
import { sha256File } from '../../src/util/hash.js';
import { pythonWith, realMixFolder, runPython, tempDir } from './helpers.js';

const mixPromise = realMixFolder(64, 24);
const YAML_TO_JSON = 'import sys, json, yaml; print(json.dumps(yaml.safe_load(open(json.load(sys.stdin)))))';

test('both engines read the same data: chosen/rejected conversations, id, source; no margin; round trip', async () => {
  const mix = await mixPromise;
  const out = join(tempDir('trl'), 'job');
  const r = await exportJob({ engine: 'trl', mixDir: mix.dir, outDir: out, baseModel: 'llama-3.1-8b' });
  assert.deepEqual([r.mix.trainPairs, r.mix.heldOutPairs], [64, 24]);
  const rows = (await readParquetRecords(join(out, 'data/train.parquet'))).map(
    (r) => r.value as Record<string, unknown>,
  );
  assert.deepEqual(Object.keys(rows[0]), ['chosen', 'rejected', 'id', 'source']);
  // TRL's "conversational preference, implicit prompt": prompt turns then the final assistant message
  const first = mix.train[0];
  assert.deepEqual(
    rows[0].chosen,
    [...first.prompt, { role: 'assistant', content: first.chosen }].map((m) => ({ content: m.content, role: m.role })),
  );
  const back = await readPairsParquet(join(out, 'data/train.parquet'));
  const strip = (ps: typeof mix.train) =>
    ps.map((p) => ({ id: p.id, source: p.source, prompt: p.prompt, chosen: p.chosen, rejected: p.rejected }));
  assert.deepEqual(back, strip(mix.train));
  assert.deepEqual(await readPairsParquet(join(out, 'data/eval.parquet')), strip(mix.heldOut));
  const manifest = JSON.parse(readFileSync(join(out, 'job.json'), 'utf8'));
  assert.equal(manifest.writtenBy, 'rmw export');
  for (const f of manifest.files) assert.equal(sha256File(join(out, f.path)), f.sha256, f.path);
});

test('TRL job: configs parse with the paper values, Python compiles, launch script is valid bash', async (t) => {
  const mix = await mixPromise;
  const out = join(tempDir('trl'), 'job');
  const r = await exportJob({ engine: 'trl', mixDir: mix.dir, outDir: out, baseModel: 'gemma-2-27b', gpus: 4 });
  const ds = JSON.parse(readFileSync(join(out, 'ds_zero3.json'), 'utf8'));
  assert.equal(ds.zero_optimization.stage, 3);
  assert.equal(ds.zero_optimization.stage3_gather_16bit_weights_on_model_save, true);
  assert.equal(spawnSync('bash', ['-n', join(out, 'launch.sh')]).status, 0);
  assert.match(
    readFileSync(join(out, 'launch.sh'), 'utf8'),
    /accelerate launch --config_file accelerate_zero3.yaml train_reward_model.py reward_config.yaml/,
  );
  const py = pythonWith(['yaml']);
  if (!py) return t.skip('no Python with PyYAML here: YAML and py_compile checks skipped');
  assert.equal(spawnSync(py, ['-m', 'py_compile', join(out, 'train_reward_model.py')]).status, 0);
  const cfg = runPython(py, YAML_TO_JSON, join(out, 'reward_config.yaml')) as Record<string, any>;
  assert.equal(cfg.model_name_or_path, 'google/gemma-2-27b-it');
  assert.equal(cfg.attn_implementation, 'eager');
  assert.equal(cfg.train_file, 'data/train.parquet');
  assert.equal(cfg.eval_file, 'data/eval.parquet');
  const rc = cfg.reward_config;
  assert.equal(rc.learning_rate, 1e-6);
  assert.equal(rc.num_train_epochs, 2);
  assert.equal(rc.per_device_train_batch_size * 4 * rc.gradient_accumulation_steps, 128);
  assert.equal(rc.per_device_train_batch_size, r.layout.microBatch);
  assert.equal(rc.lr_scheduler_type, 'cosine');
  assert.equal(rc.weight_decay, 0.001);
  assert.equal(rc.max_length, r.maxLength);
  assert.equal(rc.bf16, true);
  assert.equal(rc.center_rewards_coefficient, null);
  const acc = runPython(py, YAML_TO_JSON, join(out, 'accelerate_zero3.yaml')) as Record<string, any>;
  assert.equal(acc.distributed_type, 'DEEPSPEED');
  assert.equal(acc.num_processes, 4);
  assert.deepEqual(acc.deepspeed_config, { deepspeed_config_file: 'ds_zero3.json', zero3_init_flag: true });
  assert.equal(acc.mixed_precision, undefined); // belongs in ds_zero3.json when a config file is named
});

/** The words of one era's ARGS array, expanded by bash itself (comments and quoting as bash reads them). */
function eraArgs(script: string, era: string): Record<string, string[]> {
  const at = script.indexOf(`  ${era})`);
  const body = script.slice(script.indexOf('ARGS=(', at), script.indexOf('\n    )\n', at) + 7);
  const words = spawnSync('bash', ['-c', `${body}\nprintf '%s\\n' "\${ARGS[@]}"`], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n');
  const flags: Record<string, string[]> = {};
  let cur = '';
  for (const w of words) {
    if (w.startsWith('--')) flags[(cur = w)] = [];
    else flags[cur].push(w);
  }
  return flags;
}

test(
  'OpenRLHF job: every flag of every era is one that era of train_rm declares (recorded list), paper ' + 'values',
  async () => {
    const mix = await mixPromise;
    const out = join(tempDir('orl'), 'job');
    const r = await exportJob({ engine: 'openrlhf', mixDir: mix.dir, outDir: out, baseModel: 'gemma-2-27b' });
    const script = readFileSync(join(out, 'train_rm.sh'), 'utf8');
    assert.equal(spawnSync('bash', ['-n', join(out, 'train_rm.sh')]).status, 0);
    const eras = loadOpenRlhfEras();
    for (const era of eras) {
      const flags = eraArgs(script, era.id);
      const declared = eraFlagSet(era);
      for (const f of Object.keys(flags))
        assert.ok(declared.has(f), `${era.id}: ${f} is not in the recorded flag list`);
      assert.ok(Object.keys(flags).length >= 25, era.id);
    }
    const a = eraArgs(script, 'plain-flash-attn');
    assert.deepEqual(a['--pretrain'], ['google/gemma-2-27b-it']);
    assert.deepEqual(a['--learning_rate'], ['0.000001']);
    assert.deepEqual(a['--train_batch_size'], ['128']);
    assert.deepEqual(a['--micro_train_batch_size'], [String(r.layout.microBatch)]);
    assert.deepEqual(a['--max_len'], [String(r.maxLength)]);
    assert.deepEqual(a['--adam_betas'], ['0.9', '0.999']);
    assert.deepEqual(a['--bf16'], []);
    assert.equal(a['--flash_attn'], undefined); // Gemma-2: eager attention, the era's default without the switch
    assert.equal(a['--margin_loss'], undefined);
    const b1 = eraArgs(script, 'plain-attn-implementation-bf16');
    assert.deepEqual([b1['--attn_implementation'], b1['--bf16']], [['eager'], []]);
    const b2 = eraArgs(script, 'plain-param-dtype');
    assert.deepEqual(
      [b2['--attn_implementation'], b2['--param_dtype'], b2['--bf16']],
      [['eager'], ['bf16'], undefined],
    );
    const c = eraArgs(script, 'dotted-ds');
    assert.deepEqual(c['--model.model_name_or_path'], ['google/gemma-2-27b-it']);
    assert.deepEqual(c['--ds.zero_stage'], ['3']);
    assert.deepEqual(c['--ds.param_dtype'], ['bf16']);
    assert.deepEqual(c['--ds.attn_implementation'], ['eager']);
    assert.deepEqual(c['--adam.lr'], ['0.000001']);
    assert.deepEqual(c['--data.max_samples'], ['64']);
    assert.equal(c['--pretrain'], undefined);
    assert.match(readFileSync(join(out, 'README.md'), 'utf8'), /GPU hours = FLOPs \/ \(peak x MFU\)/);
    assert.equal(JSON.parse(readFileSync(join(out, 'reward_position.json'), 'utf8')).rewardToken, 'eos');
  },
);

test('train_rm.sh picks the era from the installed version and refuses one outside every era', async () => {
  const mix = await mixPromise;
  const out = join(tempDir('orl'), 'job');
  await exportJob({ engine: 'openrlhf', mixDir: mix.dir, outDir: out, baseModel: 'llama-3.1-8b' });
  const eras = loadOpenRlhfEras();
  const bin = tempDir('bin');
  // A stand-in python: the version from $FAKE_VERSION, --help listing $FAKE_HELP's flags, "-" runs the real picker.
  writeFileSync(
    join(bin, 'python'),
    [
      '#!/usr/bin/env bash',
      'if [ "$1" = "-c" ]; then echo "$FAKE_VERSION"; exit 0; fi',
      'if [ "$1" = "-m" ]; then echo "usage: train_rm.py [-h]"; tr " " "\\n" <<<"$FAKE_HELP"; exit 0; fi',
      'shift; exec python3 - "$@"',
    ].join('\n'),
  );
  writeFileSync(join(bin, 'deepspeed'), '#!/usr/bin/env bash\nprintf "%s\\n" "$@" > "$FAKE_OUT"\n');
  spawnSync('chmod', ['+x', join(bin, 'python'), join(bin, 'deepspeed')]);
  const run = (version: string, help: string[]) => {
    const log = join(bin, `args-${version}.txt`);
    const res = spawnSync('bash', [join(out, 'train_rm.sh')], {
      encoding: 'utf8',
      env: {
        ...process.env,
        PATH: `${bin}:${process.env.PATH}`,
        FAKE_VERSION: version,
        FAKE_HELP: help.join(' '),
        FAKE_OUT: log,
      },
    });
    return { ...res, args: existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [] };
  };
  const cases: [string, number][] = [
    ['0.8.9', 0],
    ['0.8.10', 1],
    ['0.9.1.post1', 1],
    ['0.9.2', 2],
    ['0.10.1', 2],
    ['0.10.2', 3],
    ['0.11.0', 3],
  ];
  for (const [version, i] of cases) {
    const r = run(version, [...eraFlagSet(eras[i])]);
    assert.equal(r.status, 0, `${version}: ${r.stderr}`);
    const passed = r.args.filter((w) => w.startsWith('--') && w !== '--num_gpus' && w !== '--module');
    for (const f of passed) assert.ok(eraFlagSet(eras[i]).has(f), `${version}: ${f}`);
  }
  const old = run('0.6.2', []);
  assert.equal(old.status, 1);
  assert.match(
    old.stderr,
    /OpenRLHF 0\.6\.2 is not supported: this job knows train_rm's flags for 0\.7\.4 - 0\.8\.9, .*>= 0\.10\.2/,
  );
  // An installed train_rm that lacks a flag of the list is refused before launch, naming the flag.
  const lacking = run(
    '0.11.0',
    [...eraFlagSet(eras[3])].filter((f) => f !== '--ds.zero_stage'),
  );
  assert.equal(lacking.status, 1);
  assert.match(lacking.stderr, /does not take: --ds\.zero_stage; nothing launched/);
  // No OpenRLHF importable behind the version: --help fails, and the script says so instead of listing every flag.
  writeFileSync(
    join(bin, 'python'),
    readFileSync(join(bin, 'python'), 'utf8').replace(
      'echo "usage: train_rm.py [-h]"; ',
      'echo "ModuleNotFoundError: deepspeed" >&2; ',
    ),
  );
  const broken = run('0.11.0', []);
  assert.equal(broken.status, 1);
  assert.match(broken.stderr, /--help failed; its last line: ModuleNotFoundError: deepspeed/);
});

test('BT with margin: the margin column from the mix and the engine margin option; other losses refused', async () => {
  const mix = await mixPromise;
  const trl = join(tempDir('m'), 'job');
  const r = await exportJob({
    engine: 'trl',
    mixDir: mix.dir,
    outDir: trl,
    baseModel: 'qwen2.5-0.5b',
    loss: 'bt-margin',
  });
  assert.equal(r.loss, 'bt-margin');
  const rows = (await readParquetRecords(join(trl, 'data/train.parquet'))).map(
    (x) => x.value as Record<string, unknown>,
  );
  assert.deepEqual(Object.keys(rows[0]), ['chosen', 'rejected', 'id', 'source', 'margin']);
  assert.deepEqual(
    rows.map((x) => x.margin),
    mix.train.map((p) => p.margin),
  );
  assert.match(
    readFileSync(join(trl, 'reward_config.yaml'), 'utf8'),
    /data_columns: \["chosen", "rejected", "margin"\]/,
  );
  assert.match(
    readFileSync(join(trl, 'README.md'), 'utf8'),
    /\| loss \| Bradley-Terry with margin \| \*\*no\*\* \| chosen with --loss bt-margin/,
  );
  // helpers.ts gives training pair i the margin i % 3
  assert.match(
    readFileSync(join(trl, 'DATA_CARD.md'), 'utf8'),
    /column `margin` = the mix's own per-pair margin \(64 pairs; range 0 to 2\); 0 pairs without one/,
  );
  const orl = join(tempDir('m'), 'job');
  await exportJob({ engine: 'openrlhf', mixDir: mix.dir, outDir: orl, baseModel: 'qwen2.5-0.5b', loss: 'margin' });
  const script = readFileSync(join(orl, 'train_rm.sh'), 'utf8');
  assert.deepEqual(eraArgs(script, 'plain-param-dtype')['--margin_loss'], []);
  assert.deepEqual(eraArgs(script, 'dotted-ds')['--model.margin_loss_enable'], []);
  await assert.rejects(
    exportJob({ engine: 'trl', mixDir: mix.dir, outDir: join(tempDir('m'), 'job'), loss: 'focal' }),
    /--loss focal: neither TRL's RewardTrainer nor OpenRLHF's train_rm implements the focal loss/,
  );
});

test('an export refuses a folder holding files it did not write, and replaces its own', async () => {
  const mix = await mixPromise;
  const out = join(tempDir('own'), 'job');
  await exportJob({ engine: 'openrlhf', mixDir: mix.dir, outDir: out, baseModel: 'qwen2.5-0.5b' });
  await exportJob({ engine: 'openrlhf', mixDir: mix.dir, outDir: out, baseModel: 'qwen2.5-0.5b' }); // its own files
  await assert.rejects(
    exportJob({ engine: 'trl', mixDir: mix.dir, outDir: out, baseModel: 'qwen2.5-0.5b' }),
    /holds .*which an earlier `rmw export trl` did not write/,
  );
  writeFileSync(join(out, 'notes.txt'), 'mine');
  await assert.rejects(
    exportJob({ engine: 'openrlhf', mixDir: mix.dir, outDir: out }),
    /refusing to write into .*: it holds notes.txt/,
  );
  assert.equal(readFileSync(join(out, 'notes.txt'), 'utf8'), 'mine');
  await assert.rejects(
    exportJob({ engine: 'trl', mixDir: join(out, 'nope'), outDir: join(tempDir('x'), 'j') }),
    /train.parquet.*not found/,
  );
  assert.equal(existsSync(join(out, 'data/train.parquet')), true);
});

test('rmw export --loss focal is a usage error (exit 2) naming why, before any work', async () => {
  const mix = await mixPromise;
  const out = join(tempDir('cli'), 'job');
  const err: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
  try {
    assert.equal(await main(['export', 'trl', '--mix', mix.dir, '--out', out, '--loss', 'focal']), 2);
  } finally {
    process.stderr.write = write;
  }
  assert.match(err.join(''), /neither TRL's RewardTrainer nor OpenRLHF's train_rm implements the focal loss/);
  assert.equal(existsSync(out), false);
});
