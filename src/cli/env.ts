// `rmw env`: versions, which tensor backend runs and why, the data mirror's state, and optionally a 20-step toy
// Bradley-Terry run that times a training step on that backend.
import type { CliCommand } from './types.js';
import { setting } from '../config/env.js';
import { flagBool, flagNumber, flagString } from './args.js';
import { selectBackend, type BackendSelection } from '../model/backend.js';
import { dataMirrorStatus, toolVersions, type MirrorStatus, type ToolVersions } from '../model/environment.js';
import { trainToyBradleyTerry, type ToyBradleyTerryResult } from '../model/toyBradleyTerry.js';

interface EnvResult {
  versions: ToolVersions;
  backend: BackendSelection;
  data: MirrorStatus;
  toy?: ToyBradleyTerryResult;
}

export const command: CliCommand = {
  name: 'env',
  summary: 'Versions, backend selection and a toy Bradley-Terry run',
  usage: [
    'usage: rmw env [--backend auto|tensorflow|webgpu|wasm|cpu] [--toy [--steps N] [--pairs N] [--seed N]] [--json]',
    '',
    'Reports Node/workbench/tfjs/TypeScript/tslab versions, the tensor backend chosen (RMW_BACKEND, default auto)',
    'with every backend tried and why, and whether the data mirror holds every source with its pinned sha256.',
    '--toy trains a tiny Bradley-Terry reward model (hashed word n-grams -> 16 tanh units -> reward) on the first',
    'HH-RLHF helpful-base pairs and prints the loss and milliseconds of every step.',
  ].join('\n'),
  async run(args) {
    const backend = await selectBackend(flagString(args, 'backend') ?? setting('backend'));
    const result: EnvResult = { versions: toolVersions(), backend, data: dataMirrorStatus() };
    if (flagBool(args, 'toy')) {
      result.toy = await trainToyBradleyTerry(
        { steps: flagNumber(args, 'steps'), pairs: flagNumber(args, 'pairs'), seed: flagNumber(args, 'seed') },
        (s) => process.stderr.write(`toy step ${s.step}: loss ${s.loss.toFixed(5)} ${s.ms.toFixed(1)} ms\n`),
      );
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
};
