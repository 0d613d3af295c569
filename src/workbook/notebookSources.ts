// Helpers behind notebooks/01_sources.ipynb: what every offline source file yields when loaded (rows read, items
// kept, quarantine reasons), the paper's sources beside their offline stand-ins (shared/data/README.md), and one
// readable sample of a preference pair.
import type { LoadReport } from '../data/loadReport.js';
import { totalQuarantined } from '../data/loadReport.js';
import { lastUserText, type PreferencePair } from '../data/schema.js';
import type { SourceEntry } from '../data/sources.js';
import { fmtInt, type ReportTable } from '../report/tableRender.js';
import { NEUTRAL_COLORS, OURS_COLORS, OURS_NAME, axis, baseLayout, type PlotlyFigure } from '../report/theme.js';

/** One paper source, the role it plays in the Skywork mix, and the offline source ids that play it here. */
export interface PaperRole {
  paperSource: string;
  role: string;
  standIns: string[];
}

const ALPACAEVAL_IDS = Array.from({ length: 11 }, (_, k) => `alpacaeval-bon-${k}`);

/** The mapping table of shared/data/README.md, as data. magpie-po-example is the README's format sample of Magpie-PO.
 * */
export const PAPER_SOURCE_ROLES: readonly PaperRole[] = [
  {
    paperSource: 'HelpSteer2 (human ratings → pairs)',
    role: 'human-rated general chat',
    standIns: [
      'hh-helpful-base',
      'hh-helpful-online',
      'hh-helpful-rejection-sampled',
      'pandalm-testset',
      'llmbar-processed-mtbench',
      'llmbar-processed-llmeval2',
      'llmbar-processed-faireval',
    ],
  },
  { paperSource: 'WildGuardMix (two-stage RM filter)', role: 'adversarial safety', standIns: ['hh-harmless-base'] },
  {
    paperSource: 'Magpie Ultra/Pro/Air (ArmoRM scores, offsets, per-category top-k)',
    role: 'AI-judged best vs worst of N',
    standIns: [...ALPACAEVAL_IDS, 'ultrafeedback-train', 'ultrafeedback-eval', 'magpie-po-example'],
  },
  { paperSource: 'Magpie math focus', role: 'verifiable math', standIns: ['gsm8k-model-solutions'] },
  { paperSource: 'OffsetBias', role: 'bias-countering pairs', standIns: [] },
];

/** What one item of a source is, by the loader's kind (sourceKind). */
export const ITEM_UNITS: Readonly<Record<string, string>> = {
  'preference-pairs': 'pairs',
  'alpacaeval-judgements': 'judged samples',
  'response-groups': 'prompts × 5 responses',
  'xstest-completions': 'labelled completions',
  'rmbench-items': 'prompts × 3×3 styled pairs',
  'judgebench-pairs': 'pairs',
  'judgebench-scores': 'scored pairs',
  'mtbench-questions': 'questions',
};

export interface LoadedSource {
  entry: SourceEntry;
  kind: string;
  report: LoadReport<unknown>;
}

function reasonsText(q: Record<string, number>): string {
  const parts = Object.entries(q)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([r, n]) => `${r}: ${fmtInt(n)}`);
  return parts.length ? parts.join('; ') : '–';
}

/** One row per source file: role, what an item is, rows read, items kept, rows quarantined and why. */
export function sourceInventoryTable(
  sources: readonly LoadedSource[],
  title = 'Every offline source file, loaded',
): ReportTable {
  return {
    id: 'source-inventory',
    title,
    columns: [
      { label: 'Source id', align: 'left' },
      { label: 'Role', align: 'left' },
      { label: 'Item', align: 'left' },
      { label: 'Rows read', align: 'right' },
      { label: 'Kept', align: 'right' },
      { label: 'Quarantined', align: 'right' },
      { label: 'Quarantine reasons', align: 'left' },
    ],
    rows: sources.map((s) => [
      s.entry.id,
      s.entry.role,
      ITEM_UNITS[s.kind] ?? s.kind,
      fmtInt(s.report.read),
      fmtInt(s.report.kept),
      fmtInt(totalQuarantined(s.report)),
      reasonsText(s.report.quarantined),
    ]),
    breaks: [],
    notes: [
      "Rows read = kept + quarantined for a loader that yields one item per row; XSTest builds each prompt's " +
        'pair from five completion files.',
      'Every file was checked against its pinned sha256 before parsing (data/sources.json).',
    ],
  };
}

/** The paper's sources beside their offline stand-ins, with how much each stand-in holds (kept items). */
export function paperRoleTable(sources: readonly LoadedSource[]): ReportTable {
  const byId = new Map(sources.map((s) => [s.entry.id, s]));
  const rows = PAPER_SOURCE_ROLES.map((r) => {
    const held = r.standIns.map((id) => byId.get(id)).filter((s): s is LoadedSource => s !== undefined);
    const units = new Map<string, number>();
    for (const s of held)
      units.set(ITEM_UNITS[s.kind] ?? s.kind, (units.get(ITEM_UNITS[s.kind] ?? s.kind) ?? 0) + s.report.kept);
    const amount = [...units].map(([u, n]) => `${fmtInt(n)} ${u}`).join(' + ');
    return [r.paperSource, r.role, r.standIns.length ? compactIds(r.standIns) : 'none offline', amount || '–'];
  });
  return {
    id: 'paper-roles',
    title: "The paper's sources and their offline stand-ins (same role, real data, smaller)",
    columns: [
      { label: 'Paper source', align: 'left' },
      { label: 'Role in the mix', align: 'left' },
      { label: 'Offline stand-in', align: 'left' },
      { label: 'Kept items (ours, measured)', align: 'right' },
    ],
    rows,
    breaks: [],
    notes: [
      "Mapping from shared/data/README.md. Items are counted after each loader's quarantine; pairing and " +
        'curation come later (notebook 02).',
    ],
  };
}

