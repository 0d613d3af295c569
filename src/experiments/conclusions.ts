// CONCLUSIONS.md, written by code from the results bundle and the paper's tables (data/paper): every measured
// number in it comes from the bundle, every paper number from loadPaperTable. A difference is called a difference
// only when its seed-paired 95% CI excludes 0, and only metrics whose reference CI clears chance carry a verdict.
// This file decides which case of each verdict holds; the sentences themselves are data in verdictText.ts.
import { loadPaperTable } from '../report/paperData.js';
import {
  chanceRelation,
  HEADLINE_METRICS,
  type Difference,
  type MetricSummary,
  type VariantSummary,
} from './aggregate.js';
import { modelBackends, signed } from './format.js';
import { headlineAnswer } from './headline.js';
import { experimentSignals } from './signal.js';
import { lossVariantId, type ExperimentId } from './plan.js';
import type { ExperimentSummary, ResultsBundle } from './results.js';
import { transformerAblationSection } from './transformerConclusions.js';
import {
  BELOW_CHANCE_SUBSETS,
  DATA_ABLATION_VERDICT,
  DECONTAMINATION_VERDICT,
  DIFFERENCE,
  LOSS_AGREEMENT,
  LOSS_METRIC_CAVEAT,
  LOSS_STANDING,
  LOSS_UNTESTED_BETTER,
  LOSS_WORSE,
  MODELS_ARE,
  POOL_HELD_OUT,
  POOL_SCORE,
  POOL_SCORE_CAVEAT,
  POOL_SIZE,
  POOL_VS_CURATED,
  SAFETY_BELOW_CHANCE,
  SAFETY_HELD_OUT,
  SAFETY_SCORER_KEPT,
  SAFETY_VERDICT,
  SIGNAL_METRICS,
  TRAINED_ON,
  beats,
  say,
  type Direction,
} from './verdictText.js';

const f1 = (x: number) => x.toFixed(1);
const ci = (m: MetricSummary | undefined) =>
  m ? `${f1(m.mean)}${m.ci95 ? ` [${f1(m.ci95[0])}, ${f1(m.ci95[1])}]` : ''}` : 'n/a';
const label = (key: string) => HEADLINE_METRICS.find((m) => m.key === key)?.label ?? key;

/** A difference in running text; on a metric without signal (signal.ts) it is never called a difference. */
function diffText(d: Difference | undefined, signal = true): string {
  if (!d) return say(DIFFERENCE, 'missing');
  const c = d.ci95 ? ` [${signed(d.ci95[0])}, ${signed(d.ci95[1])}]` : ' (one seed: no CI)';
  return say(DIFFERENCE, !signal ? 'no signal' : d.exceeds ? 'beyond' : 'within', { diff: signed(d.mean), ci: c });
}

const exp = (b: ResultsBundle, id: ExperimentSummary['id']) => b.experiments.find((e) => e.id === id);
const diff = (e: ExperimentSummary | undefined, runId: string, metric: string) =>
  e?.differences[runId]?.find((d) => d.metric === metric);
const variant = (e: ExperimentSummary | undefined, runId: string) => e?.variants.find((v) => v.runId === runId);
/** What trained an experiment's rows: "Ours: bow / cpu." (with the WebGPU adapter where there was one). */
const trainedBy = (e: ExperimentSummary) => {
  const adapters = [...new Set(e.variants.flatMap((v) => (v.adapter ? [v.adapter] : [])))];
  return (
    `Ours, model / backend: ${modelBackends(e.variants)}` +
    `${adapters.length ? ` (WebGPU adapter ${adapters.join('; ')})` : ''}.`
  );
};

/** Sign of a difference when it exceeds the CI: 1, -1, or 0 (no resolved difference). */
const resolved = (d: Difference | undefined) => (d?.exceeds ? Math.sign(d.mean) : 0);
/** The same as a case name. */
const direction = (d: Difference | undefined): Direction => {
  const r = resolved(d);
  return r > 0 ? 'up' : r < 0 ? 'down' : 'none';
};

