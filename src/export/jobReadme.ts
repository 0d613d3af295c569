// README.md of an exported job: what is in the folder, what to install, how to run it, every hyper-parameter with
// its source, what it will cost (the formulas with this job's numbers in them, and their assumptions), how to bring
// the trained model's scores back into the workbench, and the documentation pages the job follows.
import { GPUS, MFU, FLOPS_PER_PARAM_TOKEN, STATE_BYTES_PER_PARAM } from './cost.js';
import { DOCS, type DocCitation } from './docs.js';
import type { EngineData } from './engineData.js';
import type { JobPlan } from './jobPlan.js';
import { DATA_CARD } from './dataCard.js';
import { loadOpenRlhfEras, OPENRLHF_FLAGS_FILE } from './openrlhfEras.js';
import { REWARD_POSITION_FILE, REWARD_POSITIONS } from './rewardPosition.js';

import type { Engine } from './engine.js';

export type { Engine };

export interface ReadmeInput {
  engine: Engine;
  plan: JobPlan;
  data: EngineData;
  launch: string;
  files: { path: string; what: string }[];
}

const ENGINE_NAME: Record<Engine, string> = {
  trl: 'TRL (RewardTrainer, accelerate, DeepSpeed ZeRO-3)',
  openrlhf: 'OpenRLHF (train_rm, DeepSpeed ZeRO-3)',
};

const ENGINE_DOCS: Record<Engine, string[]> = {
  trl: ['trlRewardTrainer', 'trlDatasetFormats', 'accelerateDeepSpeed', 'transformersDeepSpeed'],
  openrlhf: ['openrlhfTrainRm', 'openrlhfQuickStart', 'openrlhfRewardDataset', 'trlDatasetFormats'],
};

const INSTALL: Record<Engine, string[]> = {
  trl: [
    'pip install "trl>=0.12" "transformers>=4.46" accelerate deepspeed datasets pyarrow pyyaml',
    'pip install flash-attn --no-build-isolation   # only where reward_config.yaml asks for flash_attention_2',
  ],
  openrlhf: [
    'pip install "openrlhf==0.11.0"   # or another pinned release below; train_rm.sh picks the flags of the ' +
      'installed one',
    'pip install flash-attn --no-build-isolation   # where the job asks for flash attention',
  ],
};

/** The OpenRLHF eras the launch script knows, with the pinned release and the engine files their flags come from. */
function openRlhfEraLines(): string[] {
  return [
    '## OpenRLHF releases',
    '',
    'train_rm renamed its flags across releases; `train_rm.sh` reads the installed version (importlib.metadata), takes',
    "that era's argument list, refuses a version outside every era (naming the range), and checks that the installed",
    "`train_rm --help` lists every flag before launching. Each era's flag names were read from the engine's own files",
    `(recorded in the workbench's \`${OPENRLHF_FLAGS_FILE}\`), at commits whose flags match the era, not at release`,
    'tags. The pinned release lies inside its era; none was run here (no GPU, no engine).',
    '',
    '| releases | pinned | flag names read from |',
    '| --- | --- | --- |',
    ...loadOpenRlhfEras().map(
      (e) =>
        `| ${e.versions.max ? `${e.versions.min} - ${e.versions.max}` : `>= ${e.versions.min}`} | ${e.pinned} | ` +
        e.sources
          .map((x) =>
            x.commit
              ? `${x.repo} \`${x.path}\` @ ${x.commit.slice(0, 12)}`
              : `\`${x.path}\` (found by its text, store id ${x.storeId}; repository and commit not confirmed)`,
          )
          .join('; ') +
        (e.gap ? ' (its own DeepSpeed train_rm.py was not found: the data file says how this list was made)' : '') +
        ' |',
    ),
    '',
  ];
}

const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
const n1 = (x: number) => x.toFixed(1);
const sci = (x: number) => x.toExponential(2).replace('e+', ' x 10^');

