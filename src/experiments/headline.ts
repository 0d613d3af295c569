// The headline table for the README: per comparison, our seed-paired difference (held-out accuracy and
// RewardBench-lite score) beside the paper's difference for the same comparison, and a verdict read from the CIs.
import { loadPaperTable } from '../report/paperData.js';
import { OURS_LABEL, PAPER_LABEL, type ReportTable } from '../report/tableRender.js';
import type { Difference } from './aggregate.js';
import type { ResultsBundle } from './results.js';
import { HEADLINE_VERDICT, say } from './verdictText.js';
import { fmtDiff, modelBackends, signed } from './format.js';
import { lossVariantId } from './plan.js';
import { experimentSignals, referenceSignals } from './signal.js';

export interface HeadlineRow {
  /** The experiment's id in the bundle (loss-ablation, data-ablation, ...). */
  experimentId?: string;
  /** The variant's label, without the reference. */
  variant?: string;
  /** The variant's run id in its experiment ("focal", "transformer-focal", "uncurated-equal-steps"). */
  runId?: string;
  experiment: string;
  comparison: string;
  /** What trained both rows of the comparison (model / backend). */
  modelBackend: string;
  heldOut?: Difference;
  score?: Difference;
  /** The paper's score difference for the same comparison, per base model, or null when the paper has none. */
  paper: { base: string; delta: number }[] | null;
  /** Whether held-out / RB-lite score carry signal for the reference (signal.ts; only those carry a verdict). */
  signal: { heldOut: boolean; score: boolean };
}

/**
 * Which verdict holds. Only metrics with signal (signal.ts) are read, and like is compared with like: the paper
 * prints RewardBench scores only, so our direction is set beside the paper's only on RB-lite, and only when RB-lite
 * carries signal; a held-out difference alone is stated without a comparison the paper cannot make.
 */
export function headlineCase(r: HeadlineRow): { case: keyof typeof HEADLINE_VERDICT; direction?: string } {
  const held = r.signal.heldOut && r.heldOut?.exceeds ? Math.sign(r.heldOut.mean) : 0;
  const score = r.signal.score && r.score?.exceeds ? Math.sign(r.score.mean) : 0;
  const word = (x: number) => (x > 0 ? 'up' : 'down');
  if (!held && !score)
    return { case: [r.heldOut, r.score].some((d) => d?.exceeds) ? 'moved-without-signal' : 'unresolved' };
  if (held && score && held !== score) return { case: 'metrics-disagree' };
  if (!score) return { case: r.paper?.length ? 'held-out-only' : 'no-paper-number', direction: word(held) };
  if (!r.paper?.length) return { case: 'no-paper-number', direction: word(score) };
  const paperDirs = [...new Set(r.paper.map((p) => Math.sign(p.delta)))];
  if (paperDirs.length > 1) return { case: 'paper-models-disagree' };
  return { case: paperDirs[0] === score ? 'agrees' : 'disagrees' };
}

/** The verdict sentence of a headline row (verdictText.ts). */
export function headlineVerdict(r: HeadlineRow): string {
  const c = headlineCase(r);
  return say(HEADLINE_VERDICT, c.case, c.direction ? { direction: c.direction } : {});
}

