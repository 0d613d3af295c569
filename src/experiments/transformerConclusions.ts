// CONCLUSIONS.md's section on the transformer loss ablation, read from the results bundle it was merged into
// (transformerAblation.ts): what trained (model, backend, size, stopping), what it cost, whether the transformer
// learns at all (its BT model against chance and against the best trivial baseline on the held-out pairs), and only
// then the seed-paired loss differences, compared with the bag-of-n-grams model's ablation on the same pairs.
import { chanceRelation, type Difference, type MetricSummary } from './aggregate.js';
import { modelBackends, signed } from './format.js';
import type { BaselineSummary, ExperimentSummary, ResultsBundle } from './results.js';

const HELD_OUT = 'held-out/overall';
const f1 = (x: number) => x.toFixed(1);
const ci = (m: MetricSummary | undefined) =>
  m ? `${f1(m.mean)}${m.ci95 ? ` [${f1(m.ci95[0])}, ${f1(m.ci95[1])}]` : ''}` : 'n/a';
const diffText = (d: Difference | undefined) =>
  d
    ? `${signed(d.mean)}${d.ci95 ? ` [${signed(d.ci95[0])}, ${signed(d.ci95[1])}]` : ''}` +
      `${d.exceeds ? ', beyond the seed CI' : ', within the seed noise'}`
    : 'n/a';

/** Does the reference (BT) transformer learn: its held-out seed CI against chance and the best trivial baseline. */
export interface TransformerSignal {
  bt: MetricSummary;
  chance: ReturnType<typeof chanceRelation>;
  /** The trivial rule (longer / shorter response wins) with the higher held-out accuracy, percent. */
  baseline: { label: string; value: number } | null;
  /** learns: CI above chance and above the best trivial baseline; chance-only: above chance, not above the rule. */
  verdict: 'learns' | 'chance-only' | 'no-signal';
}

export function transformerSignal(
  e: ExperimentSummary,
  baselines: readonly BaselineSummary[],
): TransformerSignal | undefined {
  const ref = e.variants.find((v) => v.runId === e.reference);
  const bt = ref?.metrics[HELD_OUT];
  if (!bt) return undefined;
  const rules = baselines
    .filter((b) => b.name !== 'random' && b.metrics[HELD_OUT])
    .map((b) => ({ label: b.label.replace(/^baseline: /, ''), value: b.metrics[HELD_OUT].mean }))
    .sort((a, z) => z.value - a.value);
  const baseline = rules[0] ?? null;
  const chance = chanceRelation(bt);
  const aboveRule = !baseline || (bt.ci95 !== undefined && bt.ci95[0] > baseline.value);
  return {
    bt,
    chance,
    baseline,
    verdict: chance === 'above' ? (aboveRule ? 'learns' : 'chance-only') : 'no-signal',
  };
}

const SIGNAL_TEXT: Record<TransformerSignal['verdict'], string> = {
  learns:
    'The BT transformer learns beyond chance and beyond the best trivial rule ({rule} {ruleValue}) on the ' +
    'held-out pairs, so its loss differences on that metric are read below.',
  'chance-only':
    'The BT transformer is above chance on the held-out pairs but not beyond the best trivial rule ({rule} ' +
    '{ruleValue}): no signal beyond what response length gives, so its loss differences are shown, not read ' +
    'as findings.',
  'no-signal':
    'The BT transformer is {relation} on the held-out pairs (the best trivial rule, {rule}, reaches ' +
    '{ruleValue}): no signal here, so its loss differences are shown, not read as findings.',
};

/** The bag-of-n-grams model's verdict on a loss, to set beside the transformer's (same pairs, more seeds). */
function bowDiff(b: ResultsBundle, lossId: string): Difference | undefined {
  return b.experiments.find((x) => x.id === 'loss-ablation')?.differences[lossId]?.find((d) => d.metric === HELD_OUT);
}

/** What the ablation cost and where its runs stopped, and whether the committed results are current. */
function costLines(t: ResultsBundle['transformerAblation']): string[] {
  if (!t) return [];
  const runs = t.cost.runs;
  const stops = runs.map(
    (r) =>
      `${r.runId.replace(/^transformer-/, '')} ` +
      `s${r.seed}: ${r.bestStep ?? '?'}${r.stoppedAtStep ? ` (stopped at ${r.stoppedAtStep})` : ''}`,
  );
  const wall =
    t.cost.wallSeconds === null
      ? '; the wall clock of the whole command was not recorded (the file was written from reused runs)'
      : `; ${f1(t.cost.wallSeconds / 60)} min wall on ${t.cost.workers} workers`;
  const out = [
    '',
    `Cost: ${runs.length} runs, ${f1(t.cost.trainSeconds / 60)} min of training ` +
      `and ${f1(t.cost.evalSeconds / 60)} min of evaluation, each run's own clock summed over the runs ` +
      `(they ran side by side on shared cores)${wall}. Step whose weights were kept (lowest validation ` +
      `loss): ${stops.join('; ')}.`,
  ];
  if (!t.status.current)
    out.push(
      '',
      `These committed results are stale on this checkout: ${t.status.why}. They are shown as computed; ` +
        `\`${t.command}\` recomputes them.`,
    );
  return out;
}

