// Small helpers behind notebooks/02_curation.ipynb: a curation run's step reports as a funnel table, pair counts as
// Figure 1 composition rows (with Table 1's averages measured by the workbench tokenizer), and a pair table's
// selection scores as one-response groups, so the Figure 2 spec can draw the quantity top-k actually ranks.
import type { PreferencePair, ResponseGroup } from '../data/schema.js';
import type { StepReport } from '../curate/report.js';
import { fmtInt, type ReportTable } from '../report/tableRender.js';

// Composition rows and Table 1's statistics live with curation (the experiments write them too); the notebooks
// reach them through this module as before.
export { compositionRows, compositionStatistics } from '../curate/composition.js';

function droppedText(dropped: Record<string, number>): string {
  const parts = Object.entries(dropped)
    .filter(([, n]) => n > 0)
    .map(([why, n]) => `${why}: ${fmtInt(n)}`);
  return parts.length ? parts.join('; ') : '–';
}

/** Every step of a recipe in order: what went in, what stayed, and why the rest went. */
export function stepFunnelTable(
  steps: readonly StepReport[],
  id = 'curation-steps',
  title = 'Curation steps: kept and dropped per step',
): ReportTable {
  return {
    id,
    title,
    columns: [
      { label: '#', align: 'right' },
      { label: 'Step', align: 'left' },
      { label: 'Scope', align: 'left' },
      { label: 'In', align: 'right' },
      { label: 'Kept', align: 'right' },
      { label: 'Dropped (by reason)', align: 'left' },
    ],
    rows: steps.map((s, i) => [
      String(i + 1),
      s.step,
      s.scope ?? '–',
      fmtInt(s.input),
      fmtInt(s.kept),
      droppedText(s.dropped),
    ]),
    breaks: [],
    notes: [
      'Pair-making steps count input groups (prompts with N responses); filters count pairs, so In = Kept + dropped.',
    ],
  };
}

/**
 * Pairs as one-response groups grouped by source, the response's score being `scoreOf(pair)` (pairs without a
 * score are left out). Feeding these to figure2ScoreDistributions with per-source offsets draws the adjusted
 * selection score each source enters top-k with.
 */
export function selectionScoreGroups(
  pairs: readonly PreferencePair[],
  scoreOf: (p: PreferencePair) => number | undefined,
): Record<string, ResponseGroup[]> {
  const out: Record<string, ResponseGroup[]> = {};
  for (const p of pairs) {
    const s = scoreOf(p);
    if (s === undefined || !Number.isFinite(s)) continue;
    (out[p.source] ??= []).push({
      id: p.id,
      source: p.source,
      prompt: p.prompt,
      responses: [{ text: p.chosen, score: s }],
    });
  }
  return Object.fromEntries(
    Object.keys(out)
      .sort()
      .map((k) => [k, out[k]]),
  );
}