function hparamRows(plan: JobPlan, data: EngineData): string[] {
  const h = plan.hparams;
  const rows: [string, string, boolean, string][] = [
    ['learning rate', String(h.learningRate.value), h.learningRate.paper, h.learningRate.source],
    ['epochs', String(h.epochs.value), h.epochs.paper, h.epochs.source],
    ['global batch (pairs)', String(h.globalBatchSize.value), h.globalBatchSize.paper, h.globalBatchSize.source],
    [
      'micro batch x GPUs x accumulation',
      `${plan.layout.microBatch} x ${plan.layout.gpus} x ${plan.layout.accumulation}`,
      false,
      plan.layout.why,
    ],
    ['schedule', h.scheduler.value, h.scheduler.paper, h.scheduler.source],
    ['warmup (fraction of steps)', String(h.warmupRatio.value), h.warmupRatio.paper, h.warmupRatio.source],
    ['weight decay (AdamW)', String(h.weightDecay.value), h.weightDecay.paper, h.weightDecay.source],
    ['Adam betas', h.adamBetas.value.join(', '), h.adamBetas.paper, h.adamBetas.source],
    ['gradient clipping (global norm)', String(h.maxGradNorm.value), h.maxGradNorm.paper, h.maxGradNorm.source],
    ['max length (tokens)', String(h.maxLength.value), h.maxLength.paper, h.maxLength.source],
    ['precision', h.precision.value, h.precision.paper, h.precision.source],
    data.loss.name === 'bt-margin'
      ? [
          'loss',
          'Bradley-Terry with margin',
          false,
          `chosen with --loss bt-margin: -log sigmoid(r_chosen - r_rejected - margin), margin = the mix's own ` +
            `(Llama 2, Touvron et al. 2023, section 3.2.2); the paper's recipe: ${h.loss.source}`,
        ]
      : ['loss', 'Bradley-Terry', h.loss.paper, h.loss.source],
    ['seed', String(h.seed.value), h.seed.paper, h.seed.source],
  ];
  return [
    '| setting | value | stated by the paper? | source |',
    '| --- | --- | --- | --- |',
    ...rows.map(([k, v, p, s]) => `| ${k} | ${v} | ${p ? 'yes' : '**no**'} | ${s.replace(/\|/g, '/')} |`),
  ];
}

function costLines(plan: JobPlan): string[] {
  const c = plan.cost;
  const m = c.memoryGiB;
  const b = plan.base;
  return [
    `Inputs: N = ${b.paramsB}B parameters, ${b.layers} layers, hidden ${b.hidden} (${b.source}); ` +
      `${n0(plan.mix.train.length)} pairs, ${n0(plan.capped.tokens)} tokens per epoch (both sequences of every pair, ` +
      `capped at ${plan.hparams.maxLength.value}; sequences: mean ${n0(plan.lengths.mean)}, median ` +
      `${plan.lengths.p50}, ` +
      `99th percentile ${plan.lengths.p99}, longest ${plan.lengths.max}); ${plan.hparams.epochs.value} epochs; ` +
      `${plan.layout.gpus} GPUs, micro batch ${plan.layout.microBatch}.`,
    '',
    `**Compute**: FLOPs = ${FLOPS_PER_PARAM_TOKEN} x N x tokens x epochs = ${FLOPS_PER_PARAM_TOKEN} x ` +
      `${sci(b.paramsB * 1e9)} x ` +
      `${sci(plan.capped.tokens)} x ${plan.hparams.epochs.value} = **${sci(c.flops)} FLOPs**.`,
    '',
    '| GPU | GPU hours at MFU ' +
      `${MFU.central} | range (MFU ${MFU.high} to ${MFU.low}) | wall-clock hours on ${plan.layout.gpus} GPUs |`,
    '| --- | ---: | ---: | ---: |',
    ...c.gpuHours.map(
      (g) => `| ${g.gpu} | ${n1(g.central)} | ${n1(g.fast)} to ${n1(g.slow)} | ${n1(g.wallHoursCentral)} |`,
    ),
    '',
    `GPU hours = FLOPs / (peak x MFU) / 3600 with peaks ` +
      `${GPUS.map((g) => `${g.name} ${g.peakFlops / 1e12} TFLOP/s`).join(', ')}.`,
    '',
    `**Memory per GPU** (ZeRO-3, no offload): model states ${STATE_BYTES_PER_PARAM} x N / GPUs = ` +
      `${n1(m.modelStates)} GiB; ` +
      `two gathered bf16 layers ${n1(m.gatheredLayers)} GiB; activations ${n1(m.activations)} GiB; overhead ` +
      `${m.overhead} GiB; ` +
      `**total ${n1(m.total)} GiB** (${m.fitsIn80GiB ? 'fits' : '**does not fit**'} an 80 GB ` +
      `GPU${m.fitsIn80GiB ? '' : ': add GPUs, or offload the optimizer to CPU'}).`,
    '',
    'Assumptions:',
    '',
    ...c.assumptions.map((a) => `- ${a}`),
  ];
}

function docLines(ids: string[]): string[] {
  return ids.map((id) => DOCS[id]).map((d: DocCitation) => `- <${d.url}>: ${d.says}`);
}