/**
 * The data ablation's sentence against the paper, from the resolved directions (+1 / -1 / 0) of the held-out
 * differences "pool - curated" at equal steps and at equal epochs, and of every metric that carries signal.
 */
export function dataAblationVerdict(steps: number, epochs: number, decisive: number[], ratio: string): string {
  const up = decisive.some((x) => x > 0),
    down = decisive.some((x) => x < 0);
  const c: keyof typeof DATA_ABLATION_VERDICT =
    steps < 0 && epochs > 0
      ? 'agree-steps-disagree-epochs'
      : up && !down
        ? 'disagree'
        : down && !up
          ? 'agree'
          : decisive.some((x) => x !== 0)
            ? 'mixed'
            : 'unresolved';
  return say(DATA_ABLATION_VERDICT, c, { ratio });
}

function signalSection(b: ResultsBundle, ref: VariantSummary): string[] {
  const lines = ['## Which metrics carry signal', ''];
  const sig = experimentSignals(b, ref);
  const base = (name: string) => b.baselines.find((x) => x.name === name);
  lines.push(
    `Reference model (${ref.label}, seeds ${ref.seeds.join(', ')}) against chance (50%) and the length ` +
      `baselines. A metric carries signal when the reference's seed CI lies above chance and above the ` +
      `better length baseline (src/experiments/signal.ts); every figure and table draws the others as "no signal":`,
    '',
  );
  lines.push(
    '| Metric | ours: mean [95% CI] | vs chance | longer response wins | shorter response wins | signal |',
    '| --- | ---: | --- | ---: | ---: | --- |',
  );
  for (const m of HEADLINE_METRICS)
    lines.push(
      `| ${m.label} | ${ci(ref.metrics[m.key])} | ${sig[m.key].chance} ` +
        `| ${ci(base('longer-response-wins')?.metrics[m.key])} ` +
        `| ${ci(base('shorter-response-wins')?.metrics[m.key])} | ${sig[m.key].signal ? 'yes' : 'no'} |`,
    );
  const aggregates = new Set(['lite/score', 'lite/Chat', 'lite/Chat Hard', 'lite/Safety', 'lite/Reasoning']);
  const below = Object.keys(ref.metrics).filter(
    (k) => k.startsWith('lite/') && !aggregates.has(k) && chanceRelation(ref.metrics[k]) === 'below',
  );
  const above = HEADLINE_METRICS.filter((m) => sig[m.key].signal).map((m) => m.label);
  lines.push('', say(SIGNAL_METRICS, above.length ? 'some' : 'none', { metrics: above.join(', ') }));
  const subsets = below.map((k) => `${k.slice(5)} ${ci(ref.metrics[k])}`).join('; ');
  const belowText = say(BELOW_CHANCE_SUBSETS, below.length ? 'some' : 'none', { subsets });
  if (belowText) lines.push('', belowText);
  return lines;
}

