// `rmw env`: versions, which tensor backend runs and why, the data mirror's state, and optionally a 20-step toy
// Bradley-Terry run that times a training step on that backend.
import { defineCommand } from './flags.js';
import { UsageError } from './errors.js';
import { DEFAULT_SEED } from '../config/defaults.js';
import { setting } from '../config/env.js';
import { logProgress } from '../util/progress.js';
import { BACKEND_NAMES, selectBackend, type BackendSelection } from '../model/backend.js';
import { dataMirrorStatus, toolVersions, type MirrorStatus, type ToolVersions } from '../workbook/environment.js';
import { TOY_DEFAULTS, trainToyBradleyTerry, type ToyBradleyTerryResult } from '../workbook/toyBradleyTerry.js';

interface EnvResult {
  versions: ToolVersions;
  backend: BackendSelection;
  data: MirrorStatus;
  toy?: ToyBradleyTerryResult;
}

export const command = defineCommand({
  name: 'env',
  summary: 'Versions, data mirror and backend selection (--toy: also a toy Bradley-Terry run)',
  synopsis: ['rmw env [--backend auto|tensorflow|webgpu|wasm|cpu] [--toy [--steps N] [--pairs N] [--seed N]] [--json]'],
  description: [
    'Reports Node/workbench/tfjs/TypeScript/tslab versions, the tensor backend chosen (RMW_BACKEND, default auto)',
    'with every backend tried and why, and whether the data mirror holds every source with its pinned sha256.',
    '--toy trains a tiny Bradley-Terry reward model (hashed word n-grams -> 16 tanh units -> reward) on the first',
    'HH-RLHF helpful-base pairs and prints the loss and milliseconds of every step.',
  ],
  flags: {
    backend: {
      type: 'string',
      choices: ['auto', ...BACKEND_NAMES],
      help: 'tensor backend to select',
      defaultText: '$RMW_BACKEND, else auto',
    },
    toy: { type: 'boolean', help: 'train the toy Bradley-Terry model and time its steps' },
    steps: { type: 'integer', min: 1, help: 'toy training steps', defaultText: String(TOY_DEFAULTS.steps) },
    pairs: { type: 'integer', min: 2, help: 'toy training pairs', defaultText: String(TOY_DEFAULTS.pairs) },
    seed: { type: 'integer', min: 0, help: 'toy seed', default: DEFAULT_SEED },
  },
  async run(flags) {
    const toyOnly = (['steps', 'pairs'] as const).find((k) => flags[k] !== undefined);
    if (toyOnly && !flags.toy) throw new UsageError(`--${toyOnly} sets the toy run: add --toy`);
    // the table below lists every backend tried and why: no log line saying the same
    const backend = await selectBackend(flags.backend ?? setting('backend'), { log: false });
    const result: EnvResult = { versions: toolVersions(), backend, data: dataMirrorStatus() };
    if (flags.toy) {
      // The text result lists every step; live lines (progress rules) only where the result is JSON.
      result.toy = await trainToyBradleyTerry({ steps: flags.steps, pairs: flags.pairs, seed: flags.seed }, (s) => {
        if (flags.json) logProgress(`toy step ${s.step}: loss ${s.loss.toFixed(5)} ${s.ms.toFixed(1)} ms`);
      });
    }
    return result;
  },
  format(raw) {
    const r = raw as EnvResult;
    const lines = [
      ...Object.entries(r.versions).map(([k, v]) => `${k.padEnd(20)} ${v ?? 'not installed'}`),
      '',
      `backend              ${r.backend.name}`,
      ...r.backend.tried.map((t) => `  ${t.ok ? 'ok  ' : 'no  '} ${t.name.padEnd(11)} ${t.why}`),
      '',
      `data mirror          ${r.data.dir}: ${r.data.verified}/${r.data.total} files verified` +
        (r.data.missing.length ? `, missing ${r.data.missing.join(', ')}` : '') +
        (r.data.corrupt.length ? `, WRONG sha256: ${r.data.corrupt.map((c) => c.id).join(', ')}` : ''),
    ];
    if (r.toy) {
      const t = r.toy;
      lines.push(
        '',
        `toy Bradley-Terry on ${t.backend}: ${t.config.pairs} pairs of ${t.config.source}, seed ${t.config.seed}`,
      );
      for (const s of t.steps)
        lines.push(`  step ${String(s.step).padStart(3)}  loss ${s.loss.toFixed(5)}  ${s.ms.toFixed(1)} ms`);
      lines.push(
        `  median ${t.msPerStep.toFixed(1)} ms/step (steps 2..${t.steps.length}); ` +
          `training-pair accuracy ${t.accuracyBefore.toFixed(3)} -> ${t.accuracyAfter.toFixed(3)}`,
      );
    }
    return lines.join('\n');
  },
});
