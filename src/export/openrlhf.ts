// The OpenRLHF job: one launch script, train_rm.sh, that runs `deepspeed --module openrlhf.cli.train_rm` with every
// flag on its own line followed by its source (a bash array allows a comment per element). train_rm renamed its
// flags over its releases, so the script carries one argument list per API era (openrlhfEras.ts, with the engine files
// each era's names were read from in data/engines/openrlhf-train-rm.json), picks the era from the installed version
// (importlib.metadata), refuses a version outside every era naming the supported range, and before launching checks
// that the installed train_rm --help lists every flag it is about to pass. The scheduler gets min_lr = 0.1 x lr from
// train_rm itself in every era (--min_lr_ratio 0.1 by default in the dotted one).
import type { EngineData } from './engineData.js';
import type { ExportLossName } from './exportLoss.js';
import type { OutputFolder } from './jobFolder.js';
import type { JobPlan } from './jobPlan.js';
import {
  eraAttentionWords,
  eraFlagName,
  eraPrecisionWords,
  loadOpenRlhfEras,
  supportedRange,
  type EraId,
  type OpenRlhfEra,
  type JobSetting,
} from './openrlhfEras.js';
import { REWARD_POSITION_FILE } from './rewardPosition.js';
import { yamlNumber } from './yaml.js';

export const OPENRLHF_SCRIPT = 'train_rm.sh';
export const OPENRLHF_SAVE = 'output/reward-model';

export interface Flag {
  flag: string;
  /** Values after the flag (none for a switch). */
  values: (string | number)[];
  source: string;
}

const shellWord = (v: string | number) => {
  const s = typeof v === 'number' ? yamlNumber(v) : v;
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
};

/** The job's arguments for one era of train_rm: the same settings, each under that era's name. */
export function openRlhfFlags(
  plan: JobPlan,
  data: EngineData,
  era: EraId = 'plain-flash-attn',
  loss: ExportLossName = 'bt',
): Flag[] {
  const h = plan.hparams;
  const l = plan.layout;
  const out: Flag[] = [];
  const f = (setting: JobSetting, values: (string | number)[], source: string) => {
    const flag = eraFlagName(era, setting);
    if (flag) out.push({ flag, values, source });
  };
  const words = (w: string[], source: string) => {
    if (w.length) out.push({ flag: w[0], values: w.slice(1), source });
  };
  f('model', [plan.base.id], `base model; ${plan.base.source}`);
  f('dataset', [data.train.path], `${data.train.pairs} pairs, the curated mix (columns chosen, rejected)`);
  if (data.eval) {
    f('evalDataset', [data.eval.path], `${data.eval.pairs} pairs, the mix's held-out split`);
    f('evalSplit', ['train'], 'a local Parquet file loads as one split named "train"');
  }
  f('maxSamples', [data.train.pairs], 'all pairs (the default cap, 1,000,000, would cut a larger mix)');
  f('chosenKey', ['chosen'], 'conversation ending with the preferred answer');
  f('rejectedKey', ['rejected'], 'conversation ending with the other answer');
  f('chatTemplate', [], "the base model's chat template over the whole conversation (no prompt key)");
  f('maxLen', [h.maxLength.value], `${h.maxLength.source}; OpenRLHF truncates longer sequences`);
  f('batch', [h.globalBatchSize.value], h.globalBatchSize.source);
  f('microBatch', [l.microBatch], `${l.why}; OpenRLHF accumulates ${l.accumulation} micro batches`);
  f('epochs', [h.epochs.value], h.epochs.source);
  f('lr', [h.learningRate.value], h.learningRate.source);
  f(
    'scheduler',
    ['cosine_with_min_lr'],
    `${h.scheduler.source}; OpenRLHF's cosine with a floor at 0.1 x lr (its min_lr)`,
  );
  f('warmup', [h.warmupRatio.value], h.warmupRatio.source);
  f('weightDecay', [h.weightDecay.value], `weight decay; ${h.weightDecay.source}`);
  f('betas', [...h.adamBetas.value], `${h.adamBetas.source} (OpenRLHF's own default is 0.9 0.95)`);
  f('maxNorm', [h.maxGradNorm.value], h.maxGradNorm.source);
  f('loss', ['sigmoid'], `Bradley-Terry; ${h.loss.source}`);
  if (loss === 'bt-margin')
    f(
      'marginLoss',
      [],
      'BT with margin: -log sigmoid(r_chosen - r_rejected - margin), margin = the data\'s "margin" column',
    );
  f('zeroStage', [3], 'DeepSpeed ZeRO-3: parameters, gradients and optimizer states sharded over the GPUs');
  words(eraPrecisionWords(era), h.precision.source);
  words(eraAttentionWords(era, plan.base.attention.implementation), plan.base.attention.why);
  f('gradientCheckpointing', [], 'NOT STATED by the paper; needed to fit 8B/27B activations');
  f('seed', [h.seed.value], h.seed.source);
  f('valueHead', ['score'], 'so AutoModelForSequenceClassification loads the result (and score_pairs.py)');
  f('savePath', [OPENRLHF_SAVE], 'the final model');
  f('ckptPath', ['output/checkpoints'], 'DeepSpeed checkpoints');
  f('saveSteps', [-1], 'no intermediate checkpoints');
  f('evalSteps', [-1], 'evaluate once per epoch');
  f('loggingSteps', [10], 'every 10 optimizer steps');
  return out;
}