/** alpacaeval-bon-0 … alpacaeval-bon-10 written once as a range. */
function compactIds(ids: readonly string[]): string {
  const bon = ids.filter((id) => /^alpacaeval-bon-\d+$/.test(id));
  const rest = ids.filter((id) => !bon.includes(id));
  return [...(bon.length > 1 ? [`${bon[0]} … ${bon[bon.length - 1]}`] : bon), ...rest].join(', ');
}

function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

/** A pair as five short lines: id, last user turn, chosen, rejected, and the source's own margin/scores if any. */
export function describePair(p: PreferencePair, width = 160): string {
  const extra: string[] = [];
  if (p.margin !== undefined) extra.push(`margin ${+p.margin.toFixed(3)}`);
  if (p.chosenScore !== undefined && p.rejectedScore !== undefined)
    extra.push(`scores ${+p.chosenScore.toFixed(3)} vs ${+p.rejectedScore.toFixed(3)}`);
  if (p.category) extra.push(`category ${p.category}`);
  if (p.subset) extra.push(`subset ${p.subset}`);
  const turns = p.prompt.length > 1 ? ` (${p.prompt.length} prompt turns)` : '';
  return [
    `${p.id}${turns}${extra.length ? `  [${extra.join(', ')}]` : ''}`,
    `  user:     ${clip(lastUserText(p.prompt), width)}`,
    `  chosen:   ${clip(p.chosen, width)}`,
    `  rejected: ${clip(p.rejected, width)}`,
  ].join('\n');
}

/** Per source: mean characters of chosen and rejected, and the share of pairs whose chosen response is longer. */
export function responseLengthTable(pairsBySource: Readonly<Record<string, readonly PreferencePair[]>>): ReportTable {
  const rows = Object.entries(pairsBySource)
    .filter(([, ps]) => ps.length > 0)
    .map(([source, ps]) => {
      let c = 0;
      let r = 0;
      let longer = 0;
      let ties = 0;
      for (const p of ps) {
        c += p.chosen.length;
        r += p.rejected.length;
        if (p.chosen.length > p.rejected.length) longer++;
        else if (p.chosen.length === p.rejected.length) ties++;
      }
      return [
        source,
        fmtInt(ps.length),
        fmtInt(c / ps.length),
        fmtInt(r / ps.length),
        `${((100 * longer) / ps.length).toFixed(1)}%`,
        `${((100 * ties) / ps.length).toFixed(1)}%`,
      ];
    });
  return {
    id: 'response-lengths',
    title: 'Is the chosen response simply the longer one? (ours, measured)',
    columns: [
      { label: 'Source', align: 'left' },
      { label: 'Pairs', align: 'right' },
      { label: 'Mean chars, chosen', align: 'right' },
      { label: 'Mean chars, rejected', align: 'right' },
      { label: 'Chosen longer', align: 'right' },
      { label: 'Same length', align: 'right' },
    ],
    rows,
    breaks: [],
    notes: [
      'Characters = UTF-16 code units of the final response only (the prompt is shared). 50% would mean ' +
        'length says nothing about the label.',
    ],
  };
}

/** Stacked horizontal bars: items kept and rows quarantined per source file, in the given order (top to bottom). */
export function sourceCountsFigure(sources: readonly LoadedSource[]): PlotlyFigure {
  const ids = sources.map((s) => s.entry.id);
  const y = [...ids].reverse();
  const pick = (f: (s: LoadedSource) => number) => [...sources].reverse().map(f);
  const layout = baseLayout(
    'What each offline source file yields when loaded',
    `${OURS_NAME}: items kept by the loader and rows quarantined (with a reason), ${sources.length} files`,
  );
  layout.barmode = 'stack';
  layout.xaxis = axis('count (items kept / rows quarantined)');
  layout.yaxis = axis('', { categoryorder: 'array', categoryarray: y, tickfont: { size: 11 } });
  layout.legend = { orientation: 'h', x: 0, y: 1.0, yanchor: 'bottom', xanchor: 'left', traceorder: 'normal' };
  layout.margin = { l: 230, r: 30, t: 110, b: 60 };
  return {
    id: 'source-counts',
    data: [
      {
        type: 'bar',
        orientation: 'h',
        name: 'kept',
        y,
        x: pick((s) => s.report.kept),
        marker: { color: OURS_COLORS[1] },
      },
      {
        type: 'bar',
        orientation: 'h',
        name: 'quarantined',
        y,
        x: pick((s) => totalQuarantined(s.report)),
        marker: { color: NEUTRAL_COLORS[7] },
      },
    ],
    layout,
    width: 900,
    height: 180 + 17 * sources.length,
  };
}
