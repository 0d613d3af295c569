// Small fixtures for the notebooks' figures, shaped as the notebooks call them: RM-Bench's three baselines on the
// chat domain (notebook 05), three losses x two seeds on the nine sources of the workbench mix plus "all" (notebook
// 04), with the labels, subtitles and captions the notebooks pass.
import type { PlotlyFigure } from '../../src/report/theme.js';
import { rmBenchMatrixFigure } from '../../src/workbook/notebookEvaluation.js';
import { heldOutAccuracyFigure, trainingCurvesFigure, type AccuracyDot } from '../../src/workbook/notebookTraining.js';

const SOURCES = [
  'alpacaeval-bon',
  'gsm8k',
  'hh-harmless',
  'hh-helpful',
  'llmbar-processed',
  'magpie-po-example',
  'pandalm',
  'ultrafeedback',
  'all',
];
const LOSSES = ['bt', 'bt-margin', 'focal'];

/** A 3x3 matrix and its hard / normal / easy averages (RM-Bench's README: upper triangle, diagonal, lower). */
function rmAcc(m: number[][]) {
  const hard = (m[0][1] + m[0][2] + m[1][2]) / 3;
  const normal = (m[0][0] + m[1][1] + m[2][2]) / 3;
  const easy = (m[1][0] + m[2][0] + m[2][1]) / 3;
  return { matrix: m, hard, normal, easy, avg: (hard + normal + easy) / 3 };
}

export function rmBenchFixture(): PlotlyFigure {
  const panels = [
    {
      label: 'random (seed 1)',
      acc: rmAcc([
        [0.473, 0.512, 0.488],
        [0.496, 0.527, 0.481],
        [0.504, 0.519, 0.535],
      ]),
    },
    {
      label: 'longer-response-wins',
      acc: rmAcc([
        [0.5, 0.062, 0.031],
        [0.938, 0.5, 0.395],
        [0.969, 0.605, 0.5],
      ]),
    },
    {
      label: 'shorter-response-wins',
      acc: rmAcc([
        [0.5, 0.938, 0.969],
        [0.062, 0.5, 0.605],
        [0.031, 0.395, 0.5],
      ]),
    },
  ];
  return rmBenchMatrixFigure(
    panels,
    "ours (measured): baselines on RM-Bench chat (129 prompts, RewardBench's AlpacaEval prompts); % of prompts " +
      'where chosen style beats rejected style',
  );
}

/** Held-out accuracies: per source a level, each loss a little off it, two seeds around the mean. */
export function accuracyDots(): AccuracyDot[] {
  const dots: AccuracyDot[] = [];
  SOURCES.forEach((panel, i) =>
    LOSSES.forEach((label, j) => {
      const mean = 0.45 + 0.05 * (i % 5) + 0.01 * j;
      dots.push({ label, panel, accuracies: [mean - 0.01, mean + 0.01], ci: [mean - 0.06, mean + 0.06] });
    }),
  );
  return dots;
}

export function heldOutFixture(): PlotlyFigure {
  return heldOutAccuracyFigure(accuracyDots(), {
    id: 'notebook04-held-out-accuracy',
    subtitle: 'ours (measured): mean of seeds 1, 2 with Wilson 95% interval; "all" = every held-out pair',
    captionText:
      'Ours: bow model, full preset, workbench mix, seed 1, sha256 35126179c7a4. Small sources have wide intervals; ' +
      'read differences only where intervals separate.',
    baselines: Object.fromEntries(
      SOURCES.map((s, i) => [
        s,
        [
          { name: 'longer-response-wins', label: 'longer response wins', accuracy: 0.4 + 0.03 * i },
          { name: 'shorter-response-wins', label: 'shorter response wins', accuracy: 0.6 - 0.03 * i },
        ],
      ]),
    ),
  });
}

export function curvesFixture(): PlotlyFigure {
  const runs = LOSSES.flatMap((loss) =>
    [1, 2].map((seed) => ({
      label: `${loss}, seed ${seed}`,
      group: loss,
      steps: Array.from({ length: 60 }, (_, s) => ({
        step: s + 1,
        epoch: 0,
        lr: 1e-3,
        loss: 0.7 - 0.002 * s * seed,
        accuracy: 0.5,
        gradNorm: 1,
        clipped: false,
      })),
      evals: [10, 20, 30, 40, 50, 60].map((step) => ({ step, accuracy: 0.5 + step / 1000 })),
    })),
  );
  return trainingCurvesFigure(runs, {
    id: 'notebook04-training-curves',
    model: 'the bag-of-n-grams model (CPU)',
    smooth: 15,
    subtitle: 'ours (measured): bow model, full preset, seeds 1, 2; same data order per seed',
    captionText:
      'Ours: 3786 training and 1294 held-out pairs of the workbench mix, seed 1, sha256 35126179c7a4. Loss values ' +
      'are not comparable across losses; held-out accuracy is. The paper reports no training curves.',
    baselines: [
      { name: 'longer-response-wins', label: 'longer response wins', accuracy: 0.418 },
      { name: 'shorter-response-wins', label: 'shorter response wins', accuracy: 0.582 },
    ],
  });
}

export async function notebookFigures(): Promise<Record<string, PlotlyFigure>> {
  return {
    'rmbench-matrices': rmBenchFixture(),
    'held-out-accuracy': heldOutFixture(),
    'training-curves': curvesFixture(),
  };
}