export function headlineRows(b: ResultsBundle): HeadlineRow[] {
  const rows: HeadlineRow[] = [];
  const t2 = loadPaperTable('table2-leaderboard').rows;
  const t3 = loadPaperTable('table3-loss-ablation').rows;
  const dm = loadPaperTable('decontaminated-models').rows;
  const score = (data: string, base: string) => t2.find((r) => r.data === data && r.base === base)?.score;
  const bases = ['Llama-3.1-8B', 'Gemma-2-27B'];
  for (const e of b.experiments) {
    if (e.id === 'judgebench') continue;
    const refLabel = e.variants[0].label;
    const sig = experimentSignals(b, e.variants[0], ['held-out/overall', 'lite/score']);
    const signal = { heldOut: sig['held-out/overall'].signal, score: sig['lite/score'].signal };
    for (const v of e.variants.slice(1)) {
      const d = e.differences[v.runId] ?? [];
      let paper: HeadlineRow['paper'] = null;
      if (e.id === 'loss-ablation' || e.id === 'transformer-loss-ablation') {
        const bt = t3.find((r) => r.lossKey === 'bt'),
          x = t3.find((r) => r.lossKey === lossVariantId(v.runId));
        paper = bt && x ? [{ base: 'Gemma-2-27B', delta: x.score - bt.score }] : null;
      } else if (e.id === 'data-ablation') {
        paper = bases.flatMap((base) => {
          const pool = score('Preference 378K', base),
            cur = score('Skywork 80K v0.1', base);
          return pool !== undefined && cur !== undefined ? [{ base, delta: pool - cur }] : [];
        });
      } else if (e.id === 'decontamination' && v.runId === 'contaminated-alpacaeval') {
        paper = bases.flatMap((base) => {
          const v1 = dm.find((r) => r.base === base && r.version === 'v0.1'),
            v2 = dm.find((r) => r.base === base && r.version === 'v0.2');
          return v1 && v2 ? [{ base, delta: v1.score - v2.score }] : [];
        });
      }
      rows.push({
        experimentId: e.id,
        variant: v.label,
        runId: v.runId,
        experiment: e.title.replace(/ \(.*\)$/, ''),
        comparison: `${v.label} − ${refLabel}`,
        modelBackend: modelBackends([e.variants[0], v]),
        heldOut: d.find((x) => x.metric === 'held-out/overall'),
        score: d.find((x) => x.metric === 'lite/score'),
        paper,
        signal,
      });
    }
  }
  return rows;
}

export function headlineTable(b: ResultsBundle): ReportTable {
  const rows = headlineRows(b).map((r) => [
    r.experiment,
    r.comparison,
    r.modelBackend,
    fmtDiff(r.heldOut, r.signal.heldOut),
    fmtDiff(r.score, r.signal.score),
    r.paper?.length ? r.paper.map((p) => `${signed(p.delta)} (${p.base})`).join('; ') : '–',
    headlineVerdict(r),
  ]);
  return {
    id: 'experiment-headline',
    title: "Headline: each ablation's effect, ours (measured) beside the paper (reported)",
    columns: [
      { label: 'Experiment', align: 'left' },
      { label: 'Comparison (variant − reference)', align: 'left' },
      { label: `${OURS_LABEL}: model / backend`, align: 'left' },
      { label: `${OURS_LABEL}: Δ held-out`, align: 'right' },
      { label: `${OURS_LABEL}: Δ RB-lite score`, align: 'right' },
      { label: `${PAPER_LABEL}: Δ RewardBench score`, align: 'right' },
      { label: 'Verdict', align: 'left' },
    ],
    rows,
    breaks: [],
    notes: [
      `${OURS_LABEL}: seed-paired differences in points, mean [95% CI] over ` +
        `seeds ${b.preset.seeds.join(', ')} (preset ${b.preset.name}${otherSeeds(b)}); * = the CI excludes 0 ` +
        `on a metric with signal; "no signal" = the reference model does not beat chance and the best length ` +
        `baseline there (src/experiments/signal.ts), so the difference is not read.`,
      `${PAPER_LABEL}: differences of the printed RewardBench scores (paper Table 2, Table 3 and the ` +
        `decontamination table; data/paper). Paper data ablation = 378K pool − 80K v0.1; decontamination = v0.1 ` +
        `− v0.2.`,
      'Verdicts read only metrics with signal and compare like with like: our RB-lite direction beside the ' +
        "paper's RewardBench direction; the paper has no held-out numbers, so a held-out effect is stated " +
        "without a comparison. Absolute levels of our from-scratch models and the paper's 8B/27B models are " +
        'not comparable.',
    ],
  };
}

/** "; <experiment>: seeds 1, 2, 3" for each experiment whose reference trained on other seeds than the preset's. */
function otherSeeds(b: ResultsBundle): string {
  const same = (a: number[]) => a.join(',') === b.preset.seeds.join(',');
  return b.experiments
    .filter((e) => e.variants[0] && !same(e.variants[0].seeds))
    .map(
      (e) => `; ${shortLabel(e.title).replace(/^./, (c) => c.toLowerCase())}: seeds ${e.variants[0].seeds.join(', ')}`,
    )
    .join('');
}

