// Benchmark: one training step of the bow reward model (forward + backward + AdamW), ours in TypeScript against the
// same model in PyTorch CPU in the same run (bench/train-step.py under $RMW_PYTHON, default /usr/bin/python3), on
// the same real batches (HH-RLHF helpful-base) and the same initial weights; torch's best setup runs on all cores
// and on one (ours uses one). Feature extraction is excluded on both sides (features are computed once and cached
// by our model; PyTorch receives them ready-made).
// Usage: node --import tsx bench/train-step.ts [--batch 32,128] [--steps 20] [--hash-bits 18] [--hidden 32]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setting } from '../src/config/env.js';
import { loadHhRlhf } from '../src/data/loaders/hhRlhf.js';
import { encodePair } from '../src/model/chatFormat.js';
import { BowRewardModel } from '../src/model/bow/model.js';
import { itemFeatures } from '../src/model/bow/features.js';
import { batchItems, type EncodedPair } from '../src/model/trainable.js';
import { readCommandLine } from '../src/cli/flags.js';

const { flags } = readCommandLine(
  {
    batch: { type: 'numbers', help: 'batch sizes to time', defaultText: '32,128' },
    steps: { type: 'integer', min: 1, default: 20, help: 'timed steps per setup' },
    'hash-bits': { type: 'integer', min: 1, default: 18, help: 'log2 of the feature buckets' },
    hidden: { type: 'integer', min: 1, default: 32, help: 'hidden width' },
  },
  process.argv.slice(2),
  'bench/train-step',
);
const batchSizes = flags.batch ?? [32, 128];
const steps = flags.steps;
const warm = 3;
const hashBits = flags['hash-bits'],
  hidden = flags.hidden;
const lr = 1e-3;

const pairs = (await loadHhRlhf('hh-helpful-base')).items.filter((p) => p.chosen !== p.rejected);
const enc: EncodedPair[] = pairs.map((p) => encodePair(p));
const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const dir = mkdtempSync(join(tmpdir(), 'rmw-bench-'));
const rows: string[][] = [];

for (const B of batchSizes) {
  const batches = Array.from({ length: warm + steps }, (_, k) =>
    enc.slice((k * B) % (enc.length - B), ((k * B) % (enc.length - B)) + B),
  );
  const model = new BowRewardModel({ hashBits, hidden }, 1);
  const init = await model.snapshot(true);
  for (const a of init.params) writeFileSync(join(dir, `w.${a.name}`), a.data);
  // Batches for PyTorch: the same sparse features (chosen items, then rejected).
  const spec = {
    D: 2 ** hashBits,
    H: hidden,
    lr,
    weights: join(dir, 'w'),
    setups: ['best', 'best-1thread', 'default', 'embbag-dense'],
    batches: batches.map((b) => {
      const feats = batchItems({ pairs: b }).map((it) => itemFeatures(it, { hashBits, bigrams: true }));
      const offsets: number[] = [];
      const indices: number[] = [];
      const values: number[] = [];
      for (const f of feats) {
        offsets.push(indices.length);
        indices.push(...f.indices);
        values.push(...f.values);
      }
      return { pairs: b.length, offsets, indices, values };
    }),
  };
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
  // Ours: warm the feature cache first (PyTorch gets features ready-made too).
  for (const b of batches) model.rewardsSync(batchItems({ pairs: b }));
  const ms: number[] = [],
    losses: number[] = [];
  for (const b of batches) {
    const t = performance.now();
    const r = model.forwardSync(batchItems({ pairs: b }));
    const dR = new Float64Array(2 * B);
    let loss = 0;
    for (let i = 0; i < B; i++) {
      const d = r[B + i] - r[i]; // softplus(r_r - r_c)
      loss += (d > 0 ? d + Math.log1p(Math.exp(-d)) : Math.log1p(Math.exp(d))) / B;
      const s = 1 / (1 + Math.exp(-d));
      dR[i] = -s / B;
      dR[B + i] = s / B;
    }
    model.backwardSync(dR);
    model.applyUpdate({ lr, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, gradScale: 1 });
    ms.push(performance.now() - t);
    losses.push(loss);
  }
  const py = spawnSync(setting('python'), [join(process.cwd(), 'bench', 'train-step.py'), join(dir, 'spec.json')], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (py.status !== 0) throw new Error(`python failed: ${py.stderr}`);
  const res = JSON.parse(py.stdout) as Record<string, { ms: number[]; losses: number[] }> & {
    threads: number;
    torch: string;
  };
  const ours = median(ms.slice(warm));
  const nnz = spec.batches.reduce((s, b) => s + b.indices.length, 0) / spec.batches.length;
  rows.push([
    `ours (TypeScript, lazy AdamW, 1 thread)`,
    String(B),
    ours.toFixed(2),
    '1.00',
    losses[0].toFixed(6),
    losses.at(-1)!.toFixed(6),
  ]);
  for (const setup of ['best', 'best-1thread', 'default', 'embbag-dense']) {
    const label = {
      best: `torch best: EmbeddingBag sparse + SparseAdam (${res.threads} threads)`,
      'best-1thread': 'torch best on one thread (ours uses one)',
      default: `torch default: dense X x Linear + AdamW (${res.threads} threads)`,
      'embbag-dense': `torch EmbeddingBag dense grad + AdamW (${res.threads} threads)`,
    }[setup];
    const t = median(res[setup].ms.slice(warm));
    rows.push([
      label!,
      String(B),
      t.toFixed(2),
      (t / ours).toFixed(2),
      res[setup].losses[0].toFixed(6),
      res[setup].losses.at(-1)!.toFixed(6),
    ]);
  }
  console.error(`B=${B}: D=2^${hashBits}, H=${hidden}, mean nnz per batch ${nnz.toFixed(0)}, torch ${res.torch}`);
}
console.log('| setup | pairs/batch | ms/step (median) | torch / ours | loss step 1 | loss last |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
