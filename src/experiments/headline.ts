// The headline table for the README: per comparison, our seed-paired difference (held-out accuracy and
// RewardBench-lite score) beside the paper's difference for the same comparison, and a verdict read from the CIs.
import { loadPaperTable } from '../report/paperData.js';
import { OURS_LABEL, PAPER_LABEL, type ReportTable } from '../report/tableRender.js';
import { chanceRelation, type Difference } from './aggregate.js';
import type { ResultsBundle } from './results.js';
import { HEADLINE_VERDICT, say } from './verdictText.js';
import { fmtDiff, modelBackends, signed } from './format.js';
import { lossVariantId } from './plan.js';

export interface HeadlineRow {
  /** The experiment's id in the bundle (loss-ablation, data-ablation, ...). */
  experimentId?: string;
  /** The variant's label, without the reference. */
  variant?: string;
  experiment: string;
  comparison: string;
  /** What trained both rows of the comparison (model / backend). */
  modelBackend: string;
  heldOut?: Difference;
  score?: Difference;
  /** The paper's score difference for the same comparison, per base model, or null when the paper has none. */
  paper: { base: string; delta: number }[] | null;
  /** Whether the reference's seed CI lies above chance on held-out / RB-lite score (only those carry a verdict). */
  signal: { heldOut: boolean; score: boolean };
}

/** Which verdict holds: agreement of our differences with the paper's, read only where our CI resolves a direction. */
export function headlineCase(r: HeadlineRow): { case: keyof typeof HEADLINE_VERDICT; direction?: string } {
  const ours = [r.signal.heldOut ? r.heldOut : undefined, r.signal.score ? r.score : undefined].filter(
    (d): d is Difference => Boolean(d?.exceeds),
  );
  if (!ours.length) return { case: [r.heldOut, r.score].some((d) => d?.exceeds) ? 'moved-below-chance' : 'unresolved' };
  const dirs = [...new Set(ours.map((d) => Math.sign(d.mean)))];
  if (dirs.length > 1) return { case: 'metrics-disagree' };
  if (!r.paper?.length) return { case: 'no-paper-number', direction: dirs[0] > 0 ? 'up' : 'down' };
  const paperDirs = [...new Set(r.paper.map((p) => Math.sign(p.delta)))];
  if (paperDirs.length > 1) return { case: 'paper-models-disagree' };
  return { case: paperDirs[0] === dirs[0] ? 'agrees' : 'disagrees' };
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
    const signal = {
      heldOut: chanceRelation(e.variants[0].metrics['held-out/overall']) === 'above',
      score: chanceRelation(e.variants[0].metrics['lite/score']) === 'above',
    };
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
    fmtDiff(r.heldOut),
    fmtDiff(r.score),
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
      `${OURS_LABEL}: seed-paired differences in points, mean [95% CI] over seeds ${b.preset.seeds.join(', ')} (preset ${b.preset.name}); * = the CI excludes 0.`,
      `${PAPER_LABEL}: differences of the printed RewardBench scores (paper Table 2, Table 3 and the decontamination table; data/paper). Paper data ablation = 378K pool − 80K v0.1; decontamination = v0.1 − v0.2.`,
      "Verdicts read only metrics on which the reference model's seed CI lies above chance, and compare directions only where our CI resolves one; absolute levels of our from-scratch models and the paper's 8B/27B models are not comparable.",
    ],
  };
}