export function jobReadme(x: ReadmeInput): string {
  const { plan, data, engine } = x;
  const over = plan.capped.pairsOver;
  return [
    `# Reward-model job: ${plan.base.id} on a curated mix, with ${ENGINE_NAME[engine]}`,
    '',
    `Written by \`rmw export ${engine}\` from the mix \`${plan.mix.dir}\` (train.parquet sha256 ` +
      `\`${plan.mix.trainSha256}\`).`,
    "It trains the paper's recipe (Skywork-Reward, Liu et al. 2024: Bradley-Terry loss on a curated mix) at full",
    'scale. The workbench cannot run it (no GPU, no engine); its files are checked there for syntax and layout only.',
    '',
    '## What is here',
    '',
    '| file | what |',
    '| --- | --- |',
    ...x.files.map((f) => `| \`${f.path}\` | ${f.what} |`),
    '',
    '## Install',
    '',
    'On a machine with NVIDIA GPUs, CUDA and Python 3.10+:',
    '',
    '```sh',
    ...INSTALL[engine],
    'huggingface-cli login   # Llama and Gemma base models are gated on the Hub: accept their licence first',
    '```',
    '',
    '## Run',
    '',
    '```sh',
    x.launch,
    '```',
    '',
    `The trained reward model is written to \`output/reward-model\` (loadable with ` +
      `AutoModelForSequenceClassification).`,
    '',
    ...(engine === 'openrlhf' ? openRlhfEraLines() : []),
    '## Hyper-parameters',
    '',
    "The paper's values come from `data/paper/training-hparams.json` in the workbench; most are tagged [S] there (two",
    "secondary summaries, not the paper's own text). Rows marked **no** were chosen by the exporter, with the " +
      'rule given.',
    '',
    ...hparamRows(plan, data),
    '',
    '## Data',
    '',
    `\`${data.train.path}\` (${n0(data.train.pairs)} pairs)` +
      (data.eval
        ? ` and \`${data.eval.path}\` (${n0(data.eval.pairs)} held-out pairs, for evaluation)`
        : ' (the mix has no held-out split, so no evaluation file)') +
      `: Parquet with columns ${data.columns.map((c) => `\`${c}\``).join(', ')}. \`chosen\` and \`rejected\` are`,
    'conversations (lists of `{role, content}`): the prompt turns, then the final assistant answer. That is the',
    'conversational preference layout with an implicit prompt, which both engines read; `id` and `source` trace a pair',
    'back to the mix and are not used for training. ' +
      (data.loss.name === 'bt-margin'
        ? "`margin` holds the mix's own per-pair margins: the job trains Bradley-Terry with margin. "
        : 'There is deliberately no `margin` column (TRL would train with a margin loss). ') +
      `Every conversation alternates user and assistant turns as the base model's chat template needs; ` +
      `\`${DATA_CARD}\`` +
      ` counts what was merged or dropped and why ` +
      `(training: ${data.train.roles.rows - data.train.roles.kept} dropped). ` +
      (over
        ? `${over} pairs have a sequence over the maximum length by the proxy count: ` +
          `${engine === 'trl' ? 'TRL drops them' : 'OpenRLHF truncates them'}.`
        : 'No pair is longer than the maximum length by the proxy count.'),
    '',
    '## What it will cost',
    '',
    ...costLines(plan),
    '',
    '## Bring the scores back',
    '',
    "Score the trained model on the workbench's benchmarks and evaluate the rewards with the same rules, intervals and",
    "baselines as the workbench's own runs (run the `rmw` commands in the workbench checkout):",
    '',
    '```sh',
    'rmw export bench judgebench --out bench/judgebench/pairs.jsonl   # also writes bench/judgebench/score_pairs.py',
    '# first check the scoring set-up on a published model whose real scores the workbench ships:',
    'python bench/judgebench/score_pairs.py --model Skywork/Skywork-Reward-Gemma-2-27B \\',
    '    --pairs bench/judgebench/pairs.jsonl --out bench/judgebench/skywork-27b.jsonl',
    'rmw eval --scores bench/judgebench/skywork-27b.jsonl --bench judgebench --name skywork-27b \\',
    '    --against Skywork-Reward-Gemma-2-27B   # must say the set-up reproduces it',
    '# then the model trained here:',
    'python bench/judgebench/score_pairs.py --model JOB_FOLDER/output/reward-model \\',
    '    --pairs bench/judgebench/pairs.jsonl --out bench/judgebench/scores.jsonl   # on a GPU; resumable',
    'rmw eval --scores bench/judgebench/scores.jsonl --bench judgebench --name my-rm --results results/',
    'rmw figures --results results/ --out figures-external/',
    '```',
    '',
    'Do the same for `rewardbench-lite`, `rmbench` and `heldout` (with `--mix` for the held-out split of this mix).',
    '',
    `**Where the reward is read.** ${engine === 'openrlhf' ? 'OpenRLHF' : 'TRL'} reads it at ` +
      (REWARD_POSITIONS[engine].rewardToken === 'eos'
        ? 'the end-of-sequence token it appends to every conversation'
        : 'the last token that is not padding') +
      ` (${REWARD_POSITIONS[engine].source}). The launch script copies \`${REWARD_POSITION_FILE}\` into the model` +
      ' folder after training; `score_pairs.py` reads it there and pools at the same token (`--reward-token ' +
      'eos|last-non-pad`',
    'overrides it, e.g. for a model copied without the file). Scoring an OpenRLHF model at the last non-pad ' +
      'token reads',
    "the token before the one trained (for Gemma, the template's newline instead of the appended `<eos>`).",
    '',
    '## Documentation this job follows',
    '',
    ...docLines(ENGINE_DOCS[engine]),
    '',
  ].join('\n');
}