/** The loss ablation of one model (the bow's, or the transformer's on the GPU path) against paper Table 3. */
function lossSection(b: ResultsBundle, id: ExperimentId, heading: string): string[] {
  const e = exp(b, id);
  if (!e) return [];
  const t3 = loadPaperTable('table3-loss-ablation');
  const paperBest = [...t3.rows].sort((a, z) => z.score - a.score)[0];
  const paperWorst = [...t3.rows].sort((a, z) => a.score - z.score)[0];
  const lines = [
    heading,
    '',
    `Paper (${t3.baseModel}, ${t3.data}): best ${paperBest.loss} ${f1(paperBest.score)}, worst ` +
      `${paperWorst.loss} ${f1(paperWorst.score)}; spread ${f1(paperBest.score - paperWorst.score)} points.`,
    '',
    trainedBy(e),
    '',
  ];
  lines.push(
    '| Loss | Held-out | RB-lite score | Δ held-out vs BT | Δ score vs BT |',
    '| --- | ---: | ---: | ---: | ---: |',
  );
  const sig = experimentSignals(b, e.variants[0], ['held-out/overall', 'lite/score']);
  const cell = (v: { runId: string }, m: string) =>
    v.runId === e.reference ? '(reference)' : diffText(diff(e, v.runId, m), sig[m].signal);
  for (const v of e.variants) {
    lines.push(
      `| ${v.label} | ${ci(v.metrics['held-out/overall'])} | ${ci(v.metrics['lite/score'])} ` +
        `| ${cell(v, 'held-out/overall')} | ${cell(v, 'lite/score')} |`,
    );
  }
  for (const metric of ['held-out/overall', 'lite/score']) {
    const better = e.variants.filter((v) => resolved(diff(e, v.runId, metric)) > 0).map((v) => v.label);
    const worse = e.variants.filter((v) => resolved(diff(e, v.runId, metric)) < 0).map((v) => v.label);
    const ranked = [...e.variants].sort((a, z) => z.metrics[metric].mean - a.metrics[metric].mean);
    const rank = ranked.findIndex((v) => v.runId === e.reference) + 1;
    const standing = say(LOSS_STANDING, better.length ? 'behind' : rank === 1 ? 'top' : 'tied', {
      better: better.join(', '),
      beat: beats(better.length),
      rank,
      count: ranked.length,
    });
    const caveat = say(LOSS_METRIC_CAVEAT, sig[metric].signal ? 'above chance' : 'other', {
      relation: sig[metric].note.replace(/^no signal here: /, ''),
    });
    const worseText = say(LOSS_WORSE, worse.length ? 'some' : 'none', { worse: worse.join(', ') });
    lines.push('', `On ${label(metric)}: Bradley-Terry is ${standing}${worseText}${caveat}.`);
  }
  const bt = e.variants.find((v) => v.runId === e.reference)!;
  const held = sig['held-out/overall'].signal ? 'above' : chanceRelation(bt.metrics['held-out/overall']);
  // The paper's claim is about its Table 3 losses; variants it did not test (BT with margin, centring) are told apart.
  const inTable3 = new Set(t3.rows.map((r) => r.lossKey));
  const beatsBt = (v: { runId: string }) => resolved(diff(e, v.runId, 'held-out/overall')) > 0;
  const inPaper = (v: { runId: string }) => inTable3.has(lossVariantId(v.runId));
  const betterHeld = e.variants.filter((v) => inPaper(v) && beatsBt(v)).map((v) => v.label);
  const betterExtra = e.variants.filter((v) => !inPaper(v) && beatsBt(v)).map((v) => v.label);
  const agreement = say(LOSS_AGREEMENT, betterHeld.length ? 'disagree' : held === 'above' ? 'agree' : 'unresolved', {
    better: betterHeld.join(', '),
    beat: beats(betterHeld.length),
  });
  const untested = say(LOSS_UNTESTED_BETTER, betterExtra.length ? 'some' : 'none', {
    better: betterExtra.join(', '),
    beat: beats(betterExtra.length),
  });
  lines.push(
    '',
    `Agreement with the paper: the paper finds BT on top of its Table 3 losses, most within about a point. ` +
      `${agreement} ` +
      untested +
      "The paper's cross-entropy drop (its Chat fell to 74.9) is a statement about a 27B model's absolute " +
      'reward scale; our rewards start at 0 and are small, where cross-entropy on r_c and r_r separately is ' +
      'not far from BT.',
  );
  return lines;
}

