// The job's data card (DATA_CARD.md): what the exported files hold beyond the mix itself, i.e. what the chat-template
// rule (roleOrder.ts) merged or dropped in the training and evaluation files, with counts and reasons, and the margin
// column of a BT-with-margin export with where its values come from.
import type { EngineData } from './engineData.js';
import type { JobPlan } from './jobPlan.js';
import { roleReportLines } from './roleOrder.js';

export const DATA_CARD = 'DATA_CARD.md';

export function dataCard(plan: JobPlan, data: EngineData): string {
  const m = data.loss.margins;
  return [
    `# Data card: ${data.train.path}${data.eval ? ` and ${data.eval.path}` : ''}`,
    '',
    `From the mix \`${plan.mix.dir}\` (train.parquet sha256 ` +
      `\`${plan.mix.trainSha256}\`): ${plan.mix.train.length} training pairs,`,
    `${plan.mix.heldOut.length} held out. Base model \`${plan.base.id}\`, whose chat template ` +
      (plan.base.systemRole ? 'takes one system turn first' : 'has no system role') +
      ' and needs user and assistant turns to alternate.',
    '',
    '## Conversations checked against the chat template',
    '',
    ...roleReportLines(`training (${data.train.path})`, data.train.roles),
    '',
    ...(data.eval
      ? roleReportLines(`evaluation (${data.eval.path})`, data.eval.roles)
      : [
          plan.mix.heldOut.length
            ? 'evaluation: every held-out pair was dropped by the rule, so there is no evaluation file'
            : 'evaluation: the mix has no held-out split',
        ]),
    '',
    '## Loss and margin',
    '',
    m
      ? `BT with margin: column \`margin\` = the mix's own per-pair margin (${m.fromMix} pairs; range ${m.min} to ` +
        `${m.max}); ${m.missingAsZero} pairs without one have 0 (plain Bradley-Terry for them, as the workbench's ` +
        'bt-margin loss treats them).'
      : 'Bradley-Terry: no `margin` column (TRL would subtract one from the reward gap).',
    '',
  ].join('\n');
}