function argsLines(flags: Flag[]): string[] {
  const width = Math.max(...flags.map((x) => [x.flag, ...x.values.map(shellWord)].join(' ').length));
  return flags.map((x) => {
    const words = [x.flag, ...x.values.map(shellWord)].join(' ');
    return `      ${words.padEnd(width)}  # ${x.source.replace(/\n/g, ' ')}`;
  });
}

/** Python printing the era of the installed OpenRLHF (or nothing): the record's ranges, release numbers only. */
function eraPicker(eras: readonly OpenRlhfEra[]): string[] {
  const t = (v: string | null) => (v === null ? 'None' : `(${v.split('.').map(Number).join(', ')})`);
  return [
    'import re, sys',
    'm = re.match(r"(\\d+)\\.(\\d+)(?:\\.(\\d+))?", sys.argv[1])',
    'v = (int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)) if m else None',
    `eras = [${eras.map((e) => `("${e.id}", ${t(e.versions.min)}, ${t(e.versions.max)})`).join(', ')}]`,
    'print(next((e for e, lo, hi in eras if v and lo <= v and (hi is None or v <= hi)), ""))',
  ];
}

export function openRlhfScript(plan: JobPlan, data: EngineData, loss: ExportLossName = 'bt'): string {
  const eras = loadOpenRlhfEras();
  const range = supportedRange(eras);
  const pins = eras.map((e) => `openrlhf==${e.pinned}`).join(', ');
  const cases = eras.flatMap((e) => [
    `  ${e.id})  # OpenRLHF ${e.versions.max ? `${e.versions.min} - ${e.versions.max}` : `>= ${e.versions.min}`}`,
    '    ARGS=(',
    ...argsLines(openRlhfFlags(plan, data, e.id, loss)),
    '    )',
    '    ;;',
  ]);
  return [
    '#!/usr/bin/env bash',
    `# Train ${plan.base.id} as a reward model on the exported mix with OpenRLHF's train_rm (DeepSpeed ZeRO-3,`,
    `# ${plan.layout.gpus} GPUs). Written by rmw export openrlhf; README.md says what to install and what it costs.`,
    `# Flags per OpenRLHF release, each era read from the engine's own train_rm.py (cited in README.md).`,
    'set -euo pipefail',
    'cd "$(dirname "$0")"',
    '',
    'VERSION="$(python -c \'import importlib.metadata as m; print(m.version("openrlhf"))\' 2>/dev/null)" || {',
    `  echo "train_rm.sh: OpenRLHF is not installed here; install one of ${pins} (README.md)" >&2`,
    '  exit 1',
    '}',
    'ERA="$(python - "$VERSION" <<\'PY\'',
    ...eraPicker(eras),
    'PY',
    ')"',
    'case "$ERA" in',
    ...cases,
    '  *)',
    `    echo "train_rm.sh: OpenRLHF $VERSION is not supported: this job knows train_rm's flags for ${range}" >&2`,
    `    echo "(pinned per era: ${pins}; see README.md)" >&2`,
    '    exit 1',
    '    ;;',
    'esac',
    '',
    '# Refuse before launching if the installed train_rm does not declare a flag of the list above.',
    'HELP="$(python -m openrlhf.cli.train_rm --help 2>&1 || true)"',
    'if ! grep -q "usage:" <<<"$HELP"; then',
    '  echo "train_rm.sh: python -m openrlhf.cli.train_rm --help failed; its last line: $(tail -n 1 <<<"$HELP")" >&2',
    '  exit 1',
    'fi',
    'MISSING=()',
    'for w in "${ARGS[@]}"; do',
    '  case "$w" in --*) grep -qwF -- "$w" <<<"$HELP" || MISSING+=("$w") ;; esac',
    'done',
    'if ((${#MISSING[@]})); then',
    '  echo "train_rm.sh: OpenRLHF $VERSION ($ERA) does not take: ${MISSING[*]}; nothing launched" >&2',
    '  exit 1',
    'fi',
    '',
    `deepspeed --num_gpus ${plan.layout.gpus} --module openrlhf.cli.train_rm "\${ARGS[@]}"`,
    `# Where the reward is read (the appended EOS): score_pairs.py reads this file from the model folder.`,
    `mkdir -p ${OPENRLHF_SAVE} && cp ${REWARD_POSITION_FILE} ${OPENRLHF_SAVE}/${REWARD_POSITION_FILE}`,
    '',
  ].join('\n');
}

export function writeOpenRlhfJob(
  out: OutputFolder,
  plan: JobPlan,
  data: EngineData,
  loss: ExportLossName = 'bt',
): { launch: string } {
  out.write(OPENRLHF_SCRIPT, openRlhfScript(plan, data, loss), { executable: true });
  return { launch: `bash ${OPENRLHF_SCRIPT}` };
}