function pairSection(
  b: ResultsBundle,
  title: string,
  paperLine: string,
  e: ExperimentSummary | undefined,
  metrics: string[],
  agreement: (e: ExperimentSummary) => string,
): string[] {
  if (!e) return [];
  const lines = [title, '', `Paper: ${paperLine}`, '', `Question: ${e.question}`, '', trainedBy(e), ''];
  lines.push(`| Variant | ${metrics.map(label).join(' | ')} |`, `| --- | ${metrics.map(() => '---:').join(' | ')} |`);
  for (const v of e.variants) lines.push(`| ${v.label} | ${metrics.map((m) => ci(v.metrics[m])).join(' | ')} |`);
  const sig = experimentSignals(b, e.variants[0], metrics);
  for (const v of e.variants.slice(1))
    lines.push(
      `| Δ ${v.label} − reference | ` +
        `${metrics.map((m) => diffText(diff(e, v.runId, m), sig[m].signal)).join(' | ')} |`,
    );
  lines.push('', agreement(e));
  return lines;
}

/** Which models the bundle's variants are (results written before the kind was recorded hold bow only). */
function modelsCase(b: ResultsBundle): keyof typeof MODELS_ARE {
  const kinds = new Set(b.experiments.flatMap((e) => e.variants.map((v) => v.model ?? 'bow')));
  return kinds.has('transformer') ? (kinds.size > 1 ? 'both' : 'transformer') : 'bow';
}

