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
import { exportJob } from '../../src/export/exportJob.js';
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

// train_rm's flags with values (plain flags are switches), as OpenRLHF's train_rm.py declares them.
const OPENRLHF_FLAGS = new Set([
  '--pretrain',
  '--dataset',
  '--eval_dataset',
  '--eval_split',
  '--max_samples',
  '--chosen_key',
  '--rejected_key',
  '--apply_chat_template',
  '--max_len',
  '--train_batch_size',
  '--micro_train_batch_size',
  '--max_epochs',
  '--learning_rate',
  '--lr_scheduler',
  '--lr_warmup_ratio',
  '--l2',
  '--adam_betas',
  '--max_norm',
  '--loss',
  '--zero_stage',
  '--bf16',
  '--flash_attn',
  '--gradient_checkpointing',
  '--seed',
  '--value_head_prefix',
  '--save_path',
  '--ckpt_path',
  '--save_steps',
  '--eval_steps',
  '--logging_steps',
]);

test('OpenRLHF job: every flag is one train_rm takes, with the paper values; valid bash', async () => {
  const mix = await mixPromise;
  const out = join(tempDir('orl'), 'job');
  const r = await exportJob({ engine: 'openrlhf', mixDir: mix.dir, outDir: out, baseModel: 'llama-3.1-8b' });
  const script = readFileSync(join(out, 'train_rm.sh'), 'utf8');
  assert.equal(spawnSync('bash', ['-n', join(out, 'train_rm.sh')]).status, 0);
  // Let bash itself expand the ARGS array (comments and all), then read the flags back.
  const body = script.slice(script.indexOf('ARGS=('), script.indexOf('\n)\n') + 3);
  const expanded = spawnSync('bash', ['-c', `${body}\nprintf '%s\\n' "\${ARGS[@]}"`], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n');
  const flags: Record<string, string[]> = {};
  let cur = '';
  for (const w of expanded) {
    if (w.startsWith('--')) flags[(cur = w)] = [];
    else flags[cur].push(w);
  }
  for (const f of Object.keys(flags)) assert.ok(OPENRLHF_FLAGS.has(f), `unknown flag ${f}`);
  assert.deepEqual(flags['--pretrain'], ['meta-llama/Meta-Llama-3.1-8B-Instruct']);
  assert.deepEqual(flags['--learning_rate'], ['0.000002']);
  assert.deepEqual(flags['--train_batch_size'], ['128']);
  assert.deepEqual(flags['--micro_train_batch_size'], [String(r.layout.microBatch)]);
  assert.deepEqual(flags['--max_epochs'], ['2']);
  assert.deepEqual(flags['--max_len'], [String(r.maxLength)]);
  assert.deepEqual(flags['--l2'], ['0.001']);
  assert.deepEqual(flags['--adam_betas'], ['0.9', '0.999']);
  assert.deepEqual(flags['--zero_stage'], ['3']);
  assert.deepEqual(flags['--dataset'], ['data/train.parquet']);
  assert.deepEqual(flags['--max_samples'], ['64']);
  for (const sw of ['--bf16', '--flash_attn', '--apply_chat_template', '--gradient_checkpointing'])
    assert.deepEqual(flags[sw], [], sw);
  assert.equal(flags['--margin_loss'], undefined);
  assert.match(script, /deepspeed --num_gpus 8 --module openrlhf.cli.train_rm "\$\{ARGS\[@\]\}"/);
  assert.match(readFileSync(join(out, 'README.md'), 'utf8'), /GPU hours = FLOPs \/ \(peak x MFU\)/);
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