/** Section 7 of CONCLUSIONS.md. */
export function transformerAblationSection(b: ResultsBundle): string[] {
  const heading = '## 7. Loss ablation on the transformer';
  const e = b.experiments.find((x) => x.id === 'transformer-loss-ablation');
  const t = b.transformerAblation;
  if (!e) {
    const skipped = b.skipped?.find((x) => x.id === 'transformer-loss-ablation');
    return [
      '',
      heading,
      '',
      skipped
        ? `Not run on this machine: ${skipped.reason}.`
        : 'No committed results: `rmw experiment transformer-loss-ablation --out figures/results` trains it ' +
          'on this machine and writes them here.',
    ];
  }
  const seeds = t?.seeds ?? e.variants[0].seeds;
  const signal = transformerSignal(e, t?.baselines ?? b.baselines);
  const adapters = [...new Set(e.variants.flatMap((v) => (v.adapter ? [v.adapter] : [])))];
  const lines = ['', heading, ''];
  lines.push(
    `Ours, model / backend: ${modelBackends(e.variants)}` +
      `${adapters.length ? ` (WebGPU adapter ${adapters.join('; ')})` : ''}.`,
    '',
    `${t ? `Size and stopping: ${t.sizingLine}. ` : ''}Seeds ${seeds.join(', ')}; trained on the curated ` +
      `mix (data hash ${e.variants[0].mix.sha256.slice(0, 12)}) and scored on the same held-out pairs as ` +
      `the sections above.${t ? ` Written by \`${t.command}\`.` : ''}`,
  );
  lines.push(...costLines(t));
  lines.push('', '| Loss | Held-out | Δ held-out vs BT | RB-lite score | Δ held-out vs BT, bow model (section 1) |');
  lines.push('| --- | ---: | --- | ---: | --- |');
  for (const v of e.variants) {
    const ref = v.runId === e.reference;
    const d = e.differences[v.runId]?.find((x) => x.metric === HELD_OUT);
    const bow = bowDiff(b, v.runId.replace(/^transformer-/, ''));
    lines.push(
      `| ${v.label} | ${ci(v.metrics[HELD_OUT])} | ${ref ? '(reference)' : diffText(d)} ` +
        `| ${ci(v.metrics['lite/score'])} | ${ref ? '(reference)' : diffText(bow)} |`,
    );
  }
  if (!signal) return lines;
  const text = SIGNAL_TEXT[signal.verdict]
    .replace('{rule}', signal.baseline?.label ?? 'none')
    .replace('{ruleValue}', signal.baseline ? f1(signal.baseline.value) : 'n/a')
    .replace('{relation}', signal.chance);
  lines.push('', `Does it learn? BT held-out ${ci(signal.bt)} against chance (50) and the trivial rules. ${text}`);
  if (signal.verdict === 'learns') {
    const resolved = (v: { runId: string }, sign: number) =>
      e.differences[v.runId]?.some((d) => d.metric === HELD_OUT && d.exceeds && Math.sign(d.mean) === sign);
    const better = e.variants.filter((v) => resolved(v, 1)).map((v) => v.label);
    const worse = e.variants.filter((v) => resolved(v, -1)).map((v) => v.label);
    lines.push(
      '',
      better.length || worse.length
        ? `On held-out accuracy, ` +
            `${better.length ? `${better.join(', ')} beat${better.length === 1 ? 's' : ''} BT` : 'no loss beats BT'}` +
            `${worse.length ? `; ${worse.join(', ')} ${worse.length === 1 ? 'is' : 'are'} worse than BT` : ''}` +
            ', beyond the seed CI.'
        : `On held-out accuracy no loss differs from BT beyond the seed noise (${seeds.length} seeds).`,
    );
  }
  lines.push(
    '',
    `Why this may differ from the bag-of-n-grams verdict in section 1: the transformer has ${seeds.length} ` +
      `seeds against ${b.preset.seeds.length}, so its seed-paired CIs are wider; it reads only the ` +
      `last ${t?.sizing.model.maxTokens ?? 128} tokens of each ` +
      `item${t ? "; and it is stopped on a validation split rather than trained for the preset's epochs" : ''}.`,
  );
  return lines;
}