export function conclusionsMarkdown(b: ResultsBundle): string {
  const lossE = exp(b, 'loss-ablation');
  const ref = lossE?.variants[0] ?? b.experiments[0]?.variants[0];
  const t2 = loadPaperTable('table2-leaderboard');
  const dm = loadPaperTable('decontaminated-models');
  const paperData = t2.rows.filter((r) => r.block === 'data-ablation' || r.block === 'skywork');
  const lines: string[] = [
    "# Conclusions: the paper's lessons at workbench scale",
    '',
    ...headlineAnswer(b).map((l) => `- ${l}`),
    '',
    `Generated by \`src/experiments/conclusions.ts\` from \`experiments.json\` in this folder (preset ` +
      `${b.preset.name}: ${b.preset.description}; seeds ${b.preset.seeds.join(', ')}) and the paper's numbers ` +
      `in \`data/paper/\`. Do not edit by hand: \`npm run reproduce\` rewrites it.`,
    '',
    `All numbers are percent. Ours: mean over training seeds with a t-based 95% CI (bootstrap CIs within each ` +
      `run are in experiments.json). "Beyond the seed CI" means the seed-paired difference's 95% CI excludes 0. ` +
      `The models are ${say(MODELS_ARE, modelsCase(b))} trained from scratch on ` +
      say(TRAINED_ON, b.mixes.curated ? 'curated' : 'no-curated-mix', { pairs: b.mixes.curated?.trainPairs ?? 0 }) +
      `, scored on RewardBench-lite (proxies where RewardBench data is not offline); the paper fine-tuned 8B ` +
      `and 27B LLMs. Absolute levels are not comparable; directions are.`,
    '',
  ];
  if (ref) lines.push(...signalSection(b, ref), '');
  lines.push(...lossSection(b, 'loss-ablation', '## 1. Loss ablation (paper Table 3)'), '');
  const data = exp(b, 'data-ablation');
  lines.push(
    ...pairSection(
      b,
      '## 2. Data ablation: curated mix vs uncurated pool (paper Table 2)',
      paperData.map((r) => `${r.model}${r.data ? ` (${r.data})` : ''} ${f1(r.score)}`).join('; ') + '.',
      data,
      ['held-out/overall', 'lite/score', 'rmbench/avg', 'judgebench/overall'],
      (e) => {
        const s = diff(e, 'uncurated-equal-steps', 'held-out/overall');
        const ep = diff(e, 'uncurated-equal-epochs', 'held-out/overall');
        const sc = diff(e, 'uncurated-equal-epochs', 'lite/score');
        const pool = b.mixes.uncurated,
          cur = b.mixes.curated;
        const ratio = pool && cur ? (pool.trainPairs / cur.trainPairs).toFixed(1) : 'many';
        const size = say(POOL_SIZE, pool && cur ? 'known' : 'unknown', {
          pool: pool?.trainPairs ?? 0,
          curated: cur?.trainPairs ?? 0,
          ratio,
        });
        const scoreSignal = experimentSignals(b, e.variants[0], ['lite/score'])['lite/score'].signal;
        const decisive = [s, ep, ...(scoreSignal ? [sc] : [])].map(resolved);
        return (
          `${size}At equal steps the uncurated pool is ${say(POOL_VS_CURATED, direction(s))} the curated mix ` +
          `on held-out accuracy; at equal epochs (${variant(e, 'uncurated-equal-epochs')?.steps[0] ?? '?'} vs ` +
          `${e.variants[0].steps[0]} steps) it is ${say(POOL_HELD_OUT, direction(ep))} on held-out accuracy ` +
          `and ${say(POOL_SCORE, direction(sc))} on the RB-lite ` +
          `score${say(POOL_SCORE_CAVEAT, scoreSignal ? 'signal' : 'below chance')}. ` +
          `The paper's curated 80K beats its 378K pool (both trained for 2 epochs, our equal-epochs case); ` +
          `${dataAblationVerdict(resolved(s), resolved(ep), decisive, ratio)}`
        );
      },
    ),
    '',
  );
  const dec = exp(b, 'decontamination');
  lines.push(
    ...pairSection(
      b,
      '## 3. Decontamination (80K v0.1 vs v0.2)',
      dm.rows.map((r) => `${r.model} ${r.version} ${f1(r.score)} (Chat ${f1(r.sections.Chat)})`).join('; ') + '.',
      dec,
      ['lite/alpacaeval (proxy)', 'lite/Chat', 'lite/score', 'held-out/overall'],
      (e) => {
        const a = diff(e, 'contaminated-alpacaeval', 'lite/alpacaeval (proxy)');
        const s = diff(e, 'contaminated-alpacaeval', 'lite/score');
        // In the contamination table's row order (not the labels' key order, which a JSON round trip sorts).
        const t7 = b.contamination.find((t) => t.n === 7);
        return (
          `Training on the contaminated AlpacaEval pairs moves the AlpacaEval-prompt proxy by ${diffText(a)} ` +
          `and the RB-lite score by ${diffText(s)}. ` +
          `7-gram contamination (unique training prompts sharing a 7-gram with a benchmark prompt): ${(t7?.rows ?? [])
            .filter((r) => b.contaminationLabels[r.source] !== undefined)
            .map((r) => `${b.contaminationLabels[r.source]} ${r.contaminatedPrompts}`)
            .join('; ')}. ` +
          `The paper saw the score rise slightly after decontamination; ` +
          `${say(DECONTAMINATION_VERDICT, resolved(a) > 0 ? 'inflated' : 'not inflated')}`
        );
      },
    ),
    '',
  );
  const saf = exp(b, 'safety-filter');
  lines.push(
    ...pairSection(
      b,
      '## 4. Two-stage safety filter (WildGuardMix role)',
      'the filter kept WildGuardMix pairs an RM trained on the other sources already ranked right; Safety ' +
        'rose while Chat, Chat Hard and Reasoning were largely preserved (README wording, no table).',
      saf,
      ['lite/Safety', 'lite/Chat', 'lite/Chat Hard', 'lite/Reasoning', 'held-out/hh-harmless'],
      (e) => {
        const sDiff = diff(e, 'no-filter', 'lite/Safety');
        const hDiff = diff(e, 'no-filter', 'held-out/hh-harmless');
        const stage2 = b.mixes.curated?.steps.find((x) => x.step.endsWith('stageTwo'));
        const kept = say(
          SAFETY_SCORER_KEPT,
          !stage2 ? 'unknown' : stage2.kept < stage2.input / 2 ? 'under half' : 'half or more',
          stage2 ? { kept: stage2.kept, input: stage2.input, percent: f1((100 * stage2.kept) / stage2.input) } : {},
        );
        const bothBelow = [e.variants[0], variant(e, 'no-filter')].every(
          (v) => v && chanceRelation(v.metrics['lite/Safety']) === 'below',
        );
        return (
          `Unfiltered minus filtered: Safety ${diffText(sDiff)}; held-out HH harmless ${diffText(hDiff)}. ${kept}` +
          say(SAFETY_HELD_OUT, direction(hDiff)) +
          say(SAFETY_VERDICT, direction(sDiff)) +
          say(SAFETY_BELOW_CHANCE, resolved(sDiff) !== 0 && bothBelow ? 'moved, both below chance' : 'other')
        );
      },
    ),
    '',
  );
  const off = exp(b, 'offsets-topk');
  lines.push(
    ...pairSection(
      b,
      '## 5. Score offsets and per-category top-k (Magpie role)',
      'offsets of −0.1 / −0.05 and top 30% math and code / top 10% other; the paper reports no ablation of either.',
      off,
      ['held-out/overall', 'lite/score', 'held-out/alpacaeval-bon', 'held-out/ultrafeedback'],
      (e) =>
        `Without offsets: held-out ${diffText(diff(e, 'no-offsets', 'held-out/overall'))}; without top-k: ` +
        `held-out ${diffText(diff(e, 'no-topk', 'held-out/overall'))}, RB-lite score ` +
        `${diffText(diff(e, 'no-topk', 'lite/score'))}. ` +
        'Without top-k the mix keeps more AI-judged pairs; without offsets the same number of pairs is kept ' +
        'but fewer come from the weakest generator. The paper gives no numbers to agree or disagree with.',
    ),
    '',
  );
  const jb = exp(b, 'judgebench');
  if (jb) {
    const refs = b.judgebenchReference;
    const ours = jb.variants[0];
    lines.push('## 6. JudgeBench leaderboard', '', trainedBy(jb), '', '| Model | Overall |', '| --- | ---: |');
    for (const r of refs)
      lines.push(`| ${r.judgeModel} (stored scores, JudgeBench rule) | ${f1(100 * r.accuracy.overall)} |`);
    for (const v of jb.variants) lines.push(`| ${v.label} | ${ci(v.metrics['judgebench/overall'])} |`);
    for (const x of b.baselines) lines.push(`| ${x.label} | ${ci(x.metrics['judgebench/overall'])} |`);
    const best = Math.max(...refs.map((r) => 100 * r.accuracy.overall));
    lines.push(
      '',
      `Our curated BT model is ${chanceRelation(ours.metrics['judgebench/overall'])} on JudgeBench; the real ` +
        `reward models reach up to ${f1(best)}. ` +
        'JudgeBench pairs differ in objective correctness of long reasoning, which a bag of n-grams cannot check.',
    );
  }
  lines.push(...transformerAblationSection(b));
  lines.push(
    '',
    '## Limits',
    '',
    `- Scale: bag-of-n-grams models from scratch (${ref ? ref.config : ''}) vs fine-tuned 8B/27B LLMs; ` +
      `${b.mixes.curated?.trainPairs ?? '?'} curated pairs vs the paper's ` +
      `${loadPaperTable('table1-composition').total.pairs}.`,
    '- Stand-ins: AlpacaEval best-of-N, UltraFeedback and a Magpie sample play Magpie; HH-RLHF, PandaLM and ' +
      'LLMBar play HelpSteer2; HH harmless plays WildGuardMix; no OffsetBias.',
    '- RewardBench-lite: chat uses RM-Bench proxies of the AlpacaEval prompts, refusals use RM-Bench safety ' +
      'items, math-prm uses held-out GSM8K; MT-Bench and DoNotAnswer subsets are missing.',
    '- Every mix is curated with one seed (1); the CIs are over training seeds (initialisation and batch ' +
      'order), not over data resampling.',
  );
  return `${lines.join('\n')}\n`;
}
