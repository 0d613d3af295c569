// Helpers behind notebooks/01_sources.ipynb: what every offline source file yields when loaded (rows read, items
// kept, quarantine reasons), the paper's sources beside their offline stand-ins (shared/data/README.md), and one
// readable sample of a preference pair.
import type { LoadReport } from '../data/loadReport.js';
import { totalQuarantined } from '../data/loadReport.js';
import { lastUserText, type PreferencePair } from '../data/schema.js';
import type { SourceEntry } from '../data/sources.js';
import { fmtInt, type ReportTable } from './tableRender.js';

/** One paper source, the role it plays in the Skywork mix, and the offline source ids that play it here. */
export interface PaperRole {
  paperSource: string;
  role: string;
  standIns: string[];
}

const ALPACAEVAL_IDS = Array.from({ length: 11 }, (_, k) => `alpacaeval-bon-${k}`);

/** The mapping table of shared/data/README.md, as data. magpie-po-example is the README's format sample of Magpie-PO. */
export const PAPER_SOURCE_ROLES: readonly PaperRole[] = [
  {
    paperSource: 'HelpSteer2 (human ratings → pairs)', role: 'human-rated general chat',
    standIns: ['hh-helpful-base', 'hh-helpful-online', 'hh-helpful-rejection-sampled', 'pandalm-testset',
      'llmbar-processed-mtbench', 'llmbar-processed-llmeval2', 'llmbar-processed-faireval'],
  },
  { paperSource: 'WildGuardMix (two-stage RM filter)', role: 'adversarial safety', standIns: ['hh-harmless-base'] },
  {
    paperSource: 'Magpie Ultra/Pro/Air (ArmoRM scores, offsets, per-category top-k)', role: 'AI-judged best vs worst of N',
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
  const parts = Object.entries(q).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([r, n]) => `${r}: ${fmtInt(n)}`);
  return parts.length ? parts.join('; ') : '–';
}

/** One row per source file: role, what an item is, rows read, items kept, rows quarantined and why. */
export function sourceInventoryTable(sources: readonly LoadedSource[], title = 'Every offline source file, loaded'): ReportTable {
  return {
    id: 'source-inventory',
    title,
    columns: [
      { label: 'Source id', align: 'left' }, { label: 'Role', align: 'left' }, { label: 'Item', align: 'left' },
      { label: 'Rows read', align: 'right' }, { label: 'Kept', align: 'right' }, { label: 'Quarantined', align: 'right' },
      { label: 'Quarantine reasons', align: 'left' },
    ],
    rows: sources.map((s) => [
      s.entry.id, s.entry.role, ITEM_UNITS[s.kind] ?? s.kind, fmtInt(s.report.read), fmtInt(s.report.kept),
      fmtInt(totalQuarantined(s.report)), reasonsText(s.report.quarantined),
    ]),
    breaks: [],
    notes: [
      'Rows read = kept + quarantined for a loader that yields one item per row; XSTest builds each prompt\'s pair from five completion files.',
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
    for (const s of held) units.set(ITEM_UNITS[s.kind] ?? s.kind, (units.get(ITEM_UNITS[s.kind] ?? s.kind) ?? 0) + s.report.kept);
    const amount = [...units].map(([u, n]) => `${fmtInt(n)} ${u}`).join(' + ');
    return [r.paperSource, r.role, r.standIns.length ? compactIds(r.standIns) : 'none offline', amount || '–'];
  });
  return {
    id: 'paper-roles',
    title: 'The paper\'s sources and their offline stand-ins (same role, real data, smaller)',
    columns: [
      { label: 'Paper source', align: 'left' }, { label: 'Role in the mix', align: 'left' },
      { label: 'Offline stand-in', align: 'left' }, { label: 'Kept items (ours, measured)', align: 'right' },
    ],
    rows,
    breaks: [],
    notes: ['Mapping from shared/data/README.md. Items are counted after each loader\'s quarantine; pairing and curation come later (notebook 02).'],
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
  if (p.chosenScore !== undefined && p.rejectedScore !== undefined) extra.push(`scores ${+p.chosenScore.toFixed(3)} vs ${+p.rejectedScore.toFixed(3)}`);
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