// --- the answer on the first screen (README, CONCLUSIONS.md, notebook 06, the book's index) ---

const f1 = (x: number) => x.toFixed(1);
const withCi = (m: { mean: number; ci95?: [number, number] } | undefined) =>
  m ? `${f1(m.mean)}%${m.ci95 ? ` [${f1(m.ci95[0])}, ${f1(m.ci95[1])}]` : ''}` : 'n/a';
const diffText = (d: Difference | undefined) =>
  d ? `${signed(d.mean)}${d.ci95 ? ` [${signed(d.ci95[0])}, ${signed(d.ci95[1])}]` : ''}` : 'not measured';

/** One loss ablation (the bow's, or the transformer's) in one line: BT, BT-margin and focal, then the rest. */
function lossAnswer(b: ResultsBundle, rows: HeadlineRow[], experimentId: string): string | undefined {
  const e = b.experiments.find((x) => x.id === experimentId);
  if (!e) return undefined;
  const ref = e.variants[0];
  const mine = rows.filter((r) => r.experimentId === experimentId);
  const sig = experimentSignals(b, ref, ['held-out/overall']);
  const who = `${modelBackends(e.variants)}, ${ref.seeds.length} seeds`;
  if (!sig['held-out/overall'].signal)
    return (
      `**Loss (${who})**: no signal: held-out accuracy BT ${withCi(ref.metrics['held-out/overall'])} is not ` +
      `above both chance and ${baselineText(sig['held-out/overall'].baseline)} beyond its seed CI, so no ` +
      `loss is ranked.`
    );
  const named = (id: string) => {
    const r = mine.find((x) => lossVariantId(x.runId ?? '') === id);
    const word = !r?.heldOut?.exceeds ? 'within noise' : r.heldOut.mean > 0 ? 'better' : 'worse';
    return r ? `${id === 'bt-margin' ? 'BT-margin' : 'focal'} ${diffText(r.heldOut)} points (${word})` : undefined;
  };
  const rest = mine.filter((r) => !/^(bt-margin|focal)$/.test(lossVariantId(r.runId ?? '')));
  const better = rest.filter((r) => r.heldOut?.exceeds && r.heldOut.mean > 0).map((r) => shortLabel(r.variant));
  const worse = rest.filter((r) => r.heldOut?.exceeds && r.heldOut.mean < 0).map((r) => shortLabel(r.variant));
  const top = [named('bt-margin'), named('focal')].filter(Boolean).join(', ');
  const others = rest.length
    ? `; of the other ${rest.length} losses, ${better.length ? `${better.join(', ')} beat BT` : 'none beats BT'}` +
      `${worse.length ? `; ${worse.join(' and ')} fall behind it` : ''} (beyond the seed CI)`
    : '';
  return `**Loss (${who})**: held-out accuracy BT ${withCi(ref.metrics['held-out/overall'])}; ${top}${others}.`;
}

/** "Focal (γ = 2)" -> "focal", "BT + reward centring (λ = 0.01)" -> "BT + reward centring": labels short in prose. */
const shortLabel = (label = '') => label.replace(/ \(.*\)$/, '');

/**
 * The results in at most six lines, with numbers and intervals, for the top of every results page: which loss wins,
 * curated vs uncurated, what replicates the paper and what does not, and on which model and backend. Read only from
 * the bundle (headline rows and signal.ts), so it says what the last reproduce measured.
 */
export function headlineAnswer(b: ResultsBundle): string[] {
  const rows = headlineRows(b);
  const lines: string[] = [];
  const losses = b.experiments.filter((e) => /loss-ablation$/.test(e.id)).map((e) => lossAnswer(b, rows, e.id));
  lines.push(...losses.filter((x): x is string => Boolean(x)));
  const data = b.experiments.find((e) => e.id === 'data-ablation');
  if (data) {
    const r = (id: string) => rows.find((x) => x.experimentId === 'data-ablation' && x.variant === runLabel(data, id));
    const pool = b.mixes.uncurated?.trainPairs,
      cur = b.mixes.curated?.trainPairs;
    lines.push(
      `**Curated vs uncurated (${modelBackends(data.variants)})**: the uncurated ` +
        `pool${pool && cur ? ` (${(pool / cur).toFixed(1)}x the pairs)` : ''} ` +
        `moves held-out accuracy by ${diffText(r('uncurated-equal-steps')?.heldOut)} at equal steps and ` +
        `${diffText(r('uncurated-equal-epochs')?.heldOut)} at equal epochs (points, seed-paired 95% CI): ` +
        `${poolVerdict(r('uncurated-equal-steps')?.heldOut, 'at equal steps')}, ` +
        `${poolVerdict(r('uncurated-equal-epochs')?.heldOut, `given ${stepsRatio(data)}x the steps`)}.`,
    );
  }
  const cases = rows.map((r) => ({ r, c: headlineCase(r).case }));
  const agree = cases.filter((x) => x.c === 'agrees').map((x) => shortLabel(x.r.variant));
  const disagree = cases.filter((x) => x.c === 'disagrees').map((x) => shortLabel(x.r.variant));
  const score = referenceSignals(b)['lite/score'] as ReturnType<typeof referenceSignals>[string] | undefined;
  const replicates = lossReplicates(rows);
  lines.push(
    `**Against the paper**: ${replicates}` +
      `${agree.length ? `; same direction on RewardBench: ${agree.join(', ')}` : ''}` +
      `${disagree.length ? `; opposite direction: ${disagree.join(', ')}` : ''}. ` +
      (score && !score.signal
        ? `The paper's RewardBench effects (its curated 80K beating its 378K pool, cross-entropy's drop) cannot be ` +
          `checked: our BT scores ${withCi(score.reference)} on RB-lite, ` +
          `${score.chance === 'above' ? 'above chance' : score.chance === 'below' ? 'below chance' : score.chance}` +
          ' and ' +
          `${score.baseline ? `under ${score.baseline.label} ${f1(score.baseline.mean)}%` : ''} (no signal).`
        : ''),
  );
  if (b.skipped?.length)
    lines.push(`**Not run**: ${b.skipped.map((s) => s.id).join(', ')} (${b.skipped[0].reason.replace(/ \(.*$/, '')}).`);
  return lines.slice(0, 6);
}

const runLabel = (e: ResultsBundle['experiments'][number], runId: string) =>
  e.variants.find((v) => v.runId === runId)?.label;

/** The paper's Table 3 finding (BT on top) against ours on held-out accuracy, the metric with signal. */
function lossReplicates(rows: HeadlineRow[]): string {
  const t3 = new Set(loadPaperTable('table3-loss-ablation').rows.map((r) => r.lossKey));
  const loss = rows.filter((r) => r.experimentId === 'loss-ablation' && r.signal.heldOut);
  if (!loss.length) return 'the loss ranking cannot be checked (no signal on held-out accuracy)';
  const beatBt = loss.filter((r) => t3.has(lossVariantId(r.runId ?? '')) && r.heldOut?.exceeds && r.heldOut.mean > 0);
  return beatBt.length
    ? `BT on top of Table 3's losses does not replicate ` +
        `(${beatBt.map((r) => shortLabel(r.variant)).join(', ')} beat it on held-out)`
    : "BT on top of the paper's Table 3 losses replicates on held-out accuracy (none beats it beyond the seed CI)";
}

/** How many times the equal-epochs pool run's steps exceed the curated run's. */
function stepsRatio(e: ResultsBundle['experiments'][number]): string {
  const ref = e.variants[0].steps[0],
    pool = e.variants.find((v) => v.runId === 'uncurated-equal-epochs')?.steps[0];
  return ref && pool ? (pool / ref).toFixed(1) : '?';
}

/** "curated wins at equal steps" / "the pool wins ..." / "no difference ..." from a pool − curated difference. */
function poolVerdict(d: Difference | undefined, when: string): string {
  if (!d?.exceeds) return `no difference beyond the noise ${when}`;
  return d.mean < 0 ? `curated wins ${when}` : `the pool wins ${when}`;
}

/** The best trivial baseline as a reader names it ("longer response wins 54.9%"). */
function baselineText(b: { label: string; mean: number } | undefined): string {
  return b ? `${b.label} ${b.mean.toFixed(1)}%` : 'the length baselines';
}
